import { Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { pageQuery } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { parseWith, strictInt, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { CheckResultSchema, CreatedDocumentSchema, DeletedDocumentSchema, ArchivedDocumentSchema, KeyIdentitySchema, LibrarySchema, PolicyDocumentPageSchema, PolicyDocumentSchema, PolicyVersionListSchema, PolicyVersionSchema, PublishedVersionSchema, VocabularySchema } from './policies.schemas.js';
import { MAX_TEXT_LENGTH } from '../../dsl/parse/parse-limits.js';
import { abortWhenClientLeaves } from '../common/client-abort.js';
import { PoliciesService } from './policies.service.js';
import { PolicyCheckService } from './policy-check.service.js';
import { PolicyLibraryService } from './policy-library.service.js';

/** Drafts have the same limit as policy files (the DSL refuses longer texts). */
const MAX_SOURCE = MAX_TEXT_LENGTH;
const source = z.string().max(MAX_SOURCE, `source must be at most ${MAX_SOURCE} characters (the limit of a policy file)`);
const CreateBody = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*\.policy$/, 'name must be a file name ending in .policy (letters, digits, . _ - and spaces)'),
  source,
});
const UpdateBody = z.strictObject({ source });
const PublishBody = z.strictObject({ message: z.string().trim().min(1, 'message must not be empty').max(2000) });
const RollbackBody = z.strictObject({
  version: z.number().int().min(1),
  message: z.string().trim().min(1, 'message must not be empty').max(2000),
});
const CheckBody = z.strictObject({ source, name: z.string().min(1).max(200).optional() });

const ListQuery = pageQuery(100, 1000);

function versionParam(v: string): number {
  return parseWith(strictInt(1, 2_147_483_647), v, 'params.version');
}

