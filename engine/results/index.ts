// The engine's typed results in one place: evaluate/, plan/ and vocabulary/
// import these instead of each other.
export type { TraceEntry } from './trace.js';
export type { EvaluationError, PlanError, PlanWarning } from './engine-errors.js';
export type { LineContext } from './line-context.js';
export type {
  CorrectedCoverage,
  HoldReport,
  Invoice,
  InvoiceLine,
  InvoiceLineKind,
  PlannedLine,
  PlanOutput,
  SimulationResult,
} from './plan-results.js';
