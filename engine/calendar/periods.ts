// Billing periods of a recurring line (DESIGN §3 "Periods", "Full period of a stub").
//
// A cycle is a grid of boundaries: boundary k is day D of the month
// (anchorMonth + k * M), clamped to the month's end, always computed from the
// anchor month (never chained). Cell k is [boundary k, boundary k+1 - 1]. A line's
// term [S, E] is cut by the grid; each piece is one period and the cell holding it
// is its `full` range, the proration denominator:
//   - piece = cell                       -> 'full'
//   - piece ends on the cell's end       -> 'leading-stub' (full = the cell, i.e. the
//                                           full-length period ENDING where the stub ends)
//   - piece starts on the cell's start   -> 'trailing-stub' (full = the cell, i.e. the
//                                           full-length period STARTING where the stub starts)
//   - neither (term shorter than a cycle, S off the grid and E before the next
//     boundary)                          -> 'stub'; full = the cell containing it, the
//                                           same full period the leading stub would
//                                           have had (it ends at the stub's natural
//                                           boundary, the day before the first D-date after S).
// The grid is anchored on the first D-date on or after S, so periods start at S
// when S falls on D (clamped: D = 31 and S = Apr 30 counts as on D).

import {
  billingDayNumber,
  clampedDayInMonthIndex,
  fromDayNumber,
  monthIndexOf,
  partsOf,
  toDayNumber,
  tryParseParts,
} from './civil-date.js';

export type FrequencyMonths = 1 | 3 | 6 | 12;
export type BillingFrequencyName = 'monthly' | 'quarterly' | 'semiannual' | 'annual';

const FREQUENCY_MONTHS: Readonly<Record<BillingFrequencyName, FrequencyMonths>> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
};

export function frequencyMonths(f: BillingFrequencyName): FrequencyMonths {
  const m = Object.prototype.hasOwnProperty.call(FREQUENCY_MONTHS, f) ? FREQUENCY_MONTHS[f] : undefined;
  if (m === undefined) {
    throw new RangeError(`unknown billing frequency ${JSON.stringify(f)}: expected monthly, quarterly, semiannual or annual`);
  }
  return m;
}

/** Inclusive range of calendar dates. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

export type PeriodKind = 'full' | 'leading-stub' | 'trailing-stub' | 'stub';

export interface Period {
  readonly start: string;
  readonly end: string;
  /** 'stub' = both leading and trailing: the term is shorter than one cycle and off the grid at both ends. */
  readonly kind: PeriodKind;
  /** The grid cell holding this period: the proration denominator (equals {start, end} for a full period). */
  readonly full: DateRange;
  /** 0-based position in the line's sequence of periods. */
  readonly index: number;
}

export interface CycleSpec {
  readonly startDate: string;
  /** Inclusive; null = evergreen. */
  readonly endDate: string | null;
  readonly billingDay: number | 'last';
  readonly months: FrequencyMonths;
}

/** A cycle's boundary grid in integers (see the file comment). */
export interface CycleGrid {
  readonly anchorMonth: number;
  readonly day: number;
  readonly months: FrequencyMonths;
}

export function checkMonths(months: number): FrequencyMonths {
  if (months !== 1 && months !== 3 && months !== 6 && months !== 12) {
    throw new RangeError(`cycle length must be 1, 3, 6 or 12 months, got ${String(months)}`);
  }
  return months;
}

/** Day number of boundary k of the grid. */
export function gridBoundary(grid: CycleGrid, k: number): number {
  return clampedDayInMonthIndex(grid.anchorMonth + k * grid.months, grid.day);
}

/** Index k of the cell [boundary k, boundary k+1 - 1] that contains the day. */
export function gridCellOf(grid: CycleGrid, dayNumber: number): number {
  const k = Math.floor((monthIndexOf(dayNumber) - grid.anchorMonth) / grid.months);
  return dayNumber < gridBoundary(grid, k) ? k - 1 : k;
}

/** The grid of a line starting on `startDay`: anchored on the first D-date on or after it. */
export function gridForStart(startDay: number, billingDay: number | 'last', months: FrequencyMonths): CycleGrid {
  const day = billingDayNumber(billingDay);
  const p = partsOf(startDay);
  const monthIndex = p.year * 12 + p.month - 1;
  const onOrAfter = clampedDayInMonthIndex(monthIndex, day) >= startDay;
  return { anchorMonth: onOrAfter ? monthIndex : monthIndex + 1, day, months: checkMonths(months) };
}

