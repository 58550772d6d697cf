// Response schemas of the policy routes (the OpenAPI description).
import { z } from 'zod';
import { pageSchema } from '../common/cursor.js';
import { DiagnosticSchema } from '../common/result-schemas.js';

const STATUS = z.enum(['draft', 'published', 'changed', 'archived']);

export const PolicySummarySchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    status: STATUS,
    publishedVersion: z.int().nullable(),
    currentVersion: z.int().nullable(),
    draftChanged: z.boolean(),
    errorCount: z.int(),
    warningCount: z.int(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'PolicySummary' });

export const PolicyDocumentSchema = PolicySummarySchema.extend({
  draftSource: z.string(),
  publishedSource: z.string().nullable(),
  diagnostics: z.array(DiagnosticSchema),
}).meta({ id: 'PolicyDocument' });

export const PolicyDocumentPageSchema = pageSchema(PolicySummarySchema, 'PolicySummaryPage');

/** Create and update: the document's state and the draft's diagnostics. */
export const CreatedDocumentSchema = z
  .strictObject({ id: z.string(), name: z.string(), status: STATUS, diagnostics: z.array(DiagnosticSchema), errorCount: z.int(), warningCount: z.int() })
  .meta({ id: 'PolicyDraftState' });

export const DeletedDocumentSchema = z.strictObject({ id: z.string(), name: z.string(), deleted: z.literal(true) }).meta({ id: 'DeletedPolicy' });
export const ArchivedDocumentSchema = z.strictObject({ id: z.string(), name: z.string(), status: STATUS }).meta({ id: 'ArchivedPolicy' });

export const PolicyVersionSchema = z
  .strictObject({
    version: z.int(),
    message: z.string(),
    author: z.string(),
    checksum: z.string(),
    createdAt: z.string(),
    source: z.string().optional().describe('in GET .../versions/{version}, not in the list'),
  })
  .meta({ id: 'PolicyVersion' });

export const PolicyVersionListSchema = z.array(PolicyVersionSchema);

export const PublishedVersionSchema = PolicyVersionSchema.extend({ id: z.string(), name: z.string(), diagnostics: z.array(DiagnosticSchema) }).meta({
  id: 'PublishedVersion',
});

export const LibrarySchema = z
  .strictObject({ documents: z.array(z.strictObject({ id: z.string(), name: z.string(), version: z.int(), source: z.string() })) })
  .meta({ id: 'PublishedLibrary' });

export const CheckResultSchema = z.strictObject({ diagnostics: z.array(DiagnosticSchema), errorCount: z.int() }).meta({ id: 'CheckResult' });

/** engine/vocabulary/vocabulary-manifest.ts, field for field. */
const Word = z.strictObject({ name: z.string(), doc: z.string(), origin: z.string(), examples: z.array(z.string()) });
export const VocabularySchema = z
  .strictObject({
    version: z.literal(1),
    facts: z.array(
      z.strictObject({
        path: z.string(),
        type: z.string(),
        optional: z.boolean(),
        scope: z.enum(['line', 'period']),
        doc: z.string(),
        origin: z.string(),
        examples: z.array(z.string()),
        values: z.array(z.string()).optional().describe('allowed values when the type is a closed set'),
      }),
    ),
    functions: z.array(
      Word.extend({
        signature: z.string(),
        returns: z.string(),
        params: z.array(z.strictObject({ name: z.string(), type: z.string(), optional: z.boolean(), values: z.array(z.string()).optional() })),
        checked: z.literal(true).optional().describe('the word has its own static check: POST /api/check reports its diagnostics'),
      }),
    ),
    operators: z.array(Word.extend({ left: z.string(), right: z.string() })),
    prorationMethods: z.array(Word),
    roundingModes: z.array(Word),
  })
  .meta({ id: 'VocabularyManifest' });

export const KeyIdentitySchema = z.strictObject({ id: z.string(), name: z.string(), role: z.enum(['admin', 'author', 'viewer']) }).meta({ id: 'KeyIdentity' });
