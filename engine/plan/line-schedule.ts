// The schedule of one order product: its decision (policies), billing day,
// cycle, term and how to price a period. Shared by the planner and the
// timeline, so both cut the same periods and price them the same way.
//
// Amendments aligned to `original` follow the ROOT of their chain (the first
// order product that amends nothing): its billing day, frequency, cycle and end
// date (DESIGN §3). An aligned amendment of another frequency has its unitPrice
// (per period of its own frequency) scaled by the ratio of months.
import type { Account, OrderProduct } from '../book/book-types.js';
import { alignedPeriods } from '../calendar/alignment.js';
import { billingDayFor, frequencyMonths, periods, type CycleSpec, type FrequencyMonths, type Period } from '../calendar/periods.js';
import { Dec } from '../money/decimal.js';
import { minorUnits, type RoundingMode } from '../money/rounding.js';
import type { LineContext, PlanError, TraceEntry } from '../results/index.js';
import type { Registry } from '../vocabulary/registry.js';
import type { BookIndex } from './book-index.js';
import { PLAN_CODES, planMessage } from './plan-codes.js';
import type { PlanEvaluator, PlanLineDecision } from './plan-evaluator.js';

/** A run plans at most this many periods per order product (PV4208): 100 years of monthly periods. */
export const MAX_PERIODS_PER_LINE = 1200;

const DEFAULT_METHOD = 'daily';
const DEFAULT_ROUNDING: RoundingMode = 'half-up';
/** The reason reported for `holdBilling: true` (the same text evaluateLine uses). */
export const HOLD_BILLING_REASON = 'holdBilling is set on the order product';

/** A planning failure of one order product: reported, never thrown out of the planner. */
export class PlanFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly policy?: string,
  ) {
    super(message);
  }
}

export function toPlanError(e: unknown): PlanError {
  if (e instanceof PlanFailure) return { code: e.code, message: e.message, ...(e.policy ? { policy: e.policy } : {}) };
  return { code: PLAN_CODES.calendarFailed, message: e instanceof Error ? e.message : String(e) };
}

/** Inclusive days the line bills at all under today's book; end null = evergreen. */
export interface Term {
  readonly start: string;
  readonly end: string | null;
}

export interface LineSchedule {
  readonly ctx: LineContext;
  readonly decision: PlanLineDecision;
  readonly held: boolean;
  readonly holdReasons: readonly string[];
  readonly holdPolicies: readonly string[];
  readonly errors: PlanError[];
  readonly method: string;
  readonly methodPolicy: string;
  readonly rounding: RoundingMode;
  /** Decimal places of amounts: the policy's precision capped at the currency's minor unit, or undefined (the minor unit). */
  readonly precision?: number;
  readonly billingDay: number | 'last';
  /** Cycle length in months; null for a one-time charge. */
  readonly months: FrequencyMonths | null;
  /** unitPrice is multiplied by `times` and divided by `per` (months of the aligned root / months of the line); 1/1 unless aligned across frequencies. */
  readonly priceScale: { readonly times: number; readonly per: number };
  /** Null when the line has no day left to bill (an aligned amendment effective after its root ends). */
  readonly term: Term | null;
  /** Why the term is null, for the credit trace. */
  readonly noTermReason?: string;
  readonly billingDayTrace?: TraceEntry;
  readonly alignTrace?: TraceEntry;
  readonly priceTrace?: TraceEntry;
  readonly roundingTrace?: TraceEntry;
  /** Periods whose start is on or before `until`; throws PV4208 past MAX_PERIODS_PER_LINE. */
  periodsUntil(until: string): Period[];
}

function billingDayOf(line: OrderProduct, account: Account, decision: PlanLineDecision): { day: number | 'last'; source: string } {
  if (decision.billingDay) return { day: decision.billingDay.value, source: decision.billingDay.policy };
  if (line.billingDayOfMonth !== null) return { day: line.billingDayOfMonth, source: 'order product' };
  if (account.billingDayOfMonth !== null) return { day: account.billingDayOfMonth, source: 'account' };
  return { day: billingDayFor(null, line.startDate), source: 'default' };
}

