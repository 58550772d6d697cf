// Errors and warnings the engine reports per order product. Evaluation codes
// are PV40xx (engine/evaluate/eval-codes.ts), planning codes PV42xx
// (engine/plan/plan-codes.ts).

/** An error of one order product in a run: that order product bills nothing. */
export interface EvaluationError {
  readonly orderProductId: string;
  /** Stable code, `PV40xx` (evaluation) or `PV42xx` (planning). */
  readonly code: string;
  readonly message: string;
  readonly policy?: string;
}

/** A problem noticed while planning that did not stop the order product from billing. */
export interface PlanWarning {
  readonly orderProductId: string;
  /** Stable code, `PV42xx`. */
  readonly code: string;
  readonly message: string;
}

/** An error as the planner's evaluator seam reports it (no order product: the caller knows it). */
export interface PlanError {
  readonly code: string;
  readonly message: string;
  readonly policy?: string;
}
