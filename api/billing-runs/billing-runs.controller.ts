// HTTP routes of billing runs (thin: validation + the service).
import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { isoDate, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { pageQuery } from '../common/cursor.js';
import { idempotencyKeyFrom, requestFingerprint } from '../common/idempotency-key.js';
import { ApiReturns } from '../common/openapi.js';
import { BillingRunPageSchema, BillingRunSchema, RunErrorPageSchema, RunHoldPageSchema, StartedRunSchema } from './billing-runs.schemas.js';
import { BillingRunsService } from './billing-runs.service.js';

export const StartRunBody = z.strictObject({
  asOf: isoDate,
  dryRun: z.boolean().optional(),
  /** Post the invoices when the run completes (true) or leave drafts (false); unset: PROVISO_RUN_POSTING. */
  post: z.boolean().optional(),
});
const ListQuery = pageQuery(50, 500);
const ItemsQuery = pageQuery(500, 5000);

@ApiTags('billing-runs')
@Controller('billing-runs')
export class BillingRunsController {
  constructor(private readonly runs: BillingRunsService) {}

  @Post()
  @HttpCode(202)
  @Roles('author')
  @ApiOperation({
    operationId: 'startBillingRun',
    summary:
      'Start a billing run for asOf (bills every unbilled period due up to that date); 202 { id }, Location the run. With an Idempotency-Key header, a retry (same API key, key and body) answers 200 with the run the first request started; the same key with another body is a 422',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-255 visible ASCII characters, e.g. a UUID; scoped to the API key' })
  @ApiReturns(StartedRunSchema, { status: 202, location: true })
  @ApiReturns(StartedRunSchema, { status: 200, location: true, description: 'A retry with the same Idempotency-Key and body: the run it started' })
  async start(
    @CurrentKey() actor: AuthenticatedKey | undefined,
    @ZodBody(StartRunBody) body: z.infer<typeof StartRunBody>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = idempotencyKeyFrom(headers);
    const once = key === undefined ? undefined : { scope: actor?.id ?? 'anonymous', route: 'POST /api/billing-runs', key, requestHash: requestFingerprint(body) };
    const { id, replayed } = await this.runs.start({ asOf: body.asOf, dryRun: body.dryRun, post: body.post, trigger: 'api', createdBy: actor?.name ?? null }, once);
    res.status(replayed ? 200 : 202).setHeader('Location', `/api/billing-runs/${encodeURIComponent(id)}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { id };
  }

  @Get()
  @ApiOperation({ operationId: 'listBillingRuns', summary: 'Billing runs, newest first (cursor-paged)' })
  @ApiReturns(BillingRunPageSchema)
  list(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    return this.runs.list(q.limit, q.cursor);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getBillingRun', summary: 'One billing run: status, progress, counts, policy versions used' })
  @ApiReturns(BillingRunSchema)
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('author')
  @ApiOperation({
    operationId: 'resumeBillingRun',
    summary: 'Resume a failed run once its cause is fixed: unfinished chunks are worked again, nothing is billed twice',
  })
  @ApiReturns(BillingRunSchema)
  resume(@CurrentKey() actor: AuthenticatedKey | undefined, @Param('id') id: string) {
    return this.runs.resume(id, actor);
  }

  @Get(':id/holds')
  @ApiOperation({ operationId: 'listRunHolds', summary: 'Order products the run held, with every reason (cursor-paged, by order product)' })
  @ApiReturns(RunHoldPageSchema)
  holds(@Param('id') id: string, @ZodQuery(ItemsQuery) q: z.infer<typeof ItemsQuery>) {
    return this.runs.holds(id, q.limit, q.cursor);
  }

  @Get(':id/errors')
  @ApiOperation({ operationId: 'listRunErrors', summary: 'Evaluation errors the run reported, per order product (cursor-paged)' })
  @ApiReturns(RunErrorPageSchema)
  errors(@Param('id') id: string, @ZodQuery(ItemsQuery) q: z.infer<typeof ItemsQuery>) {
    return this.runs.errors(id, q.limit, q.cursor);
  }
}
