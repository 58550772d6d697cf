// What the planner needs from policy evaluation, in the planner's own terms.
// `compiledEvaluator()` (plan-adapter.ts) builds one from a compiled policy set;
// tests may pass a hand-written one. Keeping this seam small means the planner
// knows nothing about how policies are compiled.
import type { LineContext, PlanError, TraceEntry } from '../results/index.js';

export type { PlanError } from '../results/index.js';

export interface Decided<T> {
  readonly value: T;
  /** Name (with `@v<n>` when versioned) of the policy that set it. */
  readonly policy: string;
  readonly facts?: Readonly<Record<string, string | null>>;
}

export interface PlanLineDecision {
  readonly held: boolean;
  readonly holdReasons: readonly string[];
  readonly holdPolicies: readonly string[];
  readonly holdTrace?: readonly TraceEntry[];
  readonly billingDay?: Decided<number | 'last'>;
  readonly align?: Decided<'own' | 'original'>;
  readonly prorate?: Decided<{ readonly method: string; readonly rounding?: string; readonly precision?: number }>;
  /** True when some policy reads `billingDate`: evaluate each period. */
  readonly periodScoped: boolean;
  readonly errors: readonly PlanError[];
}

export interface PlanPeriodDecision {
  /** The (possibly overridden) billing date. */
  readonly billingDate: string;
  readonly override?: Decided<string> & { readonly reason?: string };
  /** A hold that depends on the period (its `when` reads billingDate). */
  readonly held?: boolean;
  readonly holdReasons?: readonly string[];
  readonly holdPolicies?: readonly string[];
  readonly errors: readonly PlanError[];
}

export interface PlanEvaluator {
  line(ctx: LineContext): PlanLineDecision;
  period(ctx: LineContext, naturalBillingDate: string): PlanPeriodDecision;
}

/** No policies: every line bills by its own fields. */
export const NO_POLICIES: PlanEvaluator = {
  line: () => ({ held: false, holdReasons: [], holdPolicies: [], periodScoped: false, errors: [] }),
  period: (_ctx, natural) => ({ billingDate: natural, errors: [] }),
};
