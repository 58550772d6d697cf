// Plans one order product for a billing run on `asOf` (DESIGN §3): decide
// (policies), cut the term into periods, date each period (natural date, then
// per-period overrides), keep the unbilled periods that are due, price them
// (quantity x unitPrice x proration factor, rounded once per line).
//
// Outcomes for one order product, exactly one of:
//   - its order is a draft                    -> nothing (drafts do not bill)
//   - evaluation or planning errors           -> errors, no lines (never bill on a failed decision);
//                                                also a hold report when it is held as well
//   - held (a policy, or holdBilling: true)   -> a hold report, no lines
//   - otherwise                               -> zero or more invoice lines
import type { Decimal } from 'decimal.js';
import type { Account, Contract, Order, OrderBook, OrderProduct } from '../book/book-types.js';
import { alignedPeriods } from '../calendar/alignment.js';
import { naturalBillingDate } from '../calendar/billing-date.js';
import { daysInclusive } from '../calendar/civil-date.js';
import { billingDayFor, frequencyMonths, periods, type CycleSpec, type Period } from '../calendar/periods.js';
import type { LineContext } from '../evaluate/line-context.js';
import { Dec } from '../money/decimal.js';
import { formatFactor, formatMoney, ROUNDING_MODES, roundMoney, type RoundingMode, type RoundingRule } from '../money/rounding.js';
import type { ProrationFn } from '../proration/proration-types.js';
import type { Registry } from '../vocabulary/registry.js';
import { PLAN_CODES } from './plan-codes.js';
import type { PlanError, PlanEvaluator, PlanLineDecision } from './plan-evaluator.js';
import type { EvaluationError, HoldReport, InvoiceLine, TraceEntry } from './simulation-types.js';

/** An invoice line with what groups it into an invoice. */
export interface PlannedLine extends InvoiceLine {
  readonly accountId: string;
  readonly currency: string;
}

export interface PlanOutput {
  readonly lines: PlannedLine[];
  readonly holds: HoldReport[];
  readonly errors: EvaluationError[];
}

/** The book, indexed once; the service plans chunk by chunk against it. */
export interface BookIndex {
  readonly accounts: ReadonlyMap<string, Account>;
  readonly contracts: ReadonlyMap<string, Contract>;
  readonly orders: ReadonlyMap<string, Order>;
  readonly orderProducts: ReadonlyMap<string, OrderProduct>;
  /** `invoicedKey(orderProductId, periodStart)` of every period already billed. */
  readonly invoiced: ReadonlySet<string>;
  /** The same, by order product: period starts already billed. */
  readonly invoicedByLine: ReadonlyMap<string, ReadonlySet<string>>;
}

export function invoicedKey(orderProductId: string, periodStart: string): string {
  return `${orderProductId}\u0000${periodStart}`;
}

export function indexBook(book: OrderBook): BookIndex {
  const byId = <T extends { id: string }>(xs: readonly T[]): Map<string, T> => {
    const m = new Map<string, T>();
    for (const x of xs) m.set(x.id, x);
    return m;
  };
  const invoiced = new Set<string>();
  const invoicedByLine = new Map<string, Set<string>>();
  for (const i of book.invoiced) {
    invoiced.add(invoicedKey(i.orderProductId, i.periodStart));
    let starts = invoicedByLine.get(i.orderProductId);
    if (!starts) invoicedByLine.set(i.orderProductId, (starts = new Set()));
    starts.add(i.periodStart);
  }
  return {
    accounts: byId(book.accounts),
    contracts: byId(book.contracts),
    orders: byId(book.orders),
    orderProducts: byId(book.orderProducts),
    invoiced,
    invoicedByLine,
  };
}

