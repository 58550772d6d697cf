// The one date kernel (dsl/dates/iso-date.ts): every layer that asks "is this
// a date that exists" gets the same answer from it.
import { dateLiteralProblem } from '../../../dsl/check/literal-values.js';
import { daysInMonth, isIsoDate, isLeapYear, isoDateProblem, parseIsoDate } from '../../../dsl/dates/iso-date.js';
import { parseOrderBook } from '../../../engine/book/validate-book.js';
import { isValidIsoDate, toDayNumber } from '../../../engine/calendar/civil-date.js';
import { isIsoDate as runtimeIsIsoDate } from '../../../engine/vocabulary/runtime-values.js';
import { isCalendarDate } from '../../../api/cli/policy-loading.js';

const CASES: [string, unknown, boolean][] = [
  ['an ordinary date', '2026-03-14', true],
  ['Feb 29 in a leap year', '2024-02-29', true],
  ['Feb 29 in a common year', '2026-02-29', false],
  ['Feb 29 in 2000 (divisible by 400)', '2000-02-29', true],
  ['Feb 29 in 1900 (divisible by 100 only)', '1900-02-29', false],
  ['day 31 of a 30-day month', '2026-04-31', false],
  ['month 13', '2026-13-01', false],
  ['month 00', '2026-00-10', false],
  ['day 00', '2026-01-00', false],
  ['year 0000 (before the calendar)', '0000-01-01', false],
  ['first day supported', '0001-01-01', true],
  ['last day supported', '9999-12-31', true],
  ['a time part', '2026-01-10T00:00:00Z', false],
  ['one-digit month', '2026-1-10', false],
  ['slashes', '2026/01/10', false],
  ['a number', 20260110, false],
  ['null', null, false],
];

test.each(CASES)('%s: the kernel, the engine calendar, the vocabulary, the book and the CLI agree', (_n, value, expected) => {
  expect(isIsoDate(value)).toBe(expected);
  expect(parseIsoDate(value) !== null).toBe(expected);
  expect(runtimeIsIsoDate(value)).toBe(expected);
  if (typeof value === 'string') {
    expect(isValidIsoDate(value)).toBe(expected);
    expect(isCalendarDate(value)).toBe(expected);
    expect(dateLiteralProblem(value) === undefined).toBe(expected);
    if (!expected) expect(() => toDayNumber(value)).toThrow(RangeError);
  }
  const book = parseOrderBook({ accounts: [], contracts: [{ id: 'C1', accountId: 'A1', startDate: value, endDate: null }], orders: [], orderProducts: [] });
  expect(book.ok ? [] : book.errors.filter((e) => e.path === 'contracts[0].startDate')).toHaveLength(expected ? 0 : 1);
});

test.each([
  [2024, 2, 29],
  [2026, 2, 28],
  [2000, 2, 29],
  [1900, 2, 28],
  [2026, 4, 30],
  [2026, 12, 31],
])('days in %i-%i: %i', (y, m, d) => {
  expect(daysInMonth(y, m)).toBe(d);
  expect(isLeapYear(y)).toBe(d === 29);
});

test('a month outside 1-12 is a RangeError, not a guess', () => {
  expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
});

test.each([
  ['2026-02-30', 'February 2026 has 28 days'],
  ['2026-13-01', 'there is no month 13'],
  ['0000-01-01', 'there is no year 0'],
  ['2026-01-00', 'days start at 01'],
  ['26-01-01', 'write it as YYYY-MM-DD'],
])('why %s is not a date: %s', (text, problem) => {
  expect(isoDateProblem(text)).toBe(problem);
});
