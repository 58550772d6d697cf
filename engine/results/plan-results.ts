// The result of a (simulated or real) billing run: the JSON contract of
// DESIGN §5, plus what billed coverage adds (credit lines, warnings). Every
// amount is a decimal string, every date `YYYY-MM-DD`.
import type { EvaluationError, PlanWarning } from './engine-errors.js';
import type { TraceEntry } from './trace.js';

/**
 * `charge`: bills the days periodStart..periodEnd (none of them billed before).
 * `credit`: gives back days periodStart..periodEnd of coverage billed earlier
 * that is no longer due (see `corrects`); its amount is negative.
 * A downgrade amendment's charge lines are negative too: they are still
 * charges of that line's coverage (their kind says what they are, not their sign).
 */
export type InvoiceLineKind = 'charge' | 'credit';

/** The billed coverage a credit line corrects: the entry of `invoiced` it gives days back from. */
export interface CorrectedCoverage {
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The amount billed for it (from the book, or estimated at today's price when the book has none; the trace says which). */
  readonly amount: string;
}

export interface InvoiceLine {
  readonly orderProductId: string;
  readonly kind: InvoiceLineKind;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** A charge: the period's (overridden) billing date. A credit: the run's date. */
  readonly billingDate: string;
  readonly quantity: string;
  readonly unitPrice: string;
  /** A charge: of the period's full period. A credit: of the billed period it corrects. */
  readonly prorationFactor: string;
  readonly amount: string;
  /** Only on credits. */
  readonly corrects?: CorrectedCoverage;
  readonly trace: readonly TraceEntry[];
}

export interface Invoice {
  readonly accountId: string;
  readonly currency: string;
  readonly invoiceDate: string;
  /** Charges plus credits. */
  readonly total: string;
  readonly lines: readonly InvoiceLine[];
}

export interface HoldReport {
  readonly orderProductId: string;
  readonly reasons: readonly string[];
  readonly policies: readonly string[];
  readonly trace?: readonly TraceEntry[];
}

export interface SimulationResult {
  readonly asOf: string;
  readonly invoices: readonly Invoice[];
  readonly holds: readonly HoldReport[];
  readonly errors: readonly EvaluationError[];
  /** Problems that did not stop billing (a start-only `invoiced` entry, PV4207). */
  readonly warnings: readonly PlanWarning[];
}

/** An invoice line with what groups it into an invoice. */
export interface PlannedLine extends InvoiceLine {
  readonly accountId: string;
  readonly currency: string;
}

/** What planning some order products produced, before grouping into invoices. */
export interface PlanOutput {
  readonly lines: PlannedLine[];
  readonly holds: HoldReport[];
  readonly errors: EvaluationError[];
  readonly warnings: PlanWarning[];
}
