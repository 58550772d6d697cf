// The window every date the service accepts must lie in, so no request can ask
// for unbounded work (a simulation on 9998-12-01 once ran the heap out):
// - data dates (book, queries, as-of dates): 1900-01-01 .. 2999-12-31;
// - the as-of date of a run or simulation, and a timeline's end: at most
//   `maxYearsAhead` years (PROVISO_MAX_YEARS_AHEAD, default 5) past today,
//   today coming from the injected clock (AppOptions.now).
import { DateTime } from 'luxon';
import { ValidationProblem } from './problem.js';

export const DATA_MIN_DATE = '1900-01-01';
export const DATA_MAX_DATE = '2999-12-31';
export const DEFAULT_MAX_YEARS_AHEAD = 5;

/** True when an ISO date `YYYY-MM-DD` lies inside the data window (plain string order works for 4-digit years). */
export function inDataWindow(iso: string): boolean {
  return iso >= DATA_MIN_DATE && iso <= DATA_MAX_DATE;
}

export const DATA_WINDOW_MESSAGE = `must lie between ${DATA_MIN_DATE} and ${DATA_MAX_DATE}`;

/** The latest as-of date a run or simulation may take: today (UTC) plus `years`. */
export function latestAsOf(now: Date, years: number): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).plus({ years }).toISODate()!;
}

/** Throws a 400 naming `field` when `iso` is after today + `years`. */
export function assertWithinHorizon(iso: string, field: string, now: Date, years: number): void {
  const latest = latestAsOf(now, years);
  if (iso > latest) {
    const message = `${iso} is too far ahead: at most ${years} year${years === 1 ? '' : 's'} past today (${latest}); PROVISO_MAX_YEARS_AHEAD sets the limit`;
    throw new ValidationProblem(`${field}: ${message}`, [{ path: field, message }]);
  }
}

/** PROVISO_MAX_YEARS_AHEAD: whole years 1-100, default 5; a bad value is an error naming the variable. */
export function maxYearsAheadFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = (env.PROVISO_MAX_YEARS_AHEAD ?? '').trim();
  if (raw === '') return DEFAULT_MAX_YEARS_AHEAD;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) {
    throw new Error(`PROVISO_MAX_YEARS_AHEAD: '${raw}' must be a whole number of years from 1 to 100`);
  }
  return Number(raw);
}
