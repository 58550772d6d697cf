// Billed coverage (DESIGN §3 "Billed coverage"): the days of an order product
// already billed, from the book's `invoiced` entries, as day-number intervals;
// the days of a period still uncovered; and the book's `invoiced` after a plan
// is billed (what the service's ledger records), so planning again yields nothing.
import type { InvoicedPeriod } from '../book/book-types.js';
import { addDays, addMonthsClamped, fromDayNumber, toDayNumber } from '../calendar/civil-date.js';
import { Dec } from '../money/decimal.js';
import type { InvoiceLine, PlanWarning } from '../results/index.js';
import type { LineSchedule } from './line-schedule.js';
import { PLAN_CODES, planMessage } from './plan-codes.js';

/** One billed range of an order product. */
export interface Coverage {
  readonly start: number;
  readonly end: number;
  readonly startDate: string;
  readonly endDate: string;
  /** The amount billed, when the book says. */
  readonly amount?: string;
}

/** Inclusive day-number interval. */
export type DayRange = readonly [number, number];

/**
 * The line's billed coverage. An entry without periodEnd is read as the period
 * starting on its periodStart in the line's current calendar (else one cycle
 * from there), with a PV4207 warning naming it.
 */
export function resolveCoverage(entries: readonly InvoicedPeriod[], schedule: LineSchedule, warnings: PlanWarning[]): Coverage[] {
  const line = schedule.ctx.line;
  let startsAt: Map<string, string> | undefined;
  const out: Coverage[] = [];
  for (const e of entries) {
    let endDate = e.periodEnd;
    if (endDate === undefined) {
      if (line.chargeType === 'one-time' || schedule.months === null) endDate = e.periodStart;
      else {
        startsAt ??= periodEndsByStart(entries, schedule);
        endDate = startsAt.get(e.periodStart) ?? addDays(addMonthsClamped(e.periodStart, schedule.months, Number(e.periodStart.slice(8, 10))), -1);
      }
      warnings.push({ orderProductId: line.id, code: PLAN_CODES.coverageWithoutEnd, message: planMessage('PV4207', { start: e.periodStart, end: endDate }) });
    }
    out.push({ start: toDayNumber(e.periodStart), end: toDayNumber(endDate), startDate: e.periodStart, endDate, ...(e.amount !== undefined ? { amount: e.amount } : {}) });
  }
  return out;
}

function periodEndsByStart(entries: readonly InvoicedPeriod[], schedule: LineSchedule): Map<string, string> {
  let last = '';
  for (const e of entries) if (e.periodEnd === undefined && e.periodStart > last) last = e.periodStart;
  const m = new Map<string, string>();
  for (const p of schedule.periodsUntil(last)) m.set(p.start, p.end);
  return m;
}

/** The union of the coverage as sorted, disjoint, non-adjacent intervals. */
export function mergeCoverage(coverage: readonly Coverage[]): DayRange[] {
  const sorted = coverage.map((c) => [c.start, c.end] as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The parts of [a, b] no interval of `merged` covers, in order. */
export function uncovered(a: number, b: number, merged: readonly DayRange[]): DayRange[] {
  const out: DayRange[] = [];
  let from = a;
  // first interval that ends on or after a (binary search)
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid][1] < a) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < merged.length && from <= b; i++) {
    const [s, e] = merged[i];
    if (s > b) break;
    if (s > from) out.push([from, s - 1]);
    from = Math.max(from, e + 1);
  }
  if (from <= b) out.push([from, b]);
  return out;
}

/** The days of [s, e] outside the term [ts, te] (te null = no end): at most two ranges. */
export function outsideTerm(s: number, e: number, ts: number, te: number | null): { range: DayRange; side: 'before' | 'after' }[] {
  const out: { range: DayRange; side: 'before' | 'after' }[] = [];
  if (s < ts) out.push({ range: [s, Math.min(e, ts - 1)], side: 'before' });
  if (te !== null && e > te) out.push({ range: [Math.max(s, te + 1), e], side: 'after' });
  return out;
}

export const dayText = fromDayNumber;

/**
 * The `invoiced` entries once the lines are billed: each charge adds its
 * coverage and amount; each credit gives its days back from the entry it
 * corrects (which keeps the rest of its days and the rest of its amount).
 */
export function invoicedAfter(invoiced: readonly InvoicedPeriod[], lines: Iterable<InvoiceLine>): InvoicedPeriod[] {
  const out: InvoicedPeriod[] = invoiced.map((e) => ({ ...e }));
  for (const l of lines) {
    if (l.kind === 'charge') {
      out.push({ orderProductId: l.orderProductId, periodStart: l.periodStart, periodEnd: l.periodEnd, amount: l.amount });
      continue;
    }
    const c = l.corrects;
    if (!c) continue;
    // the entry it corrects, or what is left of it after an earlier credit
    const i = out.findIndex(
      (e) =>
        e.orderProductId === l.orderProductId &&
        e.periodStart >= c.periodStart &&
        (e.periodEnd ?? c.periodEnd) <= c.periodEnd &&
        e.periodStart <= l.periodStart &&
        (e.periodEnd ?? c.periodEnd) >= l.periodEnd,
    );
    if (i < 0) continue;
    const entry = out[i];
    const entryEnd = entry.periodEnd ?? c.periodEnd;
    const remaining = new Dec(entry.amount ?? c.amount).plus(l.amount);
    const amount = (remaining.isZero() ? new Dec(0) : remaining).toFixed(Math.max(places(c.amount), places(l.amount)));
    const keep: InvoicedPeriod[] = [];
    if (l.periodStart > entry.periodStart) keep.push({ orderProductId: l.orderProductId, periodStart: entry.periodStart, periodEnd: addDays(l.periodStart, -1), amount });
    if (l.periodEnd < entryEnd) {
      const rest = { orderProductId: l.orderProductId, periodStart: addDays(l.periodEnd, 1), periodEnd: entryEnd };
      keep.push(keep.length === 0 ? { ...rest, amount } : rest);
    }
    out.splice(i, 1, ...keep);
  }
  return out;
}

function places(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}
