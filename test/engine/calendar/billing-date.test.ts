import { naturalBillingDate } from '../../../engine/calendar/billing-date.js';

describe('natural billing date of a period', () => {
  test.each([
    ['advance bills on the start date', { start: '2026-02-01', end: '2026-02-28' }, 'advance', '2026-02-01'],
    ['advance on a leading stub bills on the stub start', { start: '2021-01-15', end: '2021-01-31' }, 'advance', '2021-01-15'],
    ['arrears bills the day after the end', { start: '2026-01-15', end: '2026-02-14' }, 'arrears', '2026-02-15'],
    ['arrears across a month end (common February)', { start: '2026-02-01', end: '2026-02-28' }, 'arrears', '2026-03-01'],
    ['arrears across a leap-year February', { start: '2028-02-01', end: '2028-02-29' }, 'arrears', '2028-03-01'],
    ['arrears on Feb 28 of a leap year is Feb 29', { start: '2028-01-29', end: '2028-02-28' }, 'arrears', '2028-02-29'],
    ['arrears across a year end', { start: '2026-12-01', end: '2026-12-31' }, 'arrears', '2027-01-01'],
    ['arrears of a quarter ending Sep 30', { start: '2018-07-15', end: '2018-09-30' }, 'arrears', '2018-10-01'],
    ['arrears of a trailing stub', { start: '2026-03-01', end: '2026-03-15' }, 'arrears', '2026-03-16'],
  ] as const)('%s', (_name, range, type, expected) => {
    expect(naturalBillingDate(range, type)).toBe(expected);
  });

  test.each([
    ['unknown billing type', () => naturalBillingDate({ start: '2026-01-01', end: '2026-01-31' }, 'later' as 'advance'), 'unknown billing type'],
    ['invalid end date in arrears', () => naturalBillingDate({ start: '2026-01-01', end: '2026-01-32' }, 'arrears'), '"2026-01-32"'],
    ['invalid start date in advance', () => naturalBillingDate({ start: '2026-02-30', end: '2026-03-31' }, 'advance'), '"2026-02-30"'],
  ])('%s throws', (_name, f, message) => {
    expect(f).toThrow(RangeError);
    expect(f).toThrow(message);
  });
});