function cycleOf(line: OrderProduct, day: number | 'last'): CycleSpec {
  if (!line.billingFrequency) throw new PlanFailure(PLAN_CODES.calendarFailed, `recurring line ${line.id} has no billing frequency`);
  return { startDate: line.startDate, endDate: line.endDate, billingDay: day, months: frequencyMonths(line.billingFrequency) };
}

function bounded(list: Period[], until: string): Period[] {
  if (list.length > MAX_PERIODS_PER_LINE) {
    throw new PlanFailure(PLAN_CODES.tooManyPeriods, planMessage('PV4208', { limit: MAX_PERIODS_PER_LINE, until }));
  }
  return list;
}

/** The root of an amendment chain: follows `amends` until a line that amends nothing. */
export function chainRoot(line: OrderProduct, index: BookIndex): OrderProduct {
  const seen = new Set<string>([line.id]);
  let at = line;
  while (at.amends) {
    const next = index.orderProducts.get(at.amends);
    if (!next) throw new PlanFailure(PLAN_CODES.originalFailed, `amended order product ${at.amends} is not in the book`);
    if (seen.has(next.id)) throw new PlanFailure(PLAN_CODES.originalFailed, `the amendment chain of ${line.id} loops through ${next.id}`);
    seen.add(next.id);
    at = next;
  }
  return at;
}

const FREQUENCY_WORD: Readonly<Record<number, string>> = { 1: 'month', 3: 'quarter', 6: 'half-year', 12: 'year' };

/** Decides a line and builds its schedule. Never throws: failures become errors. */
export function scheduleLine(ctx: LineContext, evaluator: PlanEvaluator, registry: Registry, index: BookIndex): LineSchedule {
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
  const method = decision.prorate?.value.method ?? DEFAULT_METHOD;
  const methodPolicy = decision.prorate?.policy ?? 'default';
  const rounding = (decision.prorate?.value.rounding ?? DEFAULT_ROUNDING) as RoundingMode;
  if (!registry.prorationMethod(method)) {
    errors.push({ code: PLAN_CODES.unknownProrationMethod, message: planMessage('PV4201', { method }), ...(decision.prorate?.policy ? { policy: decision.prorate.policy } : {}) });
  }
  const s: { -readonly [K in keyof LineSchedule]: LineSchedule[K] } = {
    ctx,
    decision,
    held,
    holdReasons,
    holdPolicies,
    errors,
    method,
    methodPolicy,
    rounding,
    billingDay: 1,
    months: null,
    priceScale: { times: 1, per: 1 },
    term: { start: line.startDate, end: line.endDate },
    periodsUntil: () => [],
  };
  precisionOf(s, account.currency, decision);

  if (line.chargeType === 'one-time') {
    const single: Period = { start: line.startDate, end: line.startDate, kind: 'full', full: { start: line.startDate, end: line.startDate }, index: 0 };
    s.term = { start: line.startDate, end: line.startDate };
    s.periodsUntil = (until) => (line.startDate <= until ? [single] : []);
    s.billingDayTrace = { policy: 'order product', set: 'charge', value: `one-time, bills once on its start date ${line.startDate}` };
    return s;
  }
  try {
    const own = billingDayOf(line, account, decision);
    s.billingDay = own.day;
    s.billingDayTrace = { policy: own.source, set: 'billingDay', value: String(own.day), ...(decision.billingDay?.facts ? { facts: decision.billingDay.facts } : {}) };
    const align = decision.align?.value ?? 'own';
    if (align === 'original' && line.amends) alignToRoot(s, ctx, evaluator, index);
    else {
      if (decision.align && line.amends) s.alignTrace = { policy: decision.align.policy, set: 'align', value: 'own' };
      const spec = cycleOf(line, own.day);
      s.months = spec.months;
      s.periodsUntil = (until) => bounded(periods(spec, until, MAX_PERIODS_PER_LINE + 1), until);
    }
  } catch (e) {
    errors.push(toPlanError(e));
  }
  return s;
}

