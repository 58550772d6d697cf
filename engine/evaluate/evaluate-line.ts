// Per-line evaluation (DESIGN §4 combination): every policy whose `when`
// holds applies; per setting the highest priority wins; equal priority with
// different values is an evaluation error (never a silent pick); holds
// combine with all their reasons. Failures are caught per policy and
// reported; the other policies still decide.
import type { EvaluationError, TraceEntry } from '../results/index.js';
import { isDecimal, valueText } from '../vocabulary/runtime-values.js';
import { conditionHolds, type CompiledPolicy, type CompiledPolicySet, type ProrateSetting } from './compile-policies.js';
import { toEvaluationError, traceEntry } from './decision-trace.js';
import { evalMessage } from './eval-codes.js';
import { EvaluationFailure } from './evaluation-failure.js';
import type { LineContext } from '../results/index.js';

export interface Decided<T> {
  readonly value: T;
  /** The winning policy's display name (`name@v<n>` when versioned). */
  readonly policy: string;
  readonly trace: TraceEntry[];
}

export interface HoldDecision {
  readonly reasons: string[];
  readonly policies: string[];
  readonly trace: TraceEntry[];
}

export interface LineDecision {
  /** Null when nothing holds the line. */
  hold: HoldDecision | null;
  billingDay?: Decided<number | 'last'>;
  align?: Decided<'own' | 'original'>;
  prorate?: Decided<ProrateSetting>;
  /** Evaluation errors (PV4xxx). A line with errors must not be billed: a
   * policy that could not be decided might have held or changed it. */
  errors: EvaluationError[];
  /** True when evaluatePeriod must be called for each period of this line
   * (an applicable override, or a policy whose condition reads billingDate). */
  periodScoped: boolean;
}

export const ORDER_PRODUCT_HOLD_REASON = 'holdBilling is set on the order product';

/** The highest-priority candidate for one setting so far. */
interface Best<T> {
  policy: CompiledPolicy;
  value: T;
  conflict: CompiledPolicy | null;
  conflictValue: T | null;
}

export function consider<T>(best: Best<T> | null, p: CompiledPolicy, value: T, same: (a: T, b: T) => boolean): Best<T> {
  if (best === null || p.priority > best.policy.priority) return { policy: p, value, conflict: null, conflictValue: null };
  if (p.priority === best.policy.priority && best.conflict === null && !same(value, best.value)) {
    best.conflict = p;
    best.conflictValue = value;
  }
  return best;
}

/** Turns the winner into a Decided, or reports the equal-priority conflict. */
export function settle<T>(
  best: Best<T> | null,
  setting: string,
  text: (v: T) => string,
  set: CompiledPolicySet,
  ctx: LineContext,
  errors: EvaluationError[],
): Decided<T> | undefined {
  if (best === null) return undefined;
  if (best.conflict !== null) {
    errors.push({
      orderProductId: ctx.line.id,
      code: 'PV4006',
      message: evalMessage('PV4006', {
        first: JSON.stringify(best.policy.name),
        second: JSON.stringify(best.conflict.name),
        priority: best.policy.priority,
        setting,
        firstValue: text(best.value),
        secondValue: text(best.conflictValue as T),
      }),
      policy: best.policy.name,
    });
    return undefined;
  }
  return { value: best.value, policy: best.policy.name, trace: [traceEntry(best.policy, setting, text(best.value), ctx, set)] };
}

const sameDay = (a: number | 'last', b: number | 'last') => a === b;
const sameAlign = (a: string, b: string) => a === b;
const sameProrate = (a: ProrateSetting, b: ProrateSetting) => a.method === b.method && a.rounding === b.rounding && a.precision === b.precision;
export const prorateText = (v: ProrateSetting): string =>
  v.method + (v.rounding !== undefined ? ` rounding ${v.rounding}` : '') + (v.precision !== undefined ? ` precision ${v.precision}` : '');
const dayText = (v: number | 'last') => String(v);
const alignText = (v: string) => v;

export function evaluateLine(set: CompiledPolicySet, ctx: LineContext): LineDecision {
  const cache = set.cache;
  cache.begin(ctx);
  const errors: EvaluationError[] = [];
  let hold: HoldDecision | null = null;
  let periodScoped = set.alwaysPerPeriod;
  let day: Best<number | 'last'> | null = null;
  let align: Best<'own' | 'original'> | null = null;
  let prorate: Best<ProrateSetting> | null = null;

  if (ctx.line.holdBilling) {
    hold = { reasons: [ORDER_PRODUCT_HOLD_REASON], policies: [], trace: [{ policy: 'order product', set: 'hold', value: ORDER_PRODUCT_HOLD_REASON }] };
  }

  const policies = set.linePolicies;
  // only the policies whose condition can hold, in order; some known to hold (applicability-index.ts)
  const index = set.lineIndex;
  index.decide(ctx);
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
          if (p.when !== undefined && !conditionHolds(p.when, ctx, cache)) continue;
        } catch (err) {
          errors.push(toEvaluationError(err, p, ctx));
          continue;
        }
      }
      if (p.override !== undefined) periodScoped = true;
      for (const h of p.holds) {
        if (h.perPeriod) {
          periodScoped = true;
          continue;
        }
        try {
          if (h.until !== undefined && conditionHolds(h.until, ctx, cache)) continue; // released
        } catch (err) {
          errors.push(toEvaluationError(err, p, ctx));
          continue;
        }
        hold ??= { reasons: [], policies: [], trace: [] };
        addHold(hold, p, h.reason, set, ctx);
      }
      if (p.billingDay !== undefined) {
        try {
          day = consider(day, p, billingDayValue(p, ctx), sameDay);
        } catch (err) {
          errors.push(toEvaluationError(err, p, ctx));
        }
      }
      if (p.align !== undefined) align = consider(align, p, p.align, sameAlign);
      if (p.prorate !== undefined) prorate = consider(prorate, p, p.prorate, sameProrate);
    }
  }

  const decision: LineDecision = { hold, errors, periodScoped };
  const d = settle(day, 'billingDay', dayText, set, ctx, errors);
  if (d) decision.billingDay = d;
  const a = settle(align, 'align', alignText, set, ctx, errors);
  if (a) decision.align = a;
  const r = settle(prorate, 'prorate', prorateText, set, ctx, errors);
  if (r) decision.prorate = r;
  return decision;
}

function billingDayValue(p: CompiledPolicy, ctx: LineContext): number | 'last' {
  const bd = p.billingDay!;
  if (bd.kind === 'fixed') return bd.value;
  const v = bd.expr.run(ctx);
  if (v === null) throw new EvaluationFailure('PV4001', { what: bd.expr.text, op: 'billing day of month' });
  if (!isDecimal(v) || !v.isInteger() || v.lt(1) || v.gt(31)) {
    throw new EvaluationFailure('PV4007', { what: bd.expr.text, value: valueText(v) ?? 'nothing' });
  }
  return v.toNumber();
}

export function addHold(hold: HoldDecision, p: CompiledPolicy, reason: string, set: CompiledPolicySet, ctx: LineContext): void {
  if (!hold.reasons.includes(reason)) hold.reasons.push(reason);
  if (!hold.policies.includes(p.name)) hold.policies.push(p.name);
  hold.trace.push(traceEntry(p, 'hold', reason, ctx, set));
}
