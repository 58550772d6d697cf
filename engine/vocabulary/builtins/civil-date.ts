// Date arithmetic for the vocabulary on ISO `YYYY-MM-DD` strings, on top of
// the engine's calendar (engine/calendar/civil-date.ts, day numbers inside).
import {
  addDays as calendarAddDays,
  addMonthsClamped,
  daysInMonth,
  formatParts,
  fromDayNumber,
  toDayNumber,
} from '../../calendar/civil-date.js';
import type { DurationValue } from '../runtime-values.js';

export { formatParts as formatDate, toDayNumber as toEpochDay, fromDayNumber as fromEpochDay, daysInMonth };

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Parts of an ISO date that is known to be valid. */
export function parseDate(iso: string): CivilDate {
  return { year: +iso.slice(0, 4), month: +iso.slice(5, 7), day: +iso.slice(8, 10) };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: string): number {
  return (((toDayNumber(iso) + 4) % 7) + 7) % 7;
}

export const addDays = calendarAddDays;

/** Adds whole months from the given date (never chained); the day clamps to
 * the last day of a shorter month: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(iso: string, n: number): string {
  return addMonthsClamped(iso, n, +iso.slice(8, 10));
}

/** date + duration (sign -1 for minus), or null when the result falls
 * outside years 0001..9999 (the caller reports an invalid date). */
export function addDuration(iso: string, d: DurationValue, sign: 1 | -1): string | null {
  const n = d.amount * sign;
  try {
    switch (d.unit) {
      case 'day':
        return calendarAddDays(iso, n);
      case 'week':
        return calendarAddDays(iso, 7 * n);
      case 'month':
        return addMonths(iso, n);
      case 'year':
        return addMonths(iso, 12 * n);
    }
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

export function endOfMonthOf(iso: string): string {
  const { year, month } = parseDate(iso);
  return formatParts(year, month, daysInMonth(year, month));
}
