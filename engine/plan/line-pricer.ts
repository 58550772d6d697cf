// Prices one scheduled line: charges (quantity x unitPrice x proration factor,
// rounded once per line) and credits (billed amount x proration factor of the
// days given back, against the billed period). The planner and the timeline
// both price through this class, so every preview shows what billing does.
import type { Decimal } from 'decimal.js';
import { daysInclusive } from '../calendar/civil-date.js';
import type { DateRange, Period } from '../calendar/periods.js';
import { Dec } from '../money/decimal.js';
import { formatFactor, formatMoney, roundMoney } from '../money/rounding.js';
import type { ProrationFn } from '../proration/proration-types.js';
import type { PlannedLine, TraceEntry } from '../results/index.js';
import type { Registry } from '../vocabulary/registry.js';
import type { Coverage } from './billed-coverage.js';
import { PlanFailure, type LineSchedule } from './line-schedule.js';
import { PLAN_CODES, planMessage } from './plan-codes.js';

const ONE = new Dec(1);

/** The proration factor of `stub` inside `full` by the schedule's method, and its trace text (`daily 17/31`). */
export function prorate(
  stub: DateRange,
  full: DateRange,
  schedule: Pick<LineSchedule, 'method' | 'billingDay'>,
  registry: Registry,
): { factor: Decimal; text: string } {
  if (stub.start === full.start && stub.end === full.end) return { factor: ONE, text: 'full period' };
  const def = registry.prorationMethod(schedule.method);
  if (!def) throw new PlanFailure(PLAN_CODES.unknownProrationMethod, planMessage('PV4201', { method: schedule.method }));
  let factor: Decimal;
  try {
    factor = (def.fn as ProrationFn)({ start: stub.start, end: stub.end }, full, { billingDay: schedule.billingDay });
  } catch (e) {
    throw new PlanFailure(
      PLAN_CODES.prorationFailed,
      planMessage('PV4204', { method: schedule.method, start: stub.start, end: stub.end, error: e instanceof Error ? e.message : String(e) }),
    );
  }
  if (!Dec.isDecimal(factor)) {
    throw new PlanFailure(PLAN_CODES.prorationFailed, planMessage('PV4204', { method: schedule.method, start: stub.start, end: stub.end, error: 'it did not return a Decimal' }));
  }
  const text =
    schedule.method === 'daily' ? `daily ${daysInclusive(stub.start, stub.end)}/${daysInclusive(full.start, full.end)}` : `${schedule.method} ${formatFactor(factor)}`;
  return { factor, text };
}

/**
 * quantity x unitPrice (x the aligned price scale) is computed once; full
 * periods share one rounded amount and one trace array, so a year of
 * catch-up costs little more than one period.
 */
export class LinePricer {
  private readonly base: Decimal;
  private fullAmount: string | undefined;
  private readonly prefix: TraceEntry[] = [];
  private readonly suffix: TraceEntry[] = [];
  private fullTrace: readonly TraceEntry[] | undefined;

  constructor(
    private readonly schedule: LineSchedule,
    private readonly registry: Registry,
  ) {
    const { line } = schedule.ctx;
    const { times, per } = schedule.priceScale;
    const base = new Dec(line.quantity).mul(line.unitPrice);
    this.base = times === per ? base : base.mul(times).div(per);
    if (schedule.billingDayTrace) this.prefix.push(schedule.billingDayTrace);
    if (schedule.alignTrace) this.prefix.push(schedule.alignTrace);
    if (schedule.priceTrace) this.prefix.push(schedule.priceTrace);
    if (schedule.roundingTrace) this.suffix.push(schedule.roundingTrace);
  }

  round(raw: Decimal): string {
    const { currency } = this.schedule.ctx.account;
    try {
      return formatMoney(roundMoney(raw, currency, this.schedule.rounding, this.schedule.precision), currency, this.schedule.precision);
    } catch (e) {
      throw new PlanFailure(PLAN_CODES.badRounding, e instanceof Error ? e.message : String(e), this.schedule.decision.prorate?.policy);
    }
  }

  private prorateEntry(text: string, full: DateRange | undefined): TraceEntry {
    const facts = this.schedule.decision.prorate?.facts;
    return { policy: this.schedule.methodPolicy, set: 'prorate', value: full ? `${text} of ${full.start}..${full.end}` : text, ...(facts ? { facts } : {}) };
  }