/** Everything a policy may read about one order product. */
export function lineContext(index: BookIndex, line: OrderProduct, asOf: string): LineContext | null {
  const order = index.orders.get(line.orderId);
  const account = order && index.accounts.get(order.accountId);
  if (!order || !account) return null;
  const contract = order.contractId ? (index.contracts.get(order.contractId) ?? null) : null;
  const original = line.amends ? (index.orderProducts.get(line.amends) ?? null) : null;
  return { account, contract, order, line, original, today: asOf };
}

const DEFAULT_METHOD = 'daily';
/** The reason reported for `holdBilling: true` (the same text evaluateLine uses). */
export const HOLD_BILLING_REASON = 'holdBilling is set on the order product';
const DEFAULT_ROUNDING: RoundingMode = 'half-up';

class PlanFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly policy?: string,
  ) {
    super(message);
  }
}

/** A period to bill, before pricing. */
export interface DatedPeriod {
  readonly period: Period;
  readonly naturalBillingDate: string;
  readonly billingDate: string;
  readonly overrideTrace?: TraceEntry;
}

/** The schedule of one line: its decision, cycle and how to price a period. */
export interface LineSchedule {
  readonly ctx: LineContext;
  readonly decision: PlanLineDecision;
  readonly held: boolean;
  readonly holdReasons: readonly string[];
  readonly holdPolicies: readonly string[];
  readonly errors: readonly PlanError[];
  /** Periods whose start is on or before `until` (one-time: the single charge). */
  periodsUntil(until: string): Period[];
  billingDayTrace?: TraceEntry;
  alignTrace?: TraceEntry;
  readonly method: string;
  readonly methodPolicy: string;
  /** The rounding mode's name (trace) and what roundMoney applies (a plugin mode as its rule). */
  readonly rounding: string;
  readonly roundingRule: RoundingMode | RoundingRule;
  readonly precision?: number;
  readonly billingDay: number | 'last';
}

function billingDayOf(
  line: OrderProduct,
  account: Account,
  decision: PlanLineDecision,
): { day: number | 'last'; source: string } {
  if (decision.billingDay) return { day: decision.billingDay.value, source: decision.billingDay.policy };
  if (line.billingDayOfMonth !== null) return { day: line.billingDayOfMonth, source: 'order product' };
  if (account.billingDayOfMonth !== null) return { day: account.billingDayOfMonth, source: 'account' };
  return { day: billingDayFor(null, line.startDate), source: 'default' };
}

function cycleOf(line: OrderProduct, day: number | 'last'): CycleSpec {
  if (!line.billingFrequency) throw new PlanFailure(PLAN_CODES.calendarFailed, `recurring line ${line.id} has no billing frequency`);
  return { startDate: line.startDate, endDate: line.endDate, billingDay: day, months: frequencyMonths(line.billingFrequency) };
}

/** A built-in mode by name; a plugin's registered mode as its decimal.js rule. */
function roundingRuleOf(name: string, registry: Registry): RoundingMode | RoundingRule {
  if ((ROUNDING_MODES as readonly string[]).includes(name)) return name as RoundingMode;
  const def = registry.roundingMode(name);
  return def?.decimalRounding !== undefined ? { name, decimalRounding: def.decimalRounding } : (name as RoundingMode);
}

