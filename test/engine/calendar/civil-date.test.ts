import { fc, test as fcTest } from '@fast-check/jest';
import { DateTime, Settings } from 'luxon';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysInclusive,
  daysInMonth,
  fromDayNumber,
  isValidIsoDate,
  toDayNumber,
} from '../../../engine/calendar/civil-date.js';

Settings.throwOnInvalid = true;
Settings.defaultZone = 'UTC';

describe('isValidIsoDate', () => {
  test.each([
    ['leap day in a leap year', '2028-02-29', true],
    ['leap day in a common year', '2026-02-29', false],
    ['leap day in a century year that is not leap', '2100-02-29', false],
    ['leap day in a 400-year leap year', '2000-02-29', true],
    ['day 31 in a 30-day month', '2026-04-31', false],
    ['day 0', '2026-04-00', false],
    ['month 13', '2026-13-01', false],
    ['month 0', '2026-00-10', false],
    ['year 0000', '0000-01-01', false],
    ['first representable day', '0001-01-01', true],
    ['last representable day', '9999-12-31', true],
    ['time attached', '2026-01-01T00:00', false],
    ['slashes', '2026/01/01', false],
    ['single-digit month', '2026-1-01', false],
    ['empty string', '', false],
    ['letters in the year', '20x6-01-01', false],
  ])('%s: %s -> %s', (_name, s, expected) => {
    expect(isValidIsoDate(s)).toBe(expected);
  });
});

describe('addDays and daysInclusive', () => {
  test.each([
    ['into a leap day', '2028-02-28', 1, '2028-02-29'],
    ['over a common-year February end', '2026-02-28', 1, '2026-03-01'],
    ['over a year end', '2026-12-31', 1, '2027-01-01'],
    ['backwards over a year end', '2027-01-01', -1, '2026-12-31'],
    ['a whole leap year', '2028-01-01', 366, '2029-01-01'],
    ['zero days', '2026-05-17', 0, '2026-05-17'],
  ])('addDays %s: %s + %i = %s', (_name, date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  test.each([
    ['same day', '2026-01-01', '2026-01-01', 1],
    ['January', '2026-01-01', '2026-01-31', 31],
    ['February of a leap year', '2028-02-01', '2028-02-29', 29],
    ['February of a common year', '2026-02-01', '2026-02-28', 28],
    ['calendar Q3', '2018-07-01', '2018-09-30', 92],
    ['a leap year', '2028-01-01', '2028-12-31', 366],
    ['end before start', '2026-01-02', '2026-01-01', 0],
  ])('daysInclusive %s: %s..%s = %i', (_name, a, b, expected) => {
    expect(daysInclusive(a, b)).toBe(expected);
  });

  test.each([
    ['earlier', '2026-01-01', '2026-01-02', -1],
    ['equal', '2026-01-01', '2026-01-01', 0],
    ['later across a year', '2027-01-01', '2026-12-31', 1],
  ])('compareDates %s', (_name, a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  test.each([
    ['addDays on Feb 30', () => addDays('2026-02-30', 1)],
    ['daysInclusive on garbage', () => daysInclusive('soon', '2026-01-01')],
    ['compareDates on an empty string', () => compareDates('', '2026-01-01')],
    ['addDays by a fraction', () => addDays('2026-01-01', 1.5)],
    ['addDays past year 9999', () => addDays('9999-12-31', 1)],
  ])('%s throws a RangeError naming the value', (_name, f) => {
    expect(f).toThrow(RangeError);
  });

  test('the error names the bad date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow('"2026-02-30"');
  });
});

describe('daysInMonth', () => {
  test.each([
    ['February 2028 (leap)', 2028, 2, 29],
    ['February 2026 (common)', 2026, 2, 28],
    ['February 2100 (century, common)', 2100, 2, 28],
    ['February 2000 (400-year leap)', 2000, 2, 29],
    ['April', 2026, 4, 30],
    ['December', 2026, 12, 31],
  ])('%s: %i-%i has %i days', (_name, y, m, expected) => {
    expect(daysInMonth(y, m)).toBe(expected);
  });
  test('month 13 throws', () => expect(() => daysInMonth(2026, 13)).toThrow(RangeError));
});

describe('addMonthsClamped', () => {
  test.each([
    ['D=31 in January', '2026-01-31', 0, 31, '2026-01-31'],
    ['D=31 clamps to Feb 28 in a common year', '2026-01-31', 1, 31, '2026-02-28'],
    ['D=31 clamps to Feb 29 in a leap year', '2028-01-31', 1, 31, '2028-02-29'],
    ['D=31 returns to Mar 31 after February', '2026-01-31', 2, 31, '2026-03-31'],
    ['D=31 clamps to Apr 30', '2026-01-31', 3, 31, '2026-04-30'],
    ['D=30 in February of a leap year', '2028-01-30', 1, 30, '2028-02-29'],
    ['D=29 in February of a common year', '2026-01-29', 1, 29, '2026-02-28'],
    ['D=29 in February of a leap year', '2028-01-29', 1, 29, '2028-02-29'],
    ['anchor on a clamped day keeps D', '2026-02-28', 1, 31, '2026-03-31'],
    ['last behaves as month end', '2026-03-15', 1, 'last', '2026-04-30'],
    ['across a year end', '2026-11-15', 3, 15, '2027-02-15'],
    ['backwards across a year end', '2027-01-31', -2, 31, '2026-11-30'],
  ] as const)('%s', (_name, anchor, n, day, expected) => {
    expect(addMonthsClamped(anchor, n, day)).toBe(expected);
  });

  test.each([
    ['billing day 0', () => addMonthsClamped('2026-01-01', 1, 0)],
    ['billing day 32', () => addMonthsClamped('2026-01-01', 1, 32)],
    ['fractional months', () => addMonthsClamped('2026-01-01', 0.5, 1)],
    ['invalid anchor', () => addMonthsClamped('2026-02-30', 1, 1)],
  ])('%s throws', (_name, f) => expect(f).toThrow(RangeError));
});

const dateArb = fc
  .integer({ min: toDayNumber('1950-01-01'), max: toDayNumber('2150-12-31') })
  .map((n) => fromDayNumber(n));

describe('properties (cross-checked with luxon)', () => {
  fcTest.prop([dateArb, fc.integer({ min: -4000, max: 4000 })], { verbose: true })(
    'addDays agrees with luxon plus({days})',
    (date, n) => {
      const expected = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: n }).toISODate();
      expect(addDays(date, n)).toBe(expected);
      expect(daysInclusive(date, addDays(date, n))).toBe(n + 1);
    },
  );

  fcTest.prop(
    [dateArb, fc.integer({ min: -240, max: 240 }), fc.integer({ min: 1, max: 31 })],
    { verbose: true },
  )('addMonthsClamped from the anchor never drifts: n one-month steps from the anchor = the clamp of D in the target month', (anchor, n, day) => {
    const target = DateTime.fromISO(anchor, { zone: 'UTC' }).startOf('month').plus({ months: n });
    const expected = target.set({ day: Math.min(day, target.daysInMonth as number) }).toISODate();
    expect(addMonthsClamped(anchor, n, day)).toBe(expected);
    // Going through any intermediate (possibly clamped) month with the same D lands on the same date.
    const mid = Math.trunc(n / 2);
    expect(addMonthsClamped(addMonthsClamped(anchor, mid, day), n - mid, day)).toBe(expected);
  });
});
