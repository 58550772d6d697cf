// Turns what callers hold (a compiled policy set, or a ready PlanEvaluator)
// into the PlanEvaluator the planner uses.
import type { CompiledPolicySet } from '../evaluate/compile-policies.js';
import { evaluateLine } from '../evaluate/evaluate-line.js';
import { evaluatePeriod } from '../evaluate/evaluate-period.js';
import type { TraceEntry } from '../results/index.js';
import type { PlanError, PlanEvaluator, PlanLineDecision, PlanPeriodDecision } from './plan-evaluator.js';

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

const NO_ERRORS: readonly PlanError[] = Object.freeze([]);
const NO_STRINGS: readonly string[] = Object.freeze([]);

/** The planner's view of evaluateLine / evaluatePeriod over a compiled set.
 * Hot path (once per line and once per period): no spreads, shared empties. */
export function compiledEvaluator(set: CompiledPolicySet): PlanEvaluator {
  return {
    // evaluateLine marks a line periodScoped when an override applies to it.
    line(ctx) {
      const d = evaluateLine(set, ctx);
      const out: { -readonly [K in keyof PlanLineDecision]: PlanLineDecision[K] } = {
        held: d.hold !== null,
        holdReasons: d.hold ? d.hold.reasons : NO_STRINGS,
        holdPolicies: d.hold ? d.hold.policies : NO_STRINGS,
        periodScoped: d.periodScoped,
        errors: d.errors.length ? errorsOf(d.errors) : NO_ERRORS,
      };
      if (d.hold) out.holdTrace = d.hold.trace;
      if (d.billingDay) out.billingDay = { value: d.billingDay.value, policy: d.billingDay.policy, facts: factsOf(d.billingDay.trace) };
      if (d.align) out.align = { value: d.align.value, policy: d.align.policy, facts: factsOf(d.align.trace) };
      if (d.prorate) out.prorate = { value: d.prorate.value, policy: d.prorate.policy, facts: factsOf(d.prorate.trace) };
      return out;
    },
    period(ctx, natural) {
      const p = evaluatePeriod(set, ctx, natural);
      if (!p.decided && !p.hold && p.errors.length === 0) return { billingDate: p.billingDate, errors: NO_ERRORS };
      const out: { -readonly [K in keyof PlanPeriodDecision]: PlanPeriodDecision[K] } = {
        billingDate: p.billingDate,
        errors: p.errors.length ? errorsOf(p.errors) : NO_ERRORS,
      };
      if (p.decided) {
        out.override = { value: p.decided.value, policy: p.decided.policy, ...(p.reason ? { reason: p.reason } : {}), facts: factsOf(p.decided.trace) };
      }
      if (p.hold) {
        out.held = true;
        out.holdReasons = p.hold.reasons;
        out.holdPolicies = p.hold.policies;
      }
      return out;
    },
  };
}
