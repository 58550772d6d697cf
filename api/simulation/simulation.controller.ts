import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { cursorField } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { isoDate, strictInt, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { ImpactSchema, LineExplanationSchema, SimulateResponseSchema, TimelineSchema } from './simulation.schemas.js';
import { abortWhenClientLeaves } from '../common/client-abort.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './result-pages.js';
import { SimulationService } from './simulation.service.js';

const DraftDocument = z.strictObject({
  id: z.string().min(1).optional(),
  name: z.string().min(1).max(200),
  source: z.string().max(1_000_000),
});
/** Bounded answers: at most `limit` items, then `nextCursor` (pass it back as `cursor` for the next page). */
const limit = strictInt(1, MAX_PAGE_LIMIT).optional();
const cursor = cursorField;
const SimulateBody = z
  .strictObject({
    asOf: isoDate,
    /** These policies alone (no published library). */
    source: z.string().max(1_000_000).optional(),
    /** A draft applied in place of its published version inside the published library. */
    draft: DraftDocument.optional(),
    /** With `draft`: also apply every other unpublished draft (listed in the answer). */
    otherDrafts: z.boolean().optional(),
    book: z.unknown().optional(),
    accountIds: z.array(z.string().min(1)).max(100_000).optional(),
    limit,
    cursor,
  })
  .refine((b) => b.source === undefined || b.draft === undefined, { path: ['draft'], message: 'give either source (policies alone) or draft (applied to the library), not both' })
  .refine((b) => b.otherDrafts === undefined || b.draft !== undefined, { path: ['otherDrafts'], message: 'otherDrafts needs a draft' });
const ImpactBody = z.strictObject({
  asOf: isoDate,
  drafts: z.array(DraftDocument).max(1000).optional(),
  limit,
  cursor,
});
const ExplainQuery = z.strictObject({
  asOf: isoDate.optional(),
});
const TimelineQuery = z.strictObject({
  from: isoDate.optional(),
  months: strictInt(1, 120).default(12),
});

@ApiTags('simulation')
@Controller()
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Post('simulate')
  @HttpCode(200)
  @ApiReturns(SimulateResponseSchema)
  @ApiOperation({
    operationId: 'simulate',
    summary:
      `What a billing run on asOf would do (DESIGN §5 JSON) on the stored book (or a given one): the published library, the library with a draft in place of its published version (draft; \`library\` in the answer names what was used), or the given source alone. Bounded: one page of \`limit\` items in all (default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}): \`invoices\` (by account, currency, invoice date), then \`holds\`, \`errors\` and \`warnings\`; \`totals\` counts and sums the whole result per currency, \`nextCursor\` (null on the last page) goes back as \`cursor\``,
  })
  @ApiResponse({ status: 422, description: 'The given source has errors; details = diagnostics' })
  simulate(@ZodBody(SimulateBody) body: z.infer<typeof SimulateBody>, @Res({ passthrough: true }) res: Response) {
    return this.simulation.simulate(body, abortWhenClientLeaves(res));
  }

  @Post('impact')
  @HttpCode(200)
  @ApiReturns(ImpactSchema)
  @ApiOperation({
    operationId: 'simulateImpact',
    summary:
      `Compare a simulation with the published policies against one with drafts applied (default: every unpublished draft) on the stored book. Bounded: its lists (added, removed, changed, credits, rebilled, newErrors, newlyHeld, released, perAccount, in that order) hold one page of \`limit\` items in all (default ${DEFAULT_PAGE_LIMIT}); \`counts\` and \`total\` are the whole result's, \`nextCursor\` (null on the last page) goes back as \`cursor\``,
  })
  impact(@ZodBody(ImpactBody) body: z.infer<typeof ImpactBody>, @Res({ passthrough: true }) res: Response) {
    return this.simulation.impact(body.asOf, body.drafts, { limit: body.limit, cursor: body.cursor }, abortWhenClientLeaves(res));
  }

  @Get('order-products/:id/timeline')
  @ApiReturns(TimelineSchema)
  @ApiOperation({ operationId: 'getTimeline', summary: "One order product's periods, billing dates, stubs, holds and overrides (default: 12 months from today)" })
  timeline(@Param('id') id: string, @ZodQuery(TimelineQuery) q: z.infer<typeof TimelineQuery>, @Res({ passthrough: true }) res: Response) {
    const from = q.from ?? this.simulation.today();
    return this.simulation.timeline(id, from, q.months, abortWhenClientLeaves(res));
  }

  @Get('order-products/:id/explain')
  @ApiReturns(LineExplanationSchema)
  @ApiOperation({
    operationId: 'explainOrderProduct',
    summary:
      'Why (not) billed: every period up to asOf (default today, UTC) and 12 months ahead: billed (invoice), due, not yet due, held, moved, covered, credited; each with its trace and an explanation',
  })
  explain(@Param('id') id: string, @ZodQuery(ExplainQuery) q: z.infer<typeof ExplainQuery>, @Res({ passthrough: true }) res: Response) {
    return this.simulation.explain(id, q.asOf ?? this.simulation.today(), abortWhenClientLeaves(res));
  }
}