function precisionOf(s: { -readonly [K in keyof LineSchedule]: LineSchedule[K] }, currency: string, decision: PlanLineDecision): void {
  const decided = decision.prorate?.value.precision;
  let units: number;
  try {
    units = minorUnits(currency);
  } catch (e) {
    s.errors.push({ code: PLAN_CODES.badRounding, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  const text = (p: number | undefined): string => `${s.rounding}${p !== undefined ? ` precision ${p}` : ''}`;
  if (decided !== undefined && decided > units) {
    s.precision = units;
    s.roundingTrace = { policy: s.methodPolicy, set: 'rounding', value: `${text(decided)} capped at ${units}, the minor unit of ${currency}` };
  } else {
    if (decided !== undefined) s.precision = decided;
    if (decision.prorate?.value.rounding || decided !== undefined) s.roundingTrace = { policy: s.methodPolicy, set: 'rounding', value: text(decided) };
  }
}

function alignToRoot(s: { -readonly [K in keyof LineSchedule]: LineSchedule[K] }, ctx: LineContext, evaluator: PlanEvaluator, index: BookIndex): void {
  const { line, account } = ctx;
  const root = chainRoot(line, index);
  const rootOrder = index.orders.get(root.orderId) ?? ctx.order;
  const rootContract = rootOrder.contractId ? (index.contracts.get(rootOrder.contractId) ?? null) : null;
  const rctx: LineContext = { ...ctx, line: root, order: rootOrder, contract: rootContract, original: null };
  const rd = evaluator.line(rctx);
  if (rd.errors.length > 0) {
    throw new PlanFailure(PLAN_CODES.originalFailed, planMessage('PV4203', { original: root.id, errors: rd.errors.map((e) => e.message).join('; ') }), rd.errors[0].policy);
  }
  const r = billingDayOf(root, account, rd);
  const spec = cycleOf(root, r.day);
  const via = root.id === line.amends ? root.id : `${root.id}, the root of the chain through ${line.amends}`;
  s.alignTrace = {
    policy: s.decision.align!.policy,
    set: 'align',
    value: `original (${via}: billing day ${String(r.day)} from ${r.source}, ${root.billingFrequency}${root.endDate ? `, ends ${root.endDate}` : ''})`,
  };
  s.billingDay = r.day;
  s.months = spec.months;
  s.billingDayTrace = { policy: r.source, set: 'billingDay', value: `${String(r.day)} (of ${root.id})` };
  const ownEnd = line.endDate;
  const end = spec.endDate === null ? ownEnd : ownEnd === null ? spec.endDate : ownEnd < spec.endDate ? ownEnd : spec.endDate;
  if (end !== null && end < line.startDate) {
    s.term = null;
    s.noTermReason = `it takes effect ${line.startDate}, after ${root.id} ends ${end}`;
  } else s.term = { start: line.startDate, end };
  s.periodsUntil = (until) => bounded(alignedPeriods({ startDate: line.startDate, endDate: line.endDate }, spec, until, MAX_PERIODS_PER_LINE + 1), until);
  if (line.billingFrequency && line.billingFrequency !== root.billingFrequency) {
    const ownMonths = frequencyMonths(line.billingFrequency);
    s.priceScale = { times: spec.months, per: ownMonths };
    const scaled = new Dec(line.unitPrice).mul(spec.months).div(ownMonths).toDecimalPlaces(10);
    s.priceTrace = {
      policy: s.decision.align!.policy,
      set: 'unitPrice',
      value: `${line.unitPrice} per ${FREQUENCY_WORD[ownMonths]} x ${spec.months}/${ownMonths} = ${scaled.toFixed()} per ${FREQUENCY_WORD[spec.months]} (aligned to ${root.billingFrequency} ${root.id})`,
    };
  }
}
