// Response schemas shared by several routes: traces, invoice lines, invoices,
// holds, evaluation errors, diagnostics, simulation results (engine/results
// and dsl/diagnostics shapes as the API serialises them).
import { z } from 'zod';

export const TraceEntrySchema = z
  .looseObject({
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
  .looseObject({ orderProductId: z.string(), code: z.string(), message: z.string(), policy: z.string().optional() })
  .meta({ id: 'EvaluationError' });

export const PlanWarningSchema = z.looseObject({ orderProductId: z.string(), code: z.string(), message: z.string() }).meta({ id: 'PlanWarning' });

/** What a billing run on asOf would do (DESIGN §5); simulations add fields (`library`, explanations). */
export const SimulationResultSchema = z
  .looseObject({
    asOf: z.string(),
    invoices: z.array(PlannedInvoiceSchema),
    holds: z.array(HoldReportSchema.extend({ explanation: z.string().optional().describe('why the line is held, in words') })),
    errors: z.array(EvaluationErrorSchema),
    warnings: z.array(PlanWarningSchema).optional(),
  })
  .meta({ id: 'SimulationResult' });

/** A checker diagnostic with its 1-based line/column (the editor's markers). */
export const DiagnosticSchema = z
  .looseObject({
    code: z.string().describe('stable code, e.g. PV1001 (docs/diagnostics.md)'),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    span: z.looseObject({}),
    file: z.string().optional(),
    line: z.int().optional(),
    column: z.int().optional(),
    endLine: z.int().optional(),
    endColumn: z.int().optional(),
  })
  .meta({ id: 'Diagnostic' });
