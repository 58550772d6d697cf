// Turns what callers hold (a compiled policy set, or a ready PlanEvaluator)
// into the PlanEvaluator the planner uses.
import type { PlanEvaluator } from './plan-evaluator.js';

export type PolicySource = PlanEvaluator;

export function isPlanEvaluator(x: unknown): x is PlanEvaluator {
  return !!x && typeof x === 'object' && typeof (x as PlanEvaluator).line === 'function' && typeof (x as PlanEvaluator).period === 'function';
}

export function toPlanEvaluator(source: PolicySource): PlanEvaluator {
  if (isPlanEvaluator(source)) return source;
  throw new TypeError('expected a compiled policy set or a PlanEvaluator');
}
