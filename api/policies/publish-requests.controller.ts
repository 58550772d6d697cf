// Four eyes on publishing: requests, the review list, approve and reject.
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ApiZodBody, ApiZodQuery, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { PublishRequestsService, REQUEST_STATUSES } from './publish-requests.service.js';

const RequestBody = z.strictObject({ message: z.string().trim().min(1, 'message must not be empty').max(2000) });
const DecisionBody = z.strictObject({ comment: z.string().trim().min(1, 'comment must not be empty: say why').max(2000) });
const ListQuery = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  documentId: z.string().min(1).max(200).optional(),
});

@ApiTags('policies')
@ApiBearerAuth()
@Controller()
export class PublishRequestsController {
  constructor(private readonly requests: PublishRequestsService) {}

  @Get('publish-requests/settings')
  @ApiOperation({ summary: 'Whether publishing needs the approval of another admin (four eyes, PROVISO_FOUR_EYES)' })
  settings() {
    return { fourEyes: this.requests.enabled() };
  }

  @Post('policies/:id/publish-requests')
  @Roles('author')
  @ApiOperation({ summary: "Ask to publish the document's draft as it is now (four eyes); a different admin approves or rejects it" })
  @ApiResponse({ status: 409, description: 'Four eyes is off, or a request for this document is already waiting' })
  @ApiResponse({ status: 422, description: 'The draft has errors; details = its diagnostics' })
  @ApiZodBody(RequestBody)
  create(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @ZodBody(RequestBody) body: z.infer<typeof RequestBody>) {
    return this.requests.request(actor, id, body.message);
  }

  @Get('publish-requests')
  @ApiOperation({ summary: 'Publish requests, newest first, with the names of the document, requester and decider; { items }' })
  @ApiZodQuery(ListQuery)
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.requests.list(q.status, q.documentId);
  }

  @Get('publish-requests/:id')
  @ApiOperation({ summary: 'One publish request with the source it would publish' })
  get(@Param('id') id: string) {
    return this.requests.get(id);
  }

  @Post('publish-requests/:id/approve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Approve (a different admin than the requester): publishes the request's source as the next version" })
  @ApiResponse({ status: 403, description: 'The requester cannot decide their own request' })
  @ApiResponse({ status: 409, description: 'Already decided, or the document was published since the request' })
  @ApiZodBody(DecisionBody)
  approve(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @ZodBody(DecisionBody) body: z.infer<typeof DecisionBody>) {
    return this.requests.approve(actor, id, body.comment);
  }

  @Post('publish-requests/:id/reject')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reject (a different admin than the requester), with a comment saying why' })
  @ApiResponse({ status: 403, description: 'The requester cannot decide their own request' })
  @ApiResponse({ status: 409, description: 'Already decided' })
  @ApiZodBody(DecisionBody)
  reject(@CurrentKey() actor: AuthenticatedKey, @Param('id') id: string, @ZodBody(DecisionBody) body: z.infer<typeof DecisionBody>) {
    return this.requests.reject(actor, id, body.comment);
  }
}
