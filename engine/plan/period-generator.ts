// The one period generator: a scheduled line's periods with their natural and
// (overridden) billing dates and per-period holds. The planner, the timeline
// and (through simulations) impact all read periods from here.
//
// Look-ahead (DESIGN §3 "Billing date override"): overrides may move a date
// earlier, so a run on T evaluates the periods starting up to LOOK_AHEAD_MONTHS
// after T; the first period beyond that is evaluated too, and an override that
// would bring it on or before T is reported (PV4206), never ignored.
import { naturalBillingDate } from '../calendar/billing-date.js';
import { addMonthsClamped } from '../calendar/civil-date.js';
import type { Period } from '../calendar/periods.js';
import type { EvaluationError, TraceEntry } from '../results/index.js';
import type { LineSchedule } from './line-schedule.js';
import { PLAN_CODES, planMessage } from './plan-codes.js';
import type { PlanEvaluator } from './plan-evaluator.js';

export const LOOK_AHEAD_MONTHS = 12;

export interface DatedPeriod {
  readonly period: Period;
  readonly naturalBillingDate: string;
  readonly billingDate: string;
  /** The override that moved the date, as a trace entry (only when it moved). */
  readonly overrideTrace?: TraceEntry;
  readonly override?: { readonly policy: string; readonly reason?: string };
  /** Held by a per-period hold (a condition on billingDate). */
  readonly held: boolean;
  readonly holdReasons: readonly string[];
  readonly holdPolicies: readonly string[];
}

export interface DatedPeriods {
  readonly periods: DatedPeriod[];
  /** Per-period evaluation errors and PV4206; a line with any must not bill. */
  readonly errors: EvaluationError[];
}

const NONE: readonly string[] = Object.freeze([]);

/** Whether the line's periods must be evaluated one by one (an override or a billingDate condition applies). */
export function isPeriodScoped(schedule: LineSchedule): boolean {
  return schedule.decision.periodScoped;
}

/** Dates each period (per-period policies when the line is period-scoped). */
export function datePeriods(schedule: LineSchedule, evaluator: PlanEvaluator, periods: readonly Period[]): DatedPeriods {
  const { ctx } = schedule;
  const line = ctx.line;
  const perPeriod = isPeriodScoped(schedule);
  const out: DatedPeriod[] = [];
  const errors: EvaluationError[] = [];
  for (const period of periods) {
    const natural = line.chargeType === 'one-time' ? line.startDate : naturalBillingDate(period, line.billingType);
    if (!perPeriod) {
      out.push({ period, naturalBillingDate: natural, billingDate: natural, held: false, holdReasons: NONE, holdPolicies: NONE });
      continue;
    }
    const pd = evaluator.period(ctx, natural);
    if (pd.errors.length > 0) {
      for (const e of pd.errors) {
        errors.push({ orderProductId: line.id, code: e.code, message: `period ${period.start}..${period.end}: ${e.message}`, ...(e.policy ? { policy: e.policy } : {}) });
      }
      continue;
    }
    const moved = pd.override !== undefined && pd.billingDate !== natural;
    out.push({
      period,
      naturalBillingDate: natural,
      billingDate: pd.billingDate,
      ...(moved
        ? {
            overrideTrace: {
              policy: pd.override!.policy,
              set: 'billingDate',
              value: `${pd.billingDate} (natural ${natural})${pd.override!.reason ? `: ${pd.override!.reason}` : ''}`,
              ...(pd.override!.facts ? { facts: pd.override!.facts } : {}),
            },
            override: { policy: pd.override!.policy, ...(pd.override!.reason ? { reason: pd.override!.reason } : {}) },
          }
        : {}),
      held: pd.held === true,
      holdReasons: pd.holdReasons ?? NONE,
      holdPolicies: pd.holdPolicies ?? NONE,
    });
  }
  return { periods: out, errors };
}

/**
 * The dated periods a run on `asOf` must consider: those starting on or
 * before asOf, and for a period-scoped line those starting up to the
 * look-ahead (their overridden date may be earlier). Checks the first period
 * beyond the look-ahead for an override reaching back to asOf (PV4206).
 */
export function periodsForRun(schedule: LineSchedule, evaluator: PlanEvaluator, asOf: string): DatedPeriods {
  if (!isPeriodScoped(schedule)) return datePeriods(schedule, evaluator, schedule.periodsUntil(asOf));
  const horizon = addMonthsClamped(asOf, LOOK_AHEAD_MONTHS, Number(asOf.slice(8, 10)));
  const all = schedule.periodsUntil(addMonthsClamped(horizon, schedule.months ?? 1, 31));
  let n = all.length;
  while (n > 0 && all[n - 1].start > horizon) n--;
  const dated = datePeriods(schedule, evaluator, n === all.length ? all : all.slice(0, n));
  const beyond = all[n] as Period | undefined;
  if (beyond) {
    const [next] = datePeriods(schedule, evaluator, [beyond]).periods;
    if (next && next.billingDate <= asOf && next.override) {
      dated.errors.push({
        orderProductId: schedule.ctx.line.id,
        code: PLAN_CODES.overrideBeyondLookAhead,
        message: planMessage('PV4206', {
          start: beyond.start,
          end: beyond.end,
          natural: next.naturalBillingDate,
          date: next.billingDate,
          policy: next.override.policy,
          months: LOOK_AHEAD_MONTHS,
          asOf,
        }),
        policy: next.override.policy,
      });
    }
  }
  return dated;
}
