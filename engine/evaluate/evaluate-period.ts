// Per-period evaluation (DESIGN §3 "Billing date override"): the policies
// that override billing dates, or whose condition reads billingDate, are
// evaluated once per period with billingDate bound to the period's natural
// billing date, so freezes and "next business day" rules move catch-up
// periods too. Call it for each period when evaluateLine says periodScoped.
import type { EvaluationError } from '../results/index.js';
import { isIsoDate, valueText } from '../vocabulary/runtime-values.js';
import { conditionHolds, type CompiledPolicySet } from './compile-policies.js';
import { toEvaluationError } from './decision-trace.js';
import { EvaluationFailure } from './evaluation-failure.js';
import { addHold, consider, settle, type Decided, type HoldDecision } from './evaluate-line.js';
import type { LineContext } from '../results/index.js';

export interface PeriodDecision {
  /** The billing date to use: the override's, or the natural one. */
  billingDate: string;
  /** The winning override, when a policy moved the date. */
  decided?: Decided<string>;
  /** The override's reason, when it gave one. */
  reason?: string;
  /** Holds decided for this period only (conditions on billingDate). */
  hold?: HoldDecision;
  /** Errors of per-period conditions and overrides. Errors of per-line
   * conditions are reported by evaluateLine, not repeated per period. */
  errors: EvaluationError[];
}

const sameDate = (a: string, b: string): boolean => a === b;
const dateText = (v: string): string => v;

export function evaluatePeriod(set: CompiledPolicySet, ctx: LineContext, naturalBillingDate: string): PeriodDecision {
  const errors: EvaluationError[] = [];
  const policies = set.periodPolicies;
  if (policies.length === 0) return { billingDate: naturalBillingDate, errors };
  const pctx: LineContext = {
    account: ctx.account,
    contract: ctx.contract,
    order: ctx.order,
    line: ctx.line,
    original: ctx.original,
    today: ctx.today,
    billingDate: naturalBillingDate,
  };
  const cache = set.cache;
  cache.sync(pctx); // line facts read by evaluateLine stay valid
  let hold: HoldDecision | undefined;
  let best: ReturnType<typeof consider<string>> | null = null;

  // only the policies whose condition can hold, in order; some known to hold (applicability-index.ts)
  const index = set.periodIndex;
  index.decide(pctx);
  const candidates = index.candidates;
  const holding = index.holding;
  for (let w = 0; w < candidates.length; w++) {
    const holds = holding[w];
    for (let bits = candidates[w]; bits !== 0; bits &= bits - 1) {
      const low = bits & -bits;
      const p = policies[(w << 5) | (31 - Math.clz32(low))];
      // a condition the index found holding needs no run
      if ((holds & low) === 0) {
        try {
          if (p.when !== undefined && !conditionHolds(p.when, pctx, cache)) continue;
        } catch (err) {
          // a per-line condition's failure was already reported by evaluateLine
          if (p.perPeriod) errors.push(toEvaluationError(err, p, pctx));
          continue;
        }
      }
      for (const h of p.holds) {
        if (!h.perPeriod) continue; // decided by evaluateLine
        try {
          if (h.until !== undefined && conditionHolds(h.until, pctx, cache)) continue;
        } catch (err) {
          errors.push(toEvaluationError(err, p, pctx));
          continue;
        }
        hold ??= { reasons: [], policies: [], trace: [] };
        addHold(hold, p, h.reason, set, pctx);
      }
      if (p.override !== undefined) {
        try {
          const o = p.override;
          let v = o.date;
          if (v === undefined) {
            const x = o.target.run(pctx);
            if (x === null) throw new EvaluationFailure('PV4009', { policy: JSON.stringify(p.name), what: o.target.text });
            if (!isIsoDate(x)) throw new EvaluationFailure('PV4005', { what: o.target.text, detail: `${valueText(x)} is not a date` });
            v = x;
          }
          best = consider(best, p, v, sameDate);
        } catch (err) {
          errors.push(toEvaluationError(err, p, pctx));
        }
      }
    }
  }

  const decided = settle(best, 'billingDate', dateText, set, pctx, errors);
  const out: PeriodDecision = { billingDate: decided?.value ?? naturalBillingDate, errors };
  if (decided) {
    out.decided = decided;
    const reason = best!.policy.override?.reason;
    if (reason !== undefined) out.reason = reason;
  }
  if (hold) out.hold = hold;
  return out;
}
