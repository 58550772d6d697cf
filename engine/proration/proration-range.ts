// Shared checks and the billing-month split used by the proration methods.

import {
  billingDayNumber,
  clampedDayInMonthIndex,
  fromDayNumber,
  daysInMonth,
  partsOf,
  toDayNumber,
} from '../calendar/civil-date.js';
import type { DateRange } from '../calendar/periods.js';
import type { ProrationContext } from './proration-types.js';

export interface DayRanges {
  /** Stub start and end (inclusive day numbers). */
  readonly a: number;
  readonly b: number;
  /** Full period start and end (inclusive day numbers). */
  readonly p: number;
  readonly q: number;
  /** The stub is the whole full period (factor exactly 1). */
  readonly whole: boolean;
}

function show(r: DateRange): string {
  return `${r.start}..${r.end}`;
}

/** Day numbers of the two ranges; throws unless the stub is a non-empty range inside the full period. */
export function checkRanges(stub: DateRange, full: DateRange): DayRanges {
  const a = toDayNumber(stub.start);
  const b = toDayNumber(stub.end);
  const p = toDayNumber(full.start);
  const q = toDayNumber(full.end);
  if (b < a) throw new RangeError(`stub ${show(stub)} ends before it starts`);
  if (a < p || b > q) throw new RangeError(`stub ${show(stub)} is not inside its full period ${show(full)}`);
  return { a, b, p, q, whole: a === p && b === q };
}

function monthEndDay(year: number, month: number): number {
  return daysInMonth(year, month);
}

/**
 * The full period as billing months: boundaries[0] = p, boundaries[M] = q + 1 and
 * boundaries[k] = day D of the k-th month after p's month, clamped (from the anchor).
 * D is the context's billing day when it fits the full period; else it is
 * inferred: the day of whichever end is not a clamped month end, else the later
 * of the two days. Throws when the full period is not a whole number (>= 1) of
 * billing months.
 */
export function billingMonths(p: number, q: number, context?: ProrationContext): number[] {
  const start = partsOf(p);
  const after = partsOf(q + 1);
  const months = after.year * 12 + after.month - (start.year * 12 + start.month);
  const startMonth = start.year * 12 + start.month - 1;
  const grid = (day: number): number[] | null => {
    if (months < 1) return null;
    const boundaries: number[] = [];
    for (let k = 0; k <= months; k += 1) boundaries.push(clampedDayInMonthIndex(startMonth + k, day));
    return boundaries[0] === p && boundaries[months] === q + 1 ? boundaries : null;
  };
  if (context?.billingDay !== undefined) {
    const given = grid(billingDayNumber(context.billingDay));
    if (given !== null) return given;
  }
  let inferred: number;
  if (start.day < monthEndDay(start.year, start.month)) inferred = start.day;
  else if (after.day < monthEndDay(after.year, after.month)) inferred = after.day;
  else inferred = Math.max(start.day, after.day);
  const boundaries = grid(inferred);
  if (boundaries === null) {
    throw new RangeError(`full period ${fromDayNumber(p)}..${fromDayNumber(q)} is not a whole number of billing months`);
  }
  return boundaries;
}

export interface MonthCoverage {
  /** Billing months of the full period. */
  readonly months: number;
  /** Billing months the stub covers entirely. */
  readonly whole: number;
  /** Partly covered billing months: days covered and the month's length in days. */
  readonly partial: readonly { readonly days: number; readonly length: number }[];
}

/** How the stub [a, b] covers the billing months of its full period [p, q]. */
export function monthCoverage(r: DayRanges, context?: ProrationContext): MonthCoverage {
  const boundaries = billingMonths(r.p, r.q, context);
  const months = boundaries.length - 1;
  let whole = 0;
  const partial: { days: number; length: number }[] = [];
  for (let k = 0; k < months; k += 1) {
    const s = boundaries[k];
    const e = boundaries[k + 1] - 1;
    const from = Math.max(s, r.a);
    const to = Math.min(e, r.b);
    if (to < from) continue;
    if (from === s && to === e) whole += 1;
    else partial.push({ days: to - from + 1, length: e - s + 1 });
  }
  return { months, whole, partial };
}