/** Decides a line and builds its schedule. Never throws: failures become errors. */
export function scheduleLine(
  ctx: LineContext,
  evaluator: PlanEvaluator,
  registry: Registry,
  orderOf: (orderId: string) => Order | undefined = () => undefined,
): LineSchedule {
  const { line, account } = ctx;
  const decision = evaluator.line(ctx);
  const errors: PlanError[] = [...decision.errors];
  const holdReasons = [...decision.holdReasons];
  const holdPolicies = [...decision.holdPolicies];
  let held = decision.held;
  if (line.holdBilling) {
    held = true;
    if (!holdReasons.includes(HOLD_BILLING_REASON)) holdReasons.push(HOLD_BILLING_REASON);
  }
  const { day, source } = billingDayOf(line, account, decision);
  const method = decision.prorate?.value.method ?? DEFAULT_METHOD;
  const methodPolicy = decision.prorate?.policy ?? 'default';
  const rounding: string = decision.prorate?.value.rounding ?? DEFAULT_ROUNDING;
  const roundingRule = roundingRuleOf(rounding, registry);
  const precision = decision.prorate?.value.precision;
  if (!registry.prorationMethod(method)) {
    errors.push({ code: PLAN_CODES.unknownProrationMethod, message: `proration method "${method}" is not registered`, policy: decision.prorate?.policy });
  }

  const schedule: LineSchedule = {
    ctx,
    decision,
    held,
    holdReasons,
    holdPolicies,
    errors,
    method,
    methodPolicy,
    rounding,
    roundingRule,
    precision,
    billingDay: day,
    periodsUntil: () => [],
  };
  if (line.chargeType === 'one-time') {
    const single: Period = { start: line.startDate, end: line.startDate, kind: 'full', full: { start: line.startDate, end: line.startDate }, index: 0 };
    schedule.periodsUntil = (until) => (line.startDate <= until ? [single] : []);
    schedule.billingDayTrace = { policy: 'order product', set: 'charge', value: `one-time, bills once on its start date ${line.startDate}` };
    return schedule;
  }
  schedule.billingDayTrace = { policy: source, set: 'billingDay', value: String(day), ...(decision.billingDay?.facts ? { facts: decision.billingDay.facts } : {}) };

  try {
    const align = decision.align?.value ?? 'own';
    if (align === 'original' && line.amends) {
      const original = ctx.original;
      if (!original) throw new PlanFailure(PLAN_CODES.originalFailed, `amended order product ${line.amends} is not in the book`);
      const originalOrder = ctx.order.id === original.orderId ? ctx.order : (orderOf(original.orderId) ?? ctx.order);
      const octx: LineContext = { ...ctx, line: original, order: originalOrder, original: null };
      const od = evaluator.line(octx);
      if (od.errors.length > 0) {
        throw new PlanFailure(PLAN_CODES.originalFailed, `the amended line ${original.id} cannot be decided: ${od.errors.map((e) => e.message).join('; ')}`, od.errors[0].policy);
      }
      const o = billingDayOf(original, account, od);
      const spec = cycleOf(original, o.day);
      schedule.alignTrace = {
        policy: decision.align!.policy,
        set: 'align',
        value: `original (${original.id}: billing day ${String(o.day)} from ${o.source}, ${original.billingFrequency}${original.endDate ? `, ends ${original.endDate}` : ''})`,
      };
      (schedule as { billingDay: number | 'last' }).billingDay = o.day;
      schedule.billingDayTrace = { policy: o.source, set: 'billingDay', value: `${String(o.day)} (of ${original.id})` };
      schedule.periodsUntil = (until) => alignedPeriods({ startDate: line.startDate, endDate: line.endDate }, spec, until);
    } else {
      if (decision.align && line.amends) schedule.alignTrace = { policy: decision.align.policy, set: 'align', value: 'own' };
      const spec = cycleOf(line, day);
      schedule.periodsUntil = (until) => periods(spec, until);
    }
  } catch (e) {
    errors.push(toPlanError(e));
  }
  return schedule;
}

function toPlanError(e: unknown): PlanError {
  if (e instanceof PlanFailure) return { code: e.code, message: e.message, policy: e.policy };
  return { code: PLAN_CODES.calendarFailed, message: e instanceof Error ? e.message : String(e) };
}

