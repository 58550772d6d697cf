// Response schemas of simulate, impact, timeline and explain (the OpenAPI
// description): closed objects with every field of the engine's types
// (engine/plan/timeline.ts, engine/explain/explain-line.ts, engine/plan/impact.ts).
import { z } from 'zod';
import { EvaluationErrorSchema, InvoiceLineSchema, PlanWarningSchema, SimulationResultSchema, TraceEntrySchema } from '../common/result-schemas.js';

export const SimulateResponseSchema = SimulationResultSchema.extend({
  library: z
    .strictObject({
      published: z.array(z.strictObject({ name: z.string(), version: z.int() })).describe('published versions used (those the drafts did not replace)'),
      drafts: z.array(z.strictObject({ id: z.string().optional(), name: z.string() })).describe('drafts applied in place of their published versions'),
    })
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
  .strictObject({
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

const PeriodKindSchema = z.enum(['full', 'leading-stub', 'trailing-stub', 'stub']);
const CoverageSchema = z.enum(['none', 'partial', 'full']).describe('how much of the period billed coverage covers');
const TimelineChargeSchema = z
  .strictObject({ start: z.string(), end: z.string(), billingDate: z.string(), prorationFactor: z.string().describe('decimal'), amount: z.string().describe('decimal') })
  .meta({ id: 'TimelineCharge' });
const InvoiceRefSchema = z
  .strictObject({ id: z.string(), number: z.string().nullable().describe('null for a draft'), status: z.string() })
  .meta({ id: 'InvoiceRef' });

export const TimelineSchema = z
  .strictObject({
    orderProductId: z.string(),
    from: z.string(),
    until: z.string().describe('last day shown (inclusive)'),
    asOf: z.string(),
    currency: z.string(),
    draft: z.boolean(),
    held: z.boolean(),
    holdReasons: z.array(z.string()),
    holdPolicies: z.array(z.string()),
    billingDay: TraceEntrySchema.optional(),
    align: TraceEntrySchema.optional(),
    periods: z.array(
      z.strictObject({
        start: z.string(),
        end: z.string(),
        kind: PeriodKindSchema,
        full: z.strictObject({ start: z.string(), end: z.string() }).describe('the full period a stub is part of'),
        naturalBillingDate: z.string(),
        billingDate: z.string(),
        override: z.strictObject({ policy: z.string(), reason: z.string().optional() }).optional().describe('the policy that moved the billing date'),
        prorationFactor: z.string().describe('decimal'),
        proration: z.string().describe('as text: `full period`, `daily 17/31`'),
        amount: z.string().describe('the period\'s price, as if none of it was billed'),
        invoiced: z.boolean().describe('every day of it was billed before'),
        coverage: CoverageSchema,
        charges: z.array(TimelineChargeSchema).describe('what billing charges for its uncovered days'),
        due: z.boolean(),
        held: z.boolean(),
        explanation: z.string(),
      }),
    ),
    credits: z.array(InvoiceLineSchema).describe('what a run on asOf credits for billed coverage no longer due'),
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
      z.strictObject({
        start: z.string(),
        end: z.string(),
        kind: PeriodKindSchema,
        status: z.enum(['billed', 'covered', 'credited', 'held', 'due', 'not-yet-due', 'not-billable']),
        naturalBillingDate: z.string(),
        billingDate: z.string(),
        amount: z.string(),
        coverage: CoverageSchema,
        invoices: z.array(InvoiceRefSchema).describe('billed: the invoices whose live charges cover it'),
        charges: z.array(TimelineChargeSchema).describe('what a run on the date bills for it'),
        moved: z.strictObject({ policy: z.string(), reason: z.string().optional(), from: z.string(), to: z.string() }).optional(),
        trace: z.array(TraceEntrySchema),
        explanation: z.string(),
      }),
    ),
    credits: z.array(
      z.strictObject({
        start: z.string(),
        end: z.string(),
        amount: z.string(),
        state: z.enum(['stored', 'pending']).describe('stored: on an invoice already; pending: a run on the date would credit it'),
        invoice: InvoiceRefSchema.optional(),
        explanation: z.string(),
      }),
    ),
    errors: z.array(EvaluationErrorSchema),
    warnings: z.array(PlanWarningSchema),
  })
  .meta({ id: 'LineExplanation' });
