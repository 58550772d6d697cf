// Four eyes on publishing: requests, the review list, approve and reject.
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { pageQuery, pageSchema } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { ZodBody, ZodQuery } from '../common/zod-validation.js';
import { PublishRequestsService, REQUEST_STATUSES } from './publish-requests.service.js';

const RequestBody = z.strictObject({
  message: z.string().trim().min(1, 'message must not be empty').max(2000),
  /** A rollback: the earlier version to publish again (its source, not the draft). */
  rollbackTo: z.number().int().min(1).optional(),
});
const DecisionBody = z.strictObject({ comment: z.string().trim().min(1, 'comment must not be empty: say why').max(2000) });
const ListQuery = pageQuery(50, 200).extend({
  status: z.enum(REQUEST_STATUSES).optional(),
  documentId: z.string().min(1).max(200).optional(),
});

const Who = z.strictObject({ id: z.string(), name: z.string() });
const PublishRequestSchema = z
  .strictObject({
    id: z.string(),
    documentId: z.string(),
    documentName: z.string(),
    message: z.string(),
    status: z.enum(REQUEST_STATUSES),
    baseVersion: z.int().nullable().describe('the published version the request was made on (null: never published)'),
    currentVersion: z.int().nullable().describe("the document's published version now: approving is refused once it differs from baseVersion"),
    rollbackTo: z.int().nullable().describe('a rollback: the earlier version whose source the request publishes again (null: the draft)'),
    checksum: z.string(),
    requestedBy: Who,
    requestedAt: z.string(),
    decidedBy: Who.nullable(),
    decidedAt: z.string().nullable(),
    comment: z.string().nullable(),
    publishedVersion: z.int().nullable(),
    source: z.string().optional().describe('the text the request would publish (one request, not the list)'),
  })
  .meta({ id: 'PublishRequest' });
const FourEyesSettingsSchema = z.strictObject({ fourEyes: z.boolean() }).meta({ id: 'FourEyesSettings' });
const ApprovedRequestSchema = z.looseObject({ request: PublishRequestSchema, published: z.looseObject({}) }).meta({ id: 'ApprovedPublishRequest' });

@ApiTags('policies')
@Controller()
export class PublishRequestsController {
  constructor(private readonly requests: PublishRequestsService) {}

  @Get('publish-requests/settings')
  @ApiOperation({ operationId: 'getFourEyesSettings', summary: 'Whether publishing needs the approval of another admin (four eyes, PROVISO_FOUR_EYES)' })
  @ApiReturns(FourEyesSettingsSchema)
  settings() {
    return { fourEyes: this.requests.enabled() };
  }

  @Post('policies/:id/publish-requests')
  @Roles('author')
  @ApiOperation({
    operationId: 'requestPublish',
    summary:
      "Ask to publish the document's draft as it is now, or with `rollbackTo` an earlier version's source again (a rollback under four eyes); a different admin approves or rejects it. 404 when `rollbackTo` names no version; 409 when four eyes is off or a request for this document is already waiting; 422 when the source has errors (details = its diagnostics)",
  })
  @ApiReturns(PublishRequestSchema, { status: 201, location: true })
  async create(
    @CurrentKey() actor: AuthenticatedKey,
    @Param('id') id: string,
    @ZodBody(RequestBody) body: z.infer<typeof RequestBody>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const created = await this.requests.request(actor, id, body.message, body.rollbackTo);
    res.setHeader('Location', `/api/publish-requests/${encodeURIComponent(created.id)}`);
    return created;
  }

  @Get('publish-requests')
  @ApiOperation({ operationId: 'listPublishRequests', summary: 'Publish requests, newest first, with the names of the document, requester and decider (cursor-paged)' })
  @ApiReturns(pageSchema(PublishRequestSchema, 'PublishRequestPage'))
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.requests.list(q.status, q.documentId, q.limit, q.cursor);
  }

  @Get('publish-requests/:id')
  @ApiOperation({ operationId: 'getPublishRequest', summary: 'One publish request with the source it would publish' })
  @ApiReturns(PublishRequestSchema)
  get(@Param('id') id: string) {
    return this.requests.get(id);
  }

  @Post('publish-requests/:id/approve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    operationId: 'approvePublishRequest',
    summary:
      "Approve (a different admin than the requester): publishes the request's source as the next version (a rollback request: audited and announced as a rollback). 403 for the requester; 409 when already decided or the document was published since (the message names both versions)",
  })
  @ApiResponse({ status: 403, description: 'The requester cannot decide their own request' })
  @ApiReturns(ApprovedRequestSchema)
  approve(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @ZodBody(DecisionBody) body: z.infer<typeof DecisionBody>) {
    return this.requests.approve(actor, id, body.comment);
  }

  @Post('publish-requests/:id/reject')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'rejectPublishRequest', summary: 'Reject (a different admin than the requester), with a comment saying why. 403 for the requester; 409 when already decided' })
  @ApiResponse({ status: 403, description: 'The requester cannot decide their own request' })
  @ApiReturns(PublishRequestSchema)
  reject(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @ZodBody(DecisionBody) body: z.infer<typeof DecisionBody>) {
    return this.requests.reject(actor, id, body.comment);
  }
}