function kindOf(start: number, end: number, cellStart: number, cellEnd: number): PeriodKind {
  if (start === cellStart) return end === cellEnd ? 'full' : 'trailing-stub';
  return end === cellEnd ? 'leading-stub' : 'stub';
}

/**
 * Periods cutting [startDay, endDay] (endDay null = evergreen) by the grid, in
 * order, every one whose start is on or before untilDay; at most `limit` of them.
 * The integer core shared by periods(), iteratePeriods() and alignedPeriods().
 */
export function gridPeriods(
  grid: CycleGrid,
  startDay: number,
  endDay: number | null,
  untilDay: number,
  limit = Number.POSITIVE_INFINITY,
): Period[] {
  const out: Period[] = [];
  if (endDay !== null && endDay < startDay) return out;
  let k = gridCellOf(grid, startDay);
  let cellStart = gridBoundary(grid, k);
  let start = startDay;
  let startStr = fromDayNumber(startDay);
  let cellStartStr = start === cellStart ? startStr : fromDayNumber(cellStart);
  while (start <= untilDay && out.length < limit) {
    const nextBoundary = gridBoundary(grid, k + 1);
    const cellEnd = nextBoundary - 1;
    const end = endDay !== null && endDay < cellEnd ? endDay : cellEnd;
    const cellEndStr = fromDayNumber(cellEnd);
    const endStr = end === cellEnd ? cellEndStr : fromDayNumber(end);
    const kind = kindOf(start, end, cellStart, cellEnd);
    out.push({
      start: startStr,
      end: endStr,
      kind,
      full: { start: cellStartStr, end: cellEndStr },
      index: out.length,
    });
    if (end !== cellEnd) break; // the term ended inside this cell
    if (endDay !== null && end === endDay) break;
    k += 1;
    cellStart = nextBoundary;
    start = nextBoundary;
    startStr = fromDayNumber(nextBoundary);
    cellStartStr = startStr;
  }
  return out;
}

interface CheckedSpec {
  readonly grid: CycleGrid;
  readonly startDay: number;
  readonly endDay: number | null;
}

function checkSpec(spec: CycleSpec): CheckedSpec {
  const startDay = toDayNumber(spec.startDate);
  const endDay = spec.endDate === null ? null : toDayNumber(spec.endDate);
  if (endDay !== null && endDay < startDay) {
    throw new RangeError(`end date ${spec.endDate} is before start date ${spec.startDate}`);
  }
  return { grid: gridForStart(startDay, spec.billingDay, checkMonths(spec.months)), startDay, endDay };
}

/** Every period of the line whose start is on or before `until` (inclusive), in order; at most `limit`. */
export function periods(spec: CycleSpec, until: string, limit = Number.POSITIVE_INFINITY): Period[] {
  const { grid, startDay, endDay } = checkSpec(spec);
  return gridPeriods(grid, startDay, endDay, toDayNumber(until), limit);
}

/** The line's periods one by one; unbounded for an evergreen line (endDate null). */
export function* iteratePeriods(spec: CycleSpec): Generator<Period> {
  const { grid, startDay, endDay } = checkSpec(spec);
  let k = gridCellOf(grid, startDay);
  let cellStart = gridBoundary(grid, k);
  let start = startDay;
  for (let index = 0; ; index += 1) {
    const nextBoundary = gridBoundary(grid, k + 1);
    const cellEnd = nextBoundary - 1;
    const end = endDay !== null && endDay < cellEnd ? endDay : cellEnd;
    yield {
      start: fromDayNumber(start),
      end: fromDayNumber(end),
      kind: kindOf(start, end, cellStart, cellEnd),
      full: { start: fromDayNumber(cellStart), end: fromDayNumber(cellEnd) },
      index,
    };
    if (end !== cellEnd || (endDay !== null && end === endDay)) return;
    k += 1;
    cellStart = nextBoundary;
    start = nextBoundary;
  }
}

/** Billing day of a line: its own billingDayOfMonth when set (1–31), else the day of its start date. */
export function billingDayFor(lineDay: number | null, startDate: string): number | 'last' {
  if (lineDay !== null) return billingDayNumber(lineDay);
  const p = tryParseParts(startDate);
  if (p === null) return toDayNumber(startDate); // throws the standard message
  return p.day;
}
