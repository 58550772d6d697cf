// THE date kernel: leap years, days in a month, and parsing/validating ISO
// calendar dates `YYYY-MM-DD` (years 0001–9999, proleptic Gregorian, no time,
// no time zone). dsl/ (date literals), engine/ (calendar, book validation,
// vocabulary values) and api/ (request and CLI arguments) all use this one
// definition of "a date that exists". Pure; runs in Node and the browser.

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in the month (1–12) of the year; throws a RangeError for a month outside 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`invalid year/month ${year}-${month} (month must be 1-12)`);
  }
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export interface CivilParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The digit at i (0-9), or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Parts of an ISO date string, or null when it is not exactly `YYYY-MM-DD` naming a day that exists. */
export function parseIsoDate(s: unknown): CivilParts | null {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1])) return null;
  return { year, month, day };
}

/** True when `s` is `YYYY-MM-DD` and names a day that exists (no 2026-02-30, no year 0000). */
export function isIsoDate(s: unknown): s is string {
  return parseIsoDate(s) !== null;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a text is not a calendar date (`February 2026 has 28 days`), or undefined when it is one. */
export function isoDateProblem(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return 'write it as YYYY-MM-DD';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) return 'there is no year 0';
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1) return 'days start at 01';
  if (day > days) return `${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return undefined;
}
