// HTTP routes of billing runs (thin: validation + the service).
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ApiZodBody, ApiZodQuery, isoDate, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { BillingRunsService } from './billing-runs.service.js';

export const StartRunBody = z.strictObject({
  asOf: isoDate,
  dryRun: z.boolean().optional(),
  /** Post the invoices when the run completes (true) or leave drafts (false); unset: PROVISO_RUN_POSTING. */
  post: z.boolean().optional(),
});
const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

@ApiTags('billing-runs')
@ApiBearerAuth()
@Controller('billing-runs')
export class BillingRunsController {
  constructor(private readonly runs: BillingRunsService) {}

  @Post()
  @HttpCode(202)
  @Roles('author')
  @ApiOperation({ summary: 'Start a billing run for asOf (bills every unbilled period due up to that date); 202 { id }' })
  @ApiZodBody(StartRunBody)
  start(@CurrentKey() actor: AuthenticatedKey | undefined, @ZodBody(StartRunBody) body: z.infer<typeof StartRunBody>) {
    return this.runs.start({ asOf: body.asOf, dryRun: body.dryRun, post: body.post, trigger: 'api', createdBy: actor?.name ?? null });
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
