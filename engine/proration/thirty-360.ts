// `thirty-360`: 30/360 day count, variant 30E/360 (ISDA): every month has 30
// days, and a date on the last day of its month counts as day 30 (Feb 28 in a
// common year, Feb 29 in a leap year, Apr 30, the 31st). The stub [a, b] is
// measured as the interval from a to the day after b, so a whole month on any
// billing day from 1 to 28, 30, 31 or 'last' counts exactly 30 and a quarter 90.
// Only billing day 29 is uneven around February (the month ending on Feb 28 counts
// 31 in a common year, the next 29), an artefact of the month-end rule.
// factor = days360(a, b + 1) / days360(p, q + 1): adjacent stubs add up exactly,
// and the factor never exceeds 1.

import { daysInMonth, partsOf, toDayNumber } from '../calendar/civil-date.js';
import { ONE, ratio } from './factor-cache.js';
import { checkRanges } from './proration-range.js';
import type { ProrationFn } from './proration-types.js';

export const thirty360Doc =
  '30/360 day count (30E/360 ISDA: every month counts 30 days; the last day of a month counts as the 30th): ' +
  'days360(stub start, day after stub end) / days360(full start, day after full end). ' +
  'Example, monthly on the 1st: 2026-02-15..2026-02-28 = 16/30.';


/** Position of a day on the 30/360 axis: 360 * year + 30 * month + (day, or 30 on a month's last day / the 31st). */
export function thirty360Ordinal(dayNumber: number): number {
  const { year, month, day } = partsOf(dayNumber);
  const last = daysInMonth(year, month);
  const d = day === last || day > 30 ? 30 : day;
  return year * 360 + (month - 1) * 30 + d;
}

/** 30E/360 (ISDA) day count from `from` to `to` (ISO dates, `to` exclusive). */
export function days360(from: string, to: string): number {
  return thirty360Ordinal(toDayNumber(to)) - thirty360Ordinal(toDayNumber(from));
}

export const thirty360: ProrationFn = (stub, full) => {
  const r = checkRanges(stub, full);
  if (r.whole) return ONE;
  const num = thirty360Ordinal(r.b + 1) - thirty360Ordinal(r.a);
  const den = thirty360Ordinal(r.q + 1) - thirty360Ordinal(r.p);
  return ratio(num, den);
};