@ApiTags('policies')
@Controller()
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly library: PolicyLibraryService,
    private readonly checks: PolicyCheckService,
  ) {}

  @Post('policies')
  @Roles('author')
  @ApiOperation({ operationId: 'createPolicy', summary: 'Create a draft policy document; returns its diagnostics (checked with the published library)' })
  @ApiReturns(CreatedDocumentSchema, { status: 201, location: true })
  async create(@CurrentKey() actor: AuthenticatedKey, @ZodBody(CreateBody) body: z.infer<typeof CreateBody>, @Res({ passthrough: true }) res: Response) {
    const created = await this.policies.create(actor, body.name, body.source);
    res.setHeader('Location', `/api/policies/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Get('policies')
  @ApiOperation({
    operationId: 'listPolicies',
    summary: 'Policy documents by name (cursor-paged) with status (draft | published | changed | archived), published version and error counts',
  })
  @ApiReturns(PolicyDocumentPageSchema)
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.policies.list(q.limit, q.cursor);
  }

  @Get('library')
  @ApiReturns(LibrarySchema)
  @ApiOperation({ operationId: 'getPublishedLibrary', summary: "The published library: each document's version in force with its source (the editor checks a draft against it while typing)" })
  publishedLibrary() {
    return this.library.publishedSources();
  }

  @Get('policies/:id')
  @ApiOperation({ operationId: 'getPolicy', summary: 'A document: draft source, diagnostics, current published version and its source' })
  @ApiReturns(PolicyDocumentSchema)
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  @Put('policies/:id')
  @Roles('author')
  @ApiOperation({ operationId: 'updatePolicyDraft', summary: 'Replace the draft source; returns diagnostics' })
  @ApiReturns(CreatedDocumentSchema)
  update(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @ZodBody(UpdateBody) body: z.infer<typeof UpdateBody>) {
    return this.policies.updateDraft(actor, id, body.source);
  }

  @Delete('policies/:id')
  @HttpCode(200)
  @Roles('author')
  @ApiOperation({ operationId: 'deletePolicyDraft', summary: 'Delete a draft document that was never published (published ones are archived by an admin)' })
  @ApiReturns(DeletedDocumentSchema)
  @ApiResponse({ status: 409, description: 'The document has published versions' })
  remove(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.policies.deleteDraft(actor, id);
  }

  @Post('policies/:id/archive')
  @HttpCode(200)
  @Roles('admin')
  @ApiReturns(ArchivedDocumentSchema)
  @ApiOperation({ operationId: 'archivePolicy', summary: 'Archive a published document: it leaves the published library, its versions stay; publishing again restores it' })
  @ApiResponse({ status: 409, description: 'The document was never published (delete the draft instead)' })
  archive(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string) {
    return this.policies.archive(actor, id);
  }

  @Post('policies/:id/publish')
  @Roles('author')
  @ApiOperation({ operationId: 'publishPolicy', summary: 'Publish the draft as a new immutable version; Location the version' })
  @ApiReturns(PublishedVersionSchema, { status: 201, location: true })
  @ApiResponse({ status: 422, description: 'The draft (checked with the library) has errors; details = its diagnostics' })
  async publish(
    @CurrentKey() actor: AuthenticatedKey,
    @Param('id') id: string,
    @ZodBody(PublishBody) body: z.infer<typeof PublishBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const published = await this.policies.publish(actor, id, body.message);
    res.setHeader('Location', versionLocation(id, published.version));
    return published;
  }

  @Get('policies/:id/versions')
  @ApiOperation({ operationId: 'listPolicyVersions', summary: 'Published versions, newest first (without sources)' })
  @ApiReturns(PolicyVersionListSchema)
  versions(@Param('id') id: string) {
    return this.policies.versions(id);
  }

  @Get('policies/:id/versions/:version')
  @ApiOperation({ operationId: 'getPolicyVersion', summary: 'One published version with its source' })
  @ApiReturns(PolicyVersionSchema)
  version(@Param('id') id: string, @Param('version') version: string) {
    return this.policies.version(id, versionParam(version));
  }

  @Post('policies/:id/rollback')
  @Roles('author')
  @ApiOperation({ operationId: 'rollbackPolicy', summary: 'Publish an earlier version again, as a new version (the draft follows); Location the new version. With four eyes on it is refused (409) naming POST /api/policies/:id/publish-requests with `rollbackTo`, which asks another admin to approve it' })
  @ApiReturns(PublishedVersionSchema, { status: 201, location: true })
  @ApiResponse({ status: 422, description: 'That version no longer checks clean with the library' })
  async rollback(
    @CurrentKey() actor: AuthenticatedKey,
    @Param('id') id: string,
    @ZodBody(RollbackBody) body: z.infer<typeof RollbackBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const published = await this.policies.rollback(actor, id, body.version, body.message);
    res.setHeader('Location', versionLocation(id, published.version));
    return published;
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ operationId: 'checkPolicy', summary: 'Check a policy text with the published library; returns diagnostics (never stores anything). Runs in the heavy-work pool (503 past its time budget or when too many wait)' })
  @ApiReturns(CheckResultSchema)
  async check(@ZodBody(CheckBody) body: z.infer<typeof CheckBody>, @Res({ passthrough: true }) res: Response) {
    const diagnostics = await this.checks.check({ name: body.name ?? 'untitled.policy', source: body.source }, abortWhenClientLeaves(res));
    return { diagnostics, errorCount: diagnostics.filter((d) => d.severity === 'error').length };
  }

  @Get('vocabulary')
  @ApiOperation({ operationId: 'getVocabulary', summary: 'The vocabulary manifest: facts, functions, operators, proration methods, rounding modes' })
  @ApiReturns(VocabularySchema)
  vocabulary() {
    return this.library.manifest();
  }

  @Get('me')
  @ApiOperation({ operationId: 'getCurrentKey', summary: 'The API key making the request (name and role)' })
  @ApiReturns(KeyIdentitySchema)
  me(@CurrentKey() key: AuthenticatedKey) {
    return { id: key.id, name: key.name, role: key.role };
  }
}

function versionLocation(id: string, version: number): string {
  return `/api/policies/${encodeURIComponent(id)}/versions/${version}`;
}
