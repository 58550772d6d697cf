// Response schemas of the billing-run routes (the OpenAPI description).
import { z } from 'zod';
import { pageSchema } from '../common/cursor.js';
import { TraceEntrySchema } from '../common/result-schemas.js';

export const PolicyVersionRefSchema = z
  .strictObject({ document: z.string(), name: z.string(), version: z.int(), checksum: z.string() })
  .meta({ id: 'PolicyVersionRef' });

export const BillingRunSchema = z
  .strictObject({
    id: z.string(),
    asOf: z.string().describe('YYYY-MM-DD'),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    progress: z.strictObject({ done: z.int(), total: z.int() }),
    counts: z.strictObject({ lines: z.int(), invoices: z.int(), holds: z.int(), errors: z.int() }),
    policyVersions: z.array(PolicyVersionRefSchema),
    dryRun: z.boolean(),
    postInvoices: z.boolean(),
    trigger: z.enum(['schedule', 'api', 'cli']),
    scheduleKey: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'BillingRun' });

export const StartedRunSchema = z.strictObject({ id: z.string() }).meta({ id: 'StartedRun' });

export const RunHoldSchema = z
  .strictObject({ orderProductId: z.string(), reasons: z.array(z.string()), policies: z.array(z.string()), trace: z.array(TraceEntrySchema).nullable().describe('null when the hold has none') })
  .meta({ id: 'RunHold' });

export const RunErrorSchema = z
  .strictObject({ orderProductId: z.string(), code: z.string(), message: z.string(), policy: z.string().nullable() })
  .meta({ id: 'RunError' });

export const BillingRunPageSchema = pageSchema(BillingRunSchema, 'BillingRunPage');
export const RunHoldPageSchema = pageSchema(RunHoldSchema, 'RunHoldPage');
export const RunErrorPageSchema = pageSchema(RunErrorSchema, 'RunErrorPage');
