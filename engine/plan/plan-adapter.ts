// Turns what callers hold (a compiled policy set, or a ready PlanEvaluator)
// into the PlanEvaluator the planner uses.
import type { CompiledPolicySet } from '../evaluate/compile-policies.js';
import { evaluateLine } from '../evaluate/evaluate-line.js';
import { evaluatePeriod } from '../evaluate/evaluate-period.js';
import type { TraceEntry } from './simulation-types.js';
import type { PlanError, PlanEvaluator } from './plan-evaluator.js';

export type PolicySource = PlanEvaluator | CompiledPolicySet;

export function isPlanEvaluator(x: unknown): x is PlanEvaluator {
  return !!x && typeof x === 'object' && typeof (x as PlanEvaluator).line === 'function' && typeof (x as PlanEvaluator).period === 'function';
}

const cache = new WeakMap<CompiledPolicySet, PlanEvaluator>();

export function toPlanEvaluator(source: PolicySource): PlanEvaluator {
  if (isPlanEvaluator(source)) return source;
  let ev = cache.get(source);
  if (!ev) cache.set(source, (ev = compiledEvaluator(source)));
  return ev;
}

const factsOf = (trace: readonly TraceEntry[] | undefined): Readonly<Record<string, string | null>> | undefined => trace?.find((t) => t.facts)?.facts;

function errorsOf(errors: readonly { code: string; message: string; policy?: string }[]): PlanError[] {
  return errors.map((e) => ({ code: e.code, message: e.message, ...(e.policy ? { policy: e.policy } : {}) }));
}

/** The planner's view of evaluateLine / evaluatePeriod over a compiled set. */
export function compiledEvaluator(set: CompiledPolicySet): PlanEvaluator {
  return {
    // evaluateLine marks a line periodScoped when an override applies to it.
    hasOverrides: false,
    line(ctx) {
      const d = evaluateLine(set, ctx);
      return {
        held: d.hold !== null,
        holdReasons: d.hold?.reasons ?? [],
        holdPolicies: d.hold?.policies ?? [],
        ...(d.hold ? { holdTrace: d.hold.trace } : {}),
        ...(d.billingDay ? { billingDay: { value: d.billingDay.value, policy: d.billingDay.policy, facts: factsOf(d.billingDay.trace) } } : {}),
        ...(d.align ? { align: { value: d.align.value, policy: d.align.policy, facts: factsOf(d.align.trace) } } : {}),
        ...(d.prorate ? { prorate: { value: d.prorate.value, policy: d.prorate.policy, facts: factsOf(d.prorate.trace) } } : {}),
        periodScoped: d.periodScoped,
        errors: errorsOf(d.errors),
      };
    },
    period(ctx, natural) {
      const p = evaluatePeriod(set, ctx, natural);
      return {
        billingDate: p.billingDate,
        ...(p.decided
          ? { override: { value: p.decided.value, policy: p.decided.policy, ...(p.reason ? { reason: p.reason } : {}), facts: factsOf(p.decided.trace) } }
          : {}),
        ...(p.hold ? { held: true, holdReasons: p.hold.reasons, holdPolicies: p.hold.policies } : {}),
        errors: errorsOf(p.errors),
      };
    },
  };
}
