// Calendar dates without times: the ISO string `YYYY-MM-DD` at the API, a day
// number (days since 1970-01-01, proleptic Gregorian) inside. Billing math runs
// on these integers, so generating a period costs a few integer operations and
// no date objects. Years 0001–9999 (what four digits can hold).
//
// Month arithmetic is always "from the anchor": addMonthsClamped(anchor, n, D)
// lands on day D of the month n months after the anchor's month, clamped to the
// month's last day; it never chains from a previously clamped date.

import { daysInMonth, isLeapYear, parseIsoDate, type CivilParts } from '../../dsl/dates/iso-date.js';

export { daysInMonth, isLeapYear, type CivilParts };

/** Smallest and largest day numbers we accept (0001-01-01, 9999-12-31). */
export const MIN_DAY = -719162;
export const MAX_DAY = 2932896;

/** Day number of a valid civil date (no validation: callers pass checked parts). */
export function dayNumberOf(year: number, month: number, day: number): number {
  // Count from 0000-03-01 so the leap day is the last day of a "year".
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of dayNumberOf. */
export function partsOf(dayNumber: number): CivilParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Parts of an ISO date string, or null when it is not a real `YYYY-MM-DD` date (the date kernel's parser). */
export const tryParseParts: (s: string) => CivilParts | null = parseIsoDate;

export function isValidIsoDate(s: string): boolean {
  return tryParseParts(s) !== null;
}

/** Day number of an ISO date string; throws a RangeError naming the value when it is not a real date. */
export function toDayNumber(s: string): number {
  const p = tryParseParts(s);
  if (p === null) {
    throw new RangeError(`invalid date ${JSON.stringify(s)}: expected a real calendar date YYYY-MM-DD`);
  }
  return dayNumberOf(p.year, p.month, p.day);
}

// Formatting is the hot path of period generation: cache the strings of the
// days around now (1900–2199) in a lazily filled array.
const CACHE_FIRST = dayNumberOf(1900, 1, 1);
const CACHE_LAST = dayNumberOf(2199, 12, 31);
const formatCache: (string | undefined)[] = new Array(CACHE_LAST - CACHE_FIRST + 1);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Formats parts as `YYYY-MM-DD` (four-digit year). */
export function formatParts(year: number, month: number, day: number): string {
  const y = year < 10 ? `000${year}` : year < 100 ? `00${year}` : year < 1000 ? `0${year}` : `${year}`;
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** ISO string of a day number; throws outside 0001-01-01..9999-12-31. */
export function fromDayNumber(n: number): string {
  if (n >= CACHE_FIRST && n <= CACHE_LAST) {
    const i = n - CACHE_FIRST;
    const hit = formatCache[i];
    if (hit !== undefined) return hit;
    const p = partsOf(n);
    return (formatCache[i] = formatParts(p.year, p.month, p.day));
  }
  if (!Number.isInteger(n) || n < MIN_DAY || n > MAX_DAY) {
    throw new RangeError(`date out of range: day number ${n} is outside 0001-01-01..9999-12-31`);
  }
  const p = partsOf(n);
  return formatParts(p.year, p.month, p.day);
}

function checkInteger(name: string, n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

export function addDays(date: string, n: number): string {
  checkInteger('days', n);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Number of days from a to b counting both ends (a..b); 0 or negative when b is before a. */
export function daysInclusive(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a) + 1;
}

/** Negative, zero or positive as a is before, equal to or after b. Throws on invalid dates. */
export function compareDates(a: string, b: string): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Validates a billing day: an integer 1–31 or 'last' (which behaves as 31: every month clamps it to its end). */
export function billingDayNumber(day: number | 'last'): number {
  if (day === 'last') return 31;
  if (!Number.isInteger(day) || day < 1 || day > 31) {
    throw new RangeError(`billing day must be an integer 1-31 or 'last', got ${String(day)}`);
  }
  return day;
}

/** Month index (year * 12 + month - 1) of a day number. */
export function monthIndexOf(dayNumber: number): number {
  const p = partsOf(dayNumber);
  return p.year * 12 + p.month - 1;
}

/** Day number of day D (1–31) in the month with the given month index, clamped to the month's end. */
export function clampedDayInMonthIndex(monthIndex: number, day: number): number {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  if (year < 1 || year > 9999) {
    throw new RangeError(`date out of range: month ${formatParts(Math.max(year, 0), month, 1).slice(0, 7)} is outside years 0001-9999`);
  }
  const dim = daysInMonth(year, month);
  return dayNumberOf(year, month, day < dim ? day : dim);
}

/**
 * The date on day `day` (1–31 or 'last') of the month `months` after the anchor's
 * month, clamped to that month's last day. Only the anchor's year and month are
 * used, so stepping n times by one month from the same anchor and jumping n months
 * at once give the same date (no drift: D = 31 gives Jan 31, Feb 28/29, Mar 31).
 */
export function addMonthsClamped(anchor: string, months: number, day: number | 'last'): string {
  checkInteger('months', months);
  const d = billingDayNumber(day);
  const p = tryParseParts(anchor);
  if (p === null) toDayNumber(anchor); // throws the standard message
  const { year, month } = p as CivilParts;
  return fromDayNumber(clampedDayInMonthIndex(year * 12 + month - 1 + months, d));
}