/** The proration factor of a period and its trace text (`daily 17/31`). */
export function prorationOf(
  period: Period,
  schedule: Pick<LineSchedule, 'method' | 'billingDay'>,
  registry: Registry,
): { factor: Decimal; text: string } {
  if (period.kind === 'full') return { factor: ONE, text: 'full period' };
  const def = registry.prorationMethod(schedule.method);
  if (!def) throw new PlanFailure(PLAN_CODES.unknownProrationMethod, `proration method "${schedule.method}" is not registered`);
  let factor: Decimal;
  try {
    factor = (def.fn as ProrationFn)({ start: period.start, end: period.end }, period.full, { billingDay: schedule.billingDay });
  } catch (e) {
    throw new PlanFailure(PLAN_CODES.prorationFailed, `proration method "${schedule.method}" failed for ${period.start}..${period.end}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Dec.isDecimal(factor)) throw new PlanFailure(PLAN_CODES.prorationFailed, `proration method "${schedule.method}" did not return a Decimal`);
  const text =
    schedule.method === 'daily'
      ? `daily ${daysInclusive(period.start, period.end)}/${daysInclusive(period.full.start, period.full.end)}`
      : `${schedule.method} ${formatFactor(factor)}`;
  return { factor, text };
}

const ONE = new Dec(1);

/**
 * Plans one order product into `out`. `invoiced` answers whether a period was
 * billed before. Every period whose (overridden) billing date is on or before
 * asOf and that was not billed is billed (catch-up included).
 */
export function planLine(index: BookIndex, line: OrderProduct, asOf: string, evaluator: PlanEvaluator, registry: Registry, out: PlanOutput): void {
  const ctx = lineContext(index, line, asOf);
  if (!ctx) {
    out.errors.push({ orderProductId: line.id, code: PLAN_CODES.calendarFailed, message: `order ${line.orderId} or its account is not in the book` });
    return;
  }
  if (ctx.order.status !== 'activated') return;
  const schedule = scheduleLine(ctx, evaluator, registry, (id) => index.orders.get(id));
  if (schedule.errors.length > 0) {
    for (const e of schedule.errors) out.errors.push({ orderProductId: line.id, code: e.code, message: e.message, ...(e.policy ? { policy: e.policy } : {}) });
    // a line that is also held says so: the hold would apply once the error is fixed
    if (schedule.held) out.holds.push(holdReport(line.id, schedule.holdReasons, schedule.holdPolicies, schedule.decision.holdTrace));
    return;
  }
  if (schedule.held) {
    out.holds.push(holdReport(line.id, schedule.holdReasons, schedule.holdPolicies, schedule.decision.holdTrace));
    return;
  }
  const produced: PlannedLine[] = [];
  const periodHold = { reasons: [] as string[], policies: [] as string[] };
  const billed = index.invoicedByLine.get(line.id);
  try {
    const perPeriod = evaluator.hasOverrides || schedule.decision.periodScoped;
    const pricer = new LinePricer(ctx, schedule, registry);
    for (const period of schedule.periodsUntil(asOf)) {
      if (billed !== undefined && billed.has(period.start)) continue;
      const natural = line.chargeType === 'one-time' ? line.startDate : naturalBillingDate(period, line.billingType);
      let billingDate = natural;
      let overrideTrace: TraceEntry | undefined;
      if (perPeriod) {
        const pd = evaluator.period(ctx, natural);
        if (pd.errors.length > 0) {
          for (const e of pd.errors) {
            out.errors.push({ orderProductId: line.id, code: e.code, message: `period ${period.start}..${period.end}: ${e.message}`, ...(e.policy ? { policy: e.policy } : {}) });
          }
          return;
        }
        if (pd.held) {
          for (const r of pd.holdReasons ?? []) if (!periodHold.reasons.includes(r)) periodHold.reasons.push(r);
          for (const p of pd.holdPolicies ?? []) if (!periodHold.policies.includes(p)) periodHold.policies.push(p);
          continue;
        }
        billingDate = pd.billingDate;
        if (pd.override && billingDate !== natural) {
          overrideTrace = {
            policy: pd.override.policy,
            set: 'billingDate',
            value: `${billingDate} (natural ${natural})${pd.override.reason ? `: ${pd.override.reason}` : ''}`,
            ...(pd.override.facts ? { facts: pd.override.facts } : {}),
          };
        }
      }
      if (billingDate > asOf) continue;
      produced.push(pricer.price(period, billingDate, overrideTrace));
    }
  } catch (e) {
    out.errors.push({ orderProductId: line.id, ...toPlanError(e) });
    return;
  }
  for (const l of produced) out.lines.push(l);
  if (periodHold.reasons.length > 0 || periodHold.policies.length > 0) out.holds.push(holdReport(line.id, periodHold.reasons, periodHold.policies));
}

function holdReport(id: string, reasons: readonly string[], policies: readonly string[], trace?: readonly TraceEntry[]): HoldReport {
  return { orderProductId: id, reasons: [...reasons], policies: [...policies], ...(trace && trace.length ? { trace } : {}) };
}

/**
 * Prices the periods of one scheduled line. quantity x unitPrice is computed
 * once; full periods (factor 1) share one rounded amount and one trace array,
 * so a year of catch-up costs little more than one period.
 */
class LinePricer {
  private readonly base: Decimal;
  private fullAmount: string | undefined;
  private readonly prefix: TraceEntry[] = [];
  private readonly suffix: TraceEntry[] = [];
  private fullTrace: readonly TraceEntry[] | undefined;

  constructor(
    private readonly ctx: LineContext,
    private readonly schedule: LineSchedule,
    private readonly registry: Registry,
  ) {
    this.base = new Dec(ctx.line.quantity).mul(ctx.line.unitPrice);
    if (schedule.billingDayTrace) this.prefix.push(schedule.billingDayTrace);
    if (schedule.alignTrace) this.prefix.push(schedule.alignTrace);
    if (schedule.decision.prorate?.value.rounding || schedule.precision !== undefined) {
      this.suffix.push({
        policy: schedule.methodPolicy,
        set: 'rounding',
        value: `${schedule.rounding}${schedule.precision !== undefined ? ` precision ${schedule.precision}` : ''}`,
      });
    }
  }

  private round(raw: Decimal): string {
    const { currency } = this.ctx.account;
    try {
      return formatMoney(roundMoney(raw, currency, this.schedule.roundingRule, this.schedule.precision), currency, this.schedule.precision);
    } catch (e) {
      throw new PlanFailure(PLAN_CODES.badRounding, e instanceof Error ? e.message : String(e), this.schedule.decision.prorate?.policy);
    }
  }

  private prorateEntry(text: string, period: Period): TraceEntry {
    const facts = this.schedule.decision.prorate?.facts;
    return {
      policy: this.schedule.methodPolicy,
      set: 'prorate',
      value: period.kind !== 'full' ? `${text} of ${period.full.start}..${period.full.end}` : text,
      ...(facts ? { facts } : {}),
    };
  }

  price(period: Period, billingDate: string, overrideTrace: TraceEntry | undefined): PlannedLine {
    const { line, account } = this.ctx;
    let amount: string;
    let factorText: string;
    let trace: readonly TraceEntry[];
    if (period.kind === 'full') {
      amount = this.fullAmount ??= this.round(this.base);
      factorText = '1';
      this.fullTrace ??= [...this.prefix, ...(this.schedule.decision.prorate ? [this.prorateEntry('full period', period)] : []), ...this.suffix];
      trace = overrideTrace ? [...this.fullTrace, overrideTrace] : this.fullTrace;
    } else {
      const { factor, text } = prorationOf(period, this.schedule, this.registry);
      amount = this.round(this.base.mul(factor));
      factorText = formatFactor(factor);
      trace = [...this.prefix, this.prorateEntry(text, period), ...this.suffix, ...(overrideTrace ? [overrideTrace] : [])];
    }
    return {
      orderProductId: line.id,
      periodStart: period.start,
      periodEnd: period.end,
      billingDate,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      prorationFactor: factorText,
      amount,
      trace,
      accountId: account.id,
      currency: account.currency,
    };
  }
}
