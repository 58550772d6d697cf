import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery, isoDate, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { SimulationService } from './simulation.service.js';

const SimulateBody = z.strictObject({
  asOf: isoDate,
  source: z.string().max(1_000_000).optional(),
  book: z.unknown().optional(),
  accountIds: z.array(z.string().min(1)).max(100_000).optional(),
});
const ImpactBody = z.strictObject({
  asOf: isoDate,
  drafts: z
    .array(
      z.strictObject({
        id: z.string().min(1).optional(),
        name: z.string().min(1).max(200),
        source: z.string().max(1_000_000),
      }),
    )
    .max(1000)
    .optional(),
});
const ExplainQuery = z.strictObject({
  asOf: isoDate.optional(),
});
const TimelineQuery = z.strictObject({
  from: isoDate.optional(),
  months: z.coerce.number().int().min(1).max(120).default(12),
});

@ApiTags('simulation')
@ApiBearerAuth()
@Controller()
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Post('simulate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What a billing run on asOf would do (DESIGN §5 JSON); published policies and the stored book unless source/book are given',
  })
  @ApiResponse({ status: 422, description: 'The given source has errors; details = diagnostics' })
  @ApiZodBody(SimulateBody)
  simulate(@ZodBody(SimulateBody) body: z.infer<typeof SimulateBody>) {
    return this.simulation.simulate(body);
  }

  @Post('impact')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Compare a simulation with the published policies against one with drafts applied (default: every unpublished draft) on the stored book',
  })
  @ApiZodBody(ImpactBody)
  impact(@ZodBody(ImpactBody) body: z.infer<typeof ImpactBody>) {
    return this.simulation.impact(body.asOf, body.drafts);
  }

  @Get('order-products/:id/timeline')
  @ApiOperation({ summary: "One order product's periods, billing dates, stubs, holds and overrides (default: 12 months from today)" })
  @ApiZodQuery(TimelineQuery)
  timeline(@Param('id') id: string, @ZodQuery(TimelineQuery) q: z.infer<typeof TimelineQuery>) {
    const from = q.from ?? DateTime.utc().toISODate()!;
    return this.simulation.timeline(id, from, q.months);
  }

  @Get('order-products/:id/explain')
  @ApiOperation({
    summary:
      'Why (not) billed: every period up to asOf (default today, UTC) and 12 months ahead: billed (invoice), due, not yet due, held, moved, covered, credited; each with its trace and an explanation',
  })
  @ApiZodQuery(ExplainQuery)
  explain(@Param('id') id: string, @ZodQuery(ExplainQuery) q: z.infer<typeof ExplainQuery>) {
    return this.simulation.explain(id, q.asOf ?? DateTime.utc().toISODate()!);
  }
}
