// Response schemas of simulate, impact, timeline and explain (the OpenAPI
// description). Nested engine shapes (trace facts, charges) are open objects.
import { z } from 'zod';
import { EvaluationErrorSchema, InvoiceLineSchema, PlanWarningSchema, SimulationResultSchema, TraceEntrySchema } from '../common/result-schemas.js';

export const SimulateResponseSchema = SimulationResultSchema.extend({
  library: z
    .looseObject({})
    .optional()
    .describe('with `draft`: the documents and versions the simulation used'),
  totals: z
    .strictObject({
      invoices: z.number().int(),
      lines: z.number().int(),
      holds: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
      amounts: z.array(z.strictObject({ currency: z.string(), total: z.string() })),
    })
    .describe('counts and per-currency sums of the whole result (every page)'),
  nextCursor: z.string().nullable().describe('pass back as `cursor` for the next page of invoices; null on the last page'),
}).meta({ id: 'SimulateResponse' });

const ImpactLineSchema = InvoiceLineSchema.extend({ accountId: z.string(), currency: z.string() }).meta({ id: 'ImpactLine' });
const Delta = { before: z.string(), after: z.string(), delta: z.string() };
export const ImpactSchema = z
  .looseObject({
    added: z.array(ImpactLineSchema),
    removed: z.array(ImpactLineSchema),
    changed: z.array(z.strictObject({ before: ImpactLineSchema, after: ImpactLineSchema })),
    perAccount: z.array(z.strictObject({ accountId: z.string(), currency: z.string(), ...Delta })),
    total: z.array(z.strictObject({ currency: z.string(), ...Delta })),
    newlyHeld: z.array(z.string()),
    released: z.array(z.string()),
    newErrors: z.array(EvaluationErrorSchema).describe('errors after the change that were not there before'),
    credits: z.array(ImpactLineSchema).describe('credit lines the change adds'),
    rebilled: z.array(ImpactLineSchema).describe('charges whose days a new credit gives back and bills again'),
    counts: z
      .strictObject({
        added: z.number().int(),
        removed: z.number().int(),
        changed: z.number().int(),
        credits: z.number().int(),
        rebilled: z.number().int(),
        newErrors: z.number().int(),
        newlyHeld: z.number().int(),
        released: z.number().int(),
        perAccount: z.number().int(),
      })
      .describe('items of each list in the whole result (the lists come a page at a time)'),
    nextCursor: z.string().nullable().describe('pass back as `cursor` for the next page of lines; null on the last page'),
    names: z
      .strictObject({
        accounts: z.record(z.string(), z.string()).describe('account id -> name'),
        orderProducts: z
          .record(z.string(), z.strictObject({ productName: z.string(), productCode: z.string(), accountId: z.string() }))
          .describe('order product id -> its product and account'),
      })
      .meta({ id: 'ImpactNames' })
      .describe('the names of every order product and account this page mentions (lines, errors, holds, per-account deltas)'),
  })
  .meta({ id: 'SimulationImpact' });

export const TimelineSchema = z
  .looseObject({
    orderProductId: z.string(),
    from: z.string(),
    until: z.string(),
    asOf: z.string(),
    currency: z.string(),
    draft: z.boolean(),
    held: z.boolean(),
    holdReasons: z.array(z.string()),
    holdPolicies: z.array(z.string()),
    periods: z.array(z.looseObject({ start: z.string(), end: z.string(), kind: z.string(), billingDate: z.string(), explanation: z.string() })),
    errors: z.array(EvaluationErrorSchema),
    warnings: z.array(PlanWarningSchema),
  })
  .meta({ id: 'Timeline' });

export const LineExplanationSchema = z
  .strictObject({
    orderProductId: z.string(),
    asOf: z.string(),
    currency: z.string(),
    held: z.boolean(),
    holdExplanation: z.string().optional(),
    periods: z.array(
      z.looseObject({
        start: z.string(),
        end: z.string(),
        kind: z.string(),
        status: z.string(),
        naturalBillingDate: z.string(),
        billingDate: z.string(),
        amount: z.string(),
        trace: z.array(TraceEntrySchema),
        explanation: z.string(),
      }),
    ),
    credits: z.array(z.looseObject({ start: z.string(), end: z.string(), amount: z.string(), state: z.enum(['stored', 'pending']), explanation: z.string() })),
    errors: z.array(EvaluationErrorSchema),
    warnings: z.array(PlanWarningSchema),
  })
  .meta({ id: 'LineExplanation' });
