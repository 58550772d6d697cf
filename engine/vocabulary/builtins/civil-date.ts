// Calendar-date arithmetic on ISO `YYYY-MM-DD` strings (no time, no zone):
// the dates policies see are already calendar dates in the account's zone.
// Small and allocation-light because compiled policies call it per line.
import { daysInMonth, isIsoDate, type DurationValue } from '../runtime-values.js';

const DAY_MS = 86_400_000;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parseDate(iso: string): CivilDate {
  return { year: +iso.slice(0, 4), month: +iso.slice(5, 7), day: +iso.slice(8, 10) };
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(iso: string): number {
  const d = new Date(0);
  d.setUTCFullYear(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  return Math.round(d.getTime() / DAY_MS);
}

export function fromEpochDay(n: number): string {
  const d = new Date(n * DAY_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: string): number {
  return (((toEpochDay(iso) + 4) % 7) + 7) % 7;
}

export function addDays(iso: string, n: number): string {
  return fromEpochDay(toEpochDay(iso) + n);
}

/** Adds whole months from the given date (not chained); the day clamps to the
 * last day of a shorter month: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(iso: string, n: number): string {
  const { year, month, day } = parseDate(iso);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** date + duration (sign -1 for minus). Returns null when the result leaves
 * the years 1000..9999 (the caller reports an invalid date). */
export function addDuration(iso: string, d: DurationValue, sign: 1 | -1): string | null {
  const n = d.amount * sign;
  let out: string;
  switch (d.unit) {
    case 'day':
      out = addDays(iso, n);
      break;
    case 'week':
      out = addDays(iso, 7 * n);
      break;
    case 'month':
      out = addMonths(iso, n);
      break;
    case 'year':
      out = addMonths(iso, 12 * n);
      break;
  }
  return isIsoDate(out) ? out : null;
}

export function endOfMonthOf(iso: string): string {
  const { year, month } = parseDate(iso);
  return formatDate(year, month, daysInMonth(year, month));
}