  /** quantity x unitPrice (x the aligned price scale): the amount of one full period, unrounded. */
  get basePrice(): Decimal {
    return this.base;
  }

  /** What the line's price gives for the whole period, unrounded (the estimate of a billed amount the book does not give). */
  rawAmountOf(period: Period): Decimal {
    return period.kind === 'full' ? this.base : this.base.mul(prorate(period, period.full, this.schedule, this.registry).factor);
  }

  /**
   * A charge for `days` of `period` (the whole period, or its uncovered days,
   * priced as a stub of the period's full period); `coverageNote` says what of
   * the period was billed before.
   */
  charge(period: Period, days: DateRange, billingDate: string, overrideTrace: TraceEntry | undefined, coverageNote?: TraceEntry): PlannedLine {
    let amount: string;
    let factorText: string;
    let trace: readonly TraceEntry[];
    const whole = days.start === period.start && days.end === period.end;
    if (whole && period.kind === 'full') {
      amount = this.fullAmount ??= this.round(this.base);
      factorText = '1';
      this.fullTrace ??= [...this.prefix, ...(this.schedule.decision.prorate ? [this.prorateEntry('full period', undefined)] : []), ...this.suffix];
      trace = overrideTrace ? [...this.fullTrace, overrideTrace] : this.fullTrace;
    } else {
      const { factor, text } = prorate(days, period.full, this.schedule, this.registry);
      amount = this.round(this.base.mul(factor));
      factorText = formatFactor(factor);
      trace = [...this.prefix, this.prorateEntry(text, period.full), ...this.suffix, ...(overrideTrace ? [overrideTrace] : []), ...(coverageNote ? [coverageNote] : [])];
    }
    return this.line('charge', days, billingDate, factorText, amount, trace);
  }

  /**
   * A credit for `days` of billed coverage `billed`: minus the billed amount x
   * the factor of the days inside the billed period (the line's method, against
   * the billed period). `billedAmount` is the book's, or `estimated` at today's price.
   */
  credit(billed: Coverage, billedAmount: Decimal, estimated: boolean, days: DateRange, reason: string, asOf: string): PlannedLine {
    const full = { start: billed.startDate, end: billed.endDate };
    let factor: Decimal;
    let text: string;
    let fallback = '';
    try {
      ({ factor, text } = prorate(days, full, this.schedule, this.registry));
    } catch (e) {
      // a method that cannot divide this billed range (monthly-daily over a stub that is not whole months)
      if (!(e instanceof PlanFailure) || e.code !== PLAN_CODES.prorationFailed) throw e;
      factor = new Dec(daysInclusive(days.start, days.end)).div(daysInclusive(full.start, full.end));
      text = `daily ${daysInclusive(days.start, days.end)}/${daysInclusive(full.start, full.end)}`;
      fallback = ` (${this.schedule.method} cannot divide ${full.start}..${full.end}: daily instead)`;
    }
    const amount = this.round(billedAmount.mul(factor).neg());
    const billedText = this.round(billedAmount);
    const trace: TraceEntry[] = [
      { policy: 'billed coverage', set: 'credit', value: `credit ${days.start}..${days.end} of the period billed ${full.start}..${full.end}: ${reason}` },
      {
        policy: this.schedule.methodPolicy,
        set: 'prorate',
        value: `${text} of ${estimated ? `${billedText} (the amount billed is not in the book: estimated at today's price)` : `${billedText} billed`}${fallback}`,
      },
      ...this.suffix,
    ];
    const out = this.line('credit', days, asOf, formatFactor(factor), amount, trace);
    return { ...out, corrects: { periodStart: full.start, periodEnd: full.end, amount: billed.amount ?? billedText } };
  }

  private line(kind: 'charge' | 'credit', days: DateRange, billingDate: string, prorationFactor: string, amount: string, trace: readonly TraceEntry[]): PlannedLine {
    const { line, account } = this.schedule.ctx;
    return {
      orderProductId: line.id,
      kind,
      periodStart: days.start,
      periodEnd: days.end,
      billingDate,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      prorationFactor,
      amount,
      trace,
      accountId: account.id,
      currency: account.currency,
    };
  }
}
