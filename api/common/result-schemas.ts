// Response schemas shared by several routes: traces, invoice lines, invoices,
// holds, evaluation errors, diagnostics, simulation results (engine/results
// and dsl/diagnostics shapes as the API serialises them). Closed objects: each
// lists every field its engine type has, so the description promises exactly
// what is sent (tests check every answer against it).
import { z } from 'zod';

/** A source range: UTF-16 offsets, end exclusive (dsl/ast Span). */
export const SpanSchema = z
  .strictObject({ start: z.int().describe('UTF-16 offset of the first character'), end: z.int().describe('UTF-16 offset after the last character') })
  .meta({ id: 'Span' });

export const TraceEntrySchema = z
  .strictObject({
    policy: z.string(),
    set: z.string(),
    value: z.string(),
    facts: z.record(z.string(), z.string().nullable()).optional(),
  })
  .meta({ id: 'TraceEntry' });

export const InvoiceLineSchema = z
  .strictObject({
    orderProductId: z.string(),
    kind: z.enum(['charge', 'credit']),
    periodStart: z.string(),
    periodEnd: z.string(),
    billingDate: z.string(),
    quantity: z.string().describe('decimal'),
    unitPrice: z.string().describe('decimal'),
    prorationFactor: z.string().describe('decimal'),
    amount: z.string().describe('decimal, at least the minor digits of the currency'),
    corrects: z.strictObject({ periodStart: z.string(), periodEnd: z.string(), amount: z.string() }).optional(),
    trace: z.array(TraceEntrySchema),
    explanation: z.string().optional().describe('the line in words (engine/explain): its arithmetic and a moved billing date'),
    traceWords: z.array(z.string()).optional().describe('each trace entry in words'),
  })
  .meta({ id: 'InvoiceLine' });

/** An invoice as a simulation plans it (DESIGN §5). */
export const PlannedInvoiceSchema = z
  .strictObject({ accountId: z.string(), currency: z.string(), invoiceDate: z.string(), total: z.string(), lines: z.array(InvoiceLineSchema) })
  .meta({ id: 'PlannedInvoice' });

export const HoldReportSchema = z
  .strictObject({ orderProductId: z.string(), reasons: z.array(z.string()), policies: z.array(z.string()), trace: z.array(TraceEntrySchema).optional() })
  .meta({ id: 'HoldReport' });

export const EvaluationErrorSchema = z
  .strictObject({ orderProductId: z.string(), code: z.string(), message: z.string(), policy: z.string().optional() })
  .meta({ id: 'EvaluationError' });

export const PlanWarningSchema = z.strictObject({ orderProductId: z.string(), code: z.string(), message: z.string() }).meta({ id: 'PlanWarning' });

/** What a billing run on asOf would do (DESIGN §5); simulations add fields (`library`, totals, the cursor) by extending it. */
export const SimulationResultSchema = z
  .strictObject({
    asOf: z.string(),
    invoices: z.array(PlannedInvoiceSchema),
    holds: z.array(HoldReportSchema.extend({ explanation: z.string().optional().describe('why the line is held, in words') })),
    errors: z.array(EvaluationErrorSchema),
    warnings: z.array(PlanWarningSchema).optional(),
  })
  .meta({ id: 'SimulationResult' });

/** What a quick fix needs (dsl/diagnostics FixData): the editor turns it into code actions. */
const FixDataSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('replace'), span: SpanSchema, candidates: z.array(z.string()) }),
    z.strictObject({ kind: z.literal('insert'), offset: z.int(), text: z.string() }),
    z.strictObject({ kind: z.literal('delete'), span: SpanSchema }),
    z.strictObject({ kind: z.literal('edits'), title: z.string(), edits: z.array(z.strictObject({ span: SpanSchema, text: z.string() })) }),
  ])
  .meta({ id: 'FixData' });

/** A checker diagnostic with its 1-based line/column (the editor's markers). */
export const DiagnosticSchema = z
  .strictObject({
    code: z.string().describe('stable code, e.g. PV1001 (docs/diagnostics.md)'),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    span: SpanSchema,
    file: z.string().optional(),
    related: z.array(z.strictObject({ file: z.string().optional().describe('omitted: the same file'), span: SpanSchema, message: z.string() })).optional(),
    data: FixDataSchema.optional(),
    line: z.int().optional(),
    column: z.int().optional(),
    endLine: z.int().optional(),
    endColumn: z.int().optional(),
  })
  .meta({ id: 'Diagnostic' });

/** Declared attributes of an account, order or line (proviso.config.json): name -> value. */
const AttributesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** The order book's rows as stored and read back (DESIGN §2, engine/book/book-types.ts). */
export const BookAccountSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    timezone: z.string(),
    billingDayOfMonth: z.int().nullable(),
    attributes: AttributesSchema,
  })
  .meta({ id: 'BookAccount' });

export const BookContractSchema = z
  .strictObject({ id: z.string(), accountId: z.string(), startDate: z.string(), endDate: z.string().nullable() })
  .meta({ id: 'BookContract' });

export const BookOrderSchema = z
  .strictObject({
    id: z.string(),
    accountId: z.string(),
    contractId: z.string().nullable(),
    type: z.enum(['new', 'amendment', 'renewal']),
    status: z.enum(['draft', 'activated']),
    activatedDate: z.string().nullable(),
    poNumber: z.string().nullable(),
    attributes: AttributesSchema,
  })
  .meta({ id: 'BookOrder' });

export const BookOrderProductSchema = z
  .strictObject({
    id: z.string(),
    orderId: z.string(),
    productCode: z.string(),
    productName: z.string(),
    chargeType: z.enum(['one-time', 'recurring']),
    billingFrequency: z.enum(['monthly', 'quarterly', 'semiannual', 'annual']).nullable(),
    billingType: z.enum(['advance', 'arrears']),
    quantity: z.string().describe('decimal'),
    unitPrice: z.string().describe('decimal'),
    startDate: z.string(),
    endDate: z.string().nullable(),
    billingDayOfMonth: z.int().nullable(),
    amends: z.string().nullable().describe('the order product this one amends'),
    holdBilling: z.boolean(),
    attributes: AttributesSchema,
  })
  .meta({ id: 'BookOrderProduct' });
