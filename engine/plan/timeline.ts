// One order product's billing calendar for the next N months, as the browser
// editor draws it: every period overlapping [from, from + N months) with its
// kind, full period, natural and (overridden) billing dates, factor, amount,
// whether it is already invoiced and whether the line is held. Same decisions
// and pricing as the planner (plan-line.ts), but no asOf cut-off.
import type { OrderBook } from '../book/book-types.js';
import { naturalBillingDate } from '../calendar/billing-date.js';
import { addDays, addMonthsClamped } from '../calendar/civil-date.js';
import type { PeriodKind } from '../calendar/periods.js';
import { Dec } from '../money/decimal.js';
import { formatFactor, formatMoney, roundMoney } from '../money/rounding.js';
import type { Registry } from '../vocabulary/registry.js';
import { toPlanEvaluator, type PolicySource } from './plan-adapter.js';
import { indexBook, invoicedKey, lineContext, prorationOf, scheduleLine, type BookIndex } from './plan-line.js';
import type { EvaluationError, TraceEntry } from './simulation-types.js';

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
  readonly amount: string;
  readonly invoiced: boolean;
  /** Held by a policy or holdBilling (the whole line), or by a per-period hold. */
  readonly held: boolean;
}

export interface Timeline {
  readonly orderProductId: string;
  readonly from: string;
  /** Inclusive last day shown. */
  readonly until: string;
  readonly currency: string;
  readonly draft: boolean;
  readonly held: boolean;
  readonly holdReasons: readonly string[];
  readonly holdPolicies: readonly string[];
  readonly billingDay?: TraceEntry;
  readonly align?: TraceEntry;
  readonly periods: readonly TimelinePeriod[];
  readonly errors: readonly EvaluationError[];
}

export function timeline(
  book: OrderBook | BookIndex,
  orderProductId: string,
  from: string,
  months: number,
  policies: PolicySource,
  registry: Registry,
): Timeline {
  const index = 'accounts' in book && Array.isArray(book.accounts) ? indexBook(book as OrderBook) : (book as BookIndex);
  const until = addDays(addMonthsClamped(from, Math.max(1, Math.floor(months)), Number(from.slice(8, 10))), -1);
  const line = index.orderProducts.get(orderProductId);
  const empty = { orderProductId, from, until, currency: '', draft: false, held: false, holdReasons: [], holdPolicies: [], periods: [] };
  if (!line) return { ...empty, errors: [{ orderProductId, code: 'PV4205', message: `order product ${orderProductId} is not in the book` }] };
  const ctx = lineContext(index, line, from);
  if (!ctx) return { ...empty, errors: [{ orderProductId, code: 'PV4205', message: `order ${line.orderId} or its account is not in the book` }] };
  const evaluator = toPlanEvaluator(policies);
  const schedule = scheduleLine(ctx, evaluator, registry, (id) => index.orders.get(id));
  const base = {
    orderProductId,
    from,
    until,
    currency: ctx.account.currency,
    draft: ctx.order.status !== 'activated',
    held: schedule.held,
    holdReasons: schedule.holdReasons,
    holdPolicies: schedule.holdPolicies,
    ...(schedule.billingDayTrace ? { billingDay: schedule.billingDayTrace } : {}),
    ...(schedule.alignTrace ? { align: schedule.alignTrace } : {}),
  };
  const errors: EvaluationError[] = schedule.errors.map((e) => ({ orderProductId, code: e.code, message: e.message, ...(e.policy ? { policy: e.policy } : {}) }));
  if (errors.length > 0) return { ...base, periods: [], errors };

  const out: TimelinePeriod[] = [];
  const perPeriod = evaluator.hasOverrides || schedule.decision.periodScoped;
  try {
    for (const period of schedule.periodsUntil(until)) {
      if (period.end < from) continue;
      const natural = line.chargeType === 'one-time' ? line.startDate : naturalBillingDate(period, line.billingType);
      let billingDate = natural;
      let override: TimelinePeriod['override'];
      let heldHere = false;
      if (perPeriod) {
        const pd = evaluator.period({ ...ctx, billingDate: natural }, natural);
        if (pd.errors.length > 0) {
          for (const e of pd.errors) errors.push({ orderProductId, code: e.code, message: `period ${period.start}..${period.end}: ${e.message}`, ...(e.policy ? { policy: e.policy } : {}) });
          continue;
        }
        billingDate = pd.billingDate;
        heldHere = pd.held === true;
        if (pd.override && billingDate !== natural) override = { policy: pd.override.policy, ...(pd.override.reason ? { reason: pd.override.reason } : {}) };
      }
      const { factor, text } = prorationOf(period, schedule, registry);
      const raw = new Dec(line.quantity).mul(line.unitPrice).mul(factor);
      out.push({
        start: period.start,
        end: period.end,
        kind: period.kind,
        full: period.full,
        naturalBillingDate: natural,
        billingDate,
        ...(override ? { override } : {}),
        prorationFactor: formatFactor(factor),
        proration: text,
        amount: formatMoney(roundMoney(raw, ctx.account.currency, schedule.roundingRule, schedule.precision), ctx.account.currency, schedule.precision),
        invoiced: index.invoiced.has(invoicedKey(orderProductId, period.start)),
        held: schedule.held || heldHere,
      });
    }
  } catch (e) {
    errors.push({ orderProductId, code: 'PV4205', message: e instanceof Error ? e.message : String(e) });
  }
  return { ...base, periods: out, errors };
}
