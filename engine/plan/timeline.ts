// One order product's billing calendar for the next N months, as the browser
// editor draws it: every period overlapping [from, from + N months) with its
// kind, full period, natural and (overridden) billing dates, factor, amount,
// how much of it was billed before, and the charges billing will make for it.
// Same schedule, period generator, coverage reconciliation and pricer as the
// planner (plan-line.ts): for a period due on the timeline's date, `charges`
// are exactly the lines a run on that date bills; `credits` are exactly its credits.
import type { OrderBook } from '../book/book-types.js';
import { addDays, addMonthsClamped } from '../calendar/civil-date.js';
import type { PeriodKind } from '../calendar/periods.js';
import type { EvaluationError, InvoiceLine, PlannedLine, PlanWarning, TraceEntry } from '../results/index.js';
import type { Registry } from '../vocabulary/registry.js';
import { mergeCoverage, resolveCoverage } from './billed-coverage.js';
import { indexBook, lineContext, type BookIndex } from './book-index.js';
import { LinePricer, prorate } from './line-pricer.js';
import { scheduleLine, toPlanError } from './line-schedule.js';
import { toPlanEvaluator, type PolicySource } from './plan-adapter.js';
import { PLAN_CODES } from './plan-codes.js';
import { datePeriods } from './period-generator.js';
import { byLine } from './planner.js';
import { chargesOf, coverageOfPeriod, creditsOf } from './reconcile.js';

/** What billing charges for (part of) a period: the planner's line for it. */
export interface TimelineCharge {
  readonly start: string;
  readonly end: string;
  readonly billingDate: string;
  readonly prorationFactor: string;
  readonly amount: string;
}

export interface TimelinePeriod {
  readonly start: string;
  readonly end: string;
  readonly kind: PeriodKind;
  readonly full: { readonly start: string; readonly end: string };
  readonly naturalBillingDate: string;
  readonly billingDate: string;
  readonly override?: { readonly policy: string; readonly reason?: string };
  readonly prorationFactor: string;
  /** Proration as text: `full period`, `daily 17/31`. */
  readonly proration: string;
  /** The period's price (as if none of it was billed). */
  readonly amount: string;
  /** Every day of it was billed before (coverage 'full'). */
  readonly invoiced: boolean;
  /** How much of it billed coverage covers. */
  readonly coverage: 'none' | 'partial' | 'full';
  /** What billing charges for its uncovered days (empty when covered, held or the line cannot bill). */
  readonly charges: readonly TimelineCharge[];
  /** Its billing date is on or before the timeline's as-of date: a run then bills `charges`. */
  readonly due: boolean;
  /** Held by a policy or holdBilling (the whole line), or by a per-period hold. */
  readonly held: boolean;
}

export interface Timeline {
  readonly orderProductId: string;
  readonly from: string;
  /** Inclusive last day shown. */
  readonly until: string;
  /** The date a run is assumed on (`today` for policies, `due` of periods, credits); default `from`. */
  readonly asOf: string;
  readonly currency: string;
  readonly draft: boolean;
  readonly held: boolean;
  readonly holdReasons: readonly string[];
  readonly holdPolicies: readonly string[];
  readonly billingDay?: TraceEntry;
  readonly align?: TraceEntry;
  readonly periods: readonly TimelinePeriod[];
  /** What a run on asOf credits for billed coverage no longer due. */
  readonly credits: readonly InvoiceLine[];
  readonly errors: readonly EvaluationError[];
  readonly warnings: readonly PlanWarning[];
}

export interface TimelineOptions {
  /** The run date to assume; default `from`. */
  readonly asOf?: string;
}

export function timeline(
  book: OrderBook | BookIndex,
  orderProductId: string,
  from: string,
  months: number,
  policies: PolicySource,
  registry: Registry,
  options: TimelineOptions = {},
): Timeline {
  const index = 'accounts' in book && Array.isArray(book.accounts) ? indexBook(book as OrderBook) : (book as BookIndex);
  const asOf = options.asOf ?? from;
  const until = addDays(addMonthsClamped(from, Math.max(1, Math.floor(months)), Number(from.slice(8, 10))), -1);
  const line = index.orderProducts.get(orderProductId);
  const empty = { orderProductId, from, until, asOf, currency: '', draft: false, held: false, holdReasons: [], holdPolicies: [], periods: [], credits: [], warnings: [] };
  if (!line) return { ...empty, errors: [{ orderProductId, code: PLAN_CODES.calendarFailed, message: `order product ${orderProductId} is not in the book` }] };
  const ctx = lineContext(index, line, asOf);
  if (!ctx) return { ...empty, errors: [{ orderProductId, code: PLAN_CODES.calendarFailed, message: `order ${line.orderId} or its account is not in the book` }] };
  const evaluator = toPlanEvaluator(policies);
  const schedule = scheduleLine(ctx, evaluator, registry, index);
  const draft = ctx.order.status !== 'activated';
  const base = {
    orderProductId,
    from,
    until,
    asOf,
    currency: ctx.account.currency,
    draft,
    held: schedule.held,
    holdReasons: schedule.holdReasons,
    holdPolicies: schedule.holdPolicies,
    ...(schedule.billingDayTrace ? { billingDay: schedule.billingDayTrace } : {}),
    ...(schedule.alignTrace ? { align: schedule.alignTrace } : {}),
  };
  const errors: EvaluationError[] = schedule.errors.map((e) => ({ orderProductId, code: e.code, message: e.message, ...(e.policy ? { policy: e.policy } : {}) }));
  const warnings: PlanWarning[] = [];
  if (errors.length > 0) return { ...base, periods: [], credits: [], errors, warnings };

  const out: TimelinePeriod[] = [];
  let credits: PlannedLine[] = [];
  try {
    const pricer = new LinePricer(schedule, registry);
    const entries = index.coverageByLine.get(orderProductId);
    const coverage = entries ? resolveCoverage(entries, schedule, warnings) : undefined;
    const merged = coverage ? mergeCoverage(coverage) : undefined;
    const dated = datePeriods(schedule, evaluator, schedule.periodsUntil(until).filter((p) => p.end >= from));
    for (const e of dated.errors) errors.push(e);
    const bills = !draft && !schedule.held;
    for (const dp of dated.periods) {
      const { period } = dp;
      const held = schedule.held || dp.held;
      const priced = pricer.charge(period, period, dp.billingDate, undefined);
      const coverageState = coverageOfPeriod(period, merged);
      const charges = bills && !dp.held ? chargesOf(dp, merged, pricer) : [];
      out.push({
        start: period.start,
        end: period.end,
        kind: period.kind,
        full: period.full,
        naturalBillingDate: dp.naturalBillingDate,
        billingDate: dp.billingDate,
        ...(dp.override ? { override: dp.override } : {}),
        prorationFactor: priced.prorationFactor,
        proration: prorate(period, period.full, schedule, registry).text,
        amount: priced.amount,
        invoiced: coverageState === 'full',
        coverage: coverageState,
        charges: charges.map((c) => ({ start: c.periodStart, end: c.periodEnd, billingDate: c.billingDate, prorationFactor: c.prorationFactor, amount: c.amount })),
        due: dp.billingDate <= asOf,
        held,
      });
    }
    if (bills && coverage) credits = creditsOf(schedule, coverage, pricer, asOf).sort(byLine);
  } catch (e) {
    errors.push({ orderProductId, ...toPlanError(e) });
  }
  return { ...base, periods: out, credits: credits.map(({ accountId: _a, currency: _c, ...l }) => l), errors, warnings };
}
