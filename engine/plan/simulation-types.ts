// The result of a (simulated or real) billing run: the JSON contract of
// DESIGN §5. Every amount is a decimal string, every date `YYYY-MM-DD`.

export interface TraceEntry {
  /** Policy name (with `@v<version>` when it came from a published version), or `default`/`order product`. */
  readonly policy: string;
  /** What it set: `hold`, `billingDay`, `billingDate`, `align`, `prorate`, `rounding`, ... */
  readonly set: string;
  /** The value it set, as text. */
  readonly value: string;
  /** The fact values that decided it (`account.region = "EMEA"`). */
  readonly facts?: Readonly<Record<string, string | null>>;
}

export interface InvoiceLine {
  readonly orderProductId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly billingDate: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly prorationFactor: string;
  readonly amount: string;
  readonly trace: readonly TraceEntry[];
}

export interface Invoice {
  readonly accountId: string;
  readonly currency: string;
  readonly invoiceDate: string;
  readonly total: string;
  readonly lines: readonly InvoiceLine[];
}

export interface HoldReport {
  readonly orderProductId: string;
  readonly reasons: readonly string[];
  readonly policies: readonly string[];
  readonly trace?: readonly TraceEntry[];
}

export interface EvaluationError {
  readonly orderProductId: string;
  /** Stable code, `PV4xxx` (evaluation). */
  readonly code: string;
  readonly message: string;
  readonly policy?: string;
}

export interface SimulationResult {
  readonly asOf: string;
  readonly invoices: readonly Invoice[];
  readonly holds: readonly HoldReport[];
  readonly errors: readonly EvaluationError[];
}
