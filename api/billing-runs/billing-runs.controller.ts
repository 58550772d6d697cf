// HTTP routes of billing runs (thin: validation + the service).
import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ApiZodBody, ApiZodQuery, isoDate, strictInt, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { idempotencyKeyFrom, requestFingerprint } from '../common/idempotency-key.js';
import { BillingRunsService } from './billing-runs.service.js';

export const StartRunBody = z.strictObject({
  asOf: isoDate,
  dryRun: z.boolean().optional(),
  /** Post the invoices when the run completes (true) or leave drafts (false); unset: PROVISO_RUN_POSTING. */
  post: z.boolean().optional(),
});
const ListQuery = z.strictObject({
  limit: strictInt(1, 500).default(50),
});

@ApiTags('billing-runs')
@ApiBearerAuth()
@Controller('billing-runs')
export class BillingRunsController {
  constructor(private readonly runs: BillingRunsService) {}

  @Post()
  @HttpCode(202)
  @Roles('author')
  @ApiOperation({
    summary:
      'Start a billing run for asOf (bills every unbilled period due up to that date); 202 { id } with Location. With an Idempotency-Key header, a retry (same API key, key and body) answers 200 with the run the first request started',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-255 visible ASCII characters, e.g. a UUID; scoped to the API key' })
  @ApiResponse({ status: 200, description: 'A retry with the same Idempotency-Key and body: the run it started' })
  @ApiResponse({ status: 422, description: 'The Idempotency-Key was used with another body (details name the header)' })
  @ApiZodBody(StartRunBody)
  async start(
    @CurrentKey() actor: AuthenticatedKey | undefined,
    @ZodBody(StartRunBody) body: z.infer<typeof StartRunBody>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = idempotencyKeyFrom(headers);
    const once = key === undefined ? undefined : { scope: actor?.id ?? 'anonymous', route: 'POST /api/billing-runs', key, requestHash: requestFingerprint(body) };
    const { id, replayed } = await this.runs.start({ asOf: body.asOf, dryRun: body.dryRun, post: body.post, trigger: 'api', createdBy: actor?.name ?? null }, once);
    res.status(replayed ? 200 : 202).setHeader('Location', `/api/billing-runs/${id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { id };
  }

  @Get()
  @ApiOperation({ summary: 'Billing runs, newest first' })
  @ApiZodQuery(ListQuery)
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.runs.list(q.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One billing run: status, progress, counts, policy versions used' })
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('author')
  @ApiOperation({ summary: 'Resume a failed run once its cause is fixed: unfinished chunks are worked again, nothing is billed twice' })
  resume(@CurrentKey() actor: AuthenticatedKey | undefined, @Param('id') id: string) {
    return this.runs.resume(id, actor);
  }

  @Get(':id/holds')
  @ApiOperation({ summary: 'Order products the run held, with every reason' })
  holds(@Param('id') id: string) {
    return this.runs.holds(id);
  }

  @Get(':id/errors')
  @ApiOperation({ summary: 'Evaluation errors the run reported, per order product' })
  errors(@Param('id') id: string) {
    return this.runs.errors(id);
  }
}
