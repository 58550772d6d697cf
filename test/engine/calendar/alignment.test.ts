import { fc, test as fcTest } from '@fast-check/jest';
import { addDays, compareDates, fromDayNumber, toDayNumber } from '../../../engine/calendar/civil-date.js';
import { alignedPeriods } from '../../../engine/calendar/alignment.js';
import { periods, type CycleSpec, type FrequencyMonths, type Period } from '../../../engine/calendar/periods.js';

function rows(ps: readonly Period[]): string[] {
  return ps.map((p) => `${p.start}..${p.end} ${p.kind} ${p.full.start}..${p.full.end}`);
}

const calendarQuarters2018: CycleSpec = { startDate: '2018-01-01', endDate: '2018-12-31', billingDay: 1, months: 3 };

describe("amendment alignment 'original' (co-termination)", () => {
  test.each([
    ['§3 example: quarterly on calendar quarters, amendment 2018-07-15', calendarQuarters2018, '2018-07-15', null, '2019-12-31', [
      '2018-07-15..2018-09-30 leading-stub 2018-07-01..2018-09-30',
      '2018-10-01..2018-12-31 full 2018-10-01..2018-12-31',
    ]],
    ['co-terminates on the original end even when the amendment runs longer', calendarQuarters2018, '2018-07-15', '2019-07-14', '2019-12-31', [
      '2018-07-15..2018-09-30 leading-stub 2018-07-01..2018-09-30',
      '2018-10-01..2018-12-31 full 2018-10-01..2018-12-31',
    ]],
    ["ends on the amendment's own end when earlier (trailing stub)", calendarQuarters2018, '2018-07-15', '2018-11-15', '2019-12-31', [
      '2018-07-15..2018-09-30 leading-stub 2018-07-01..2018-09-30',
      '2018-10-01..2018-11-15 trailing-stub 2018-10-01..2018-12-31',
    ]],
    ['amendment effective on a boundary has no stub', calendarQuarters2018, '2018-10-01', null, '2019-12-31', [
      '2018-10-01..2018-12-31 full 2018-10-01..2018-12-31',
    ]],
    ['amendment inside one quarter with its own end: stub on both sides', calendarQuarters2018, '2018-07-15', '2018-08-31', '2019-12-31', [
      '2018-07-15..2018-08-31 stub 2018-07-01..2018-09-30',
    ]],
    ['amendment on the last day of the original term', calendarQuarters2018, '2018-12-31', null, '2019-12-31', [
      '2018-12-31..2018-12-31 leading-stub 2018-10-01..2018-12-31',
    ]],
    ['Lago #6194 shape: quarterly on calendar quarters, amendment 2024-05-20 (42 of 91 days)',
      { startDate: '2024-01-01', endDate: null, billingDay: 1, months: 3 }, '2024-05-20', null, '2024-07-01', [
      '2024-05-20..2024-06-30 leading-stub 2024-04-01..2024-06-30',
      '2024-07-01..2024-09-30 full 2024-07-01..2024-09-30',
    ]],
    ["amendment inside the original's leading stub: full = that stub's full period",
      { startDate: '2026-01-15', endDate: null, billingDay: 1, months: 1 }, '2026-01-20', null, '2026-02-01', [
      '2026-01-20..2026-01-31 leading-stub 2026-01-01..2026-01-31',
      '2026-02-01..2026-02-28 full 2026-02-01..2026-02-28',
    ]],
    ["original on D=31 monthly: the amendment keeps the original's clamped boundaries",
      { startDate: '2026-01-31', endDate: '2026-04-29', billingDay: 31, months: 1 }, '2026-02-10', null, '2026-12-31', [
      '2026-02-10..2026-02-27 leading-stub 2026-01-31..2026-02-27',
      '2026-02-28..2026-03-30 full 2026-02-28..2026-03-30',
      '2026-03-31..2026-04-29 full 2026-03-31..2026-04-29',
    ]],
    ['annual original, amendment crossing Feb 29 2028',
      { startDate: '2027-07-01', endDate: '2029-06-30', billingDay: 1, months: 12 }, '2028-02-29', null, '2029-12-31', [
      '2028-02-29..2028-06-30 leading-stub 2027-07-01..2028-06-30',
      '2028-07-01..2029-06-30 full 2028-07-01..2029-06-30',
    ]],
  ] as const)('%s', (_name, original, start, end, until, expected) => {
    expect(rows(alignedPeriods({ startDate: start, endDate: end }, original, until))).toEqual(expected);
  });

  test('evergreen original and amendment: bounded by until', () => {
    const ps = alignedPeriods({ startDate: '2026-03-10', endDate: null }, { startDate: '2026-01-01', endDate: null, billingDay: 1, months: 1 }, '2026-06-15');
    expect(ps.map((p) => p.start)).toEqual(['2026-03-10', '2026-04-01', '2026-05-01', '2026-06-01']);
  });

  test("amendment effective before the original starts: the original's grid extends backwards", () => {
    expect(rows(alignedPeriods({ startDate: '2017-12-15', endDate: null }, calendarQuarters2018, '2018-01-01'))).toEqual([
      '2017-12-15..2017-12-31 leading-stub 2017-10-01..2017-12-31',
      '2018-01-01..2018-03-31 full 2018-01-01..2018-03-31',
    ]);
  });

  test('amendment effective after the original ended: nothing to bill', () => {
    expect(alignedPeriods({ startDate: '2019-01-15', endDate: null }, calendarQuarters2018, '2019-12-31')).toEqual([]);
  });

  test.each([
    ['invalid amendment start', { startDate: '2018-02-30', endDate: null }, '"2018-02-30"'],
    ['amendment end before its start', { startDate: '2018-07-15', endDate: '2018-07-01' }, 'before its start'],
  ])('%s throws a RangeError', (_name, amendment, message) => {
    expect(() => alignedPeriods(amendment, calendarQuarters2018, '2019-01-01')).toThrow(message);
  });
});

const dayArb = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2035-12-31') });

describe('properties', () => {
  fcTest.prop(
    [dayArb, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom<FrequencyMonths>(1, 3, 6, 12)],
    { verbose: true },
  )("aligned periods tile [amendment start, original end] and after the first one are exactly the original's periods", (s, offset, len, day, months) => {
    const original: CycleSpec = { startDate: fromDayNumber(s), endDate: fromDayNumber(s + offset + len), billingDay: day, months };
    const start = fromDayNumber(s + offset);
    const ps = alignedPeriods({ startDate: start, endDate: null }, original, '2099-12-31');
    expect(ps[0].start).toBe(start);
    expect(ps[ps.length - 1].end).toBe(original.endDate);
    for (let i = 1; i < ps.length; i += 1) expect(ps[i].start).toBe(addDays(ps[i - 1].end, 1));
    const originalPeriods = periods(original, '2099-12-31');
    const containing = originalPeriods.find((p) => compareDates(p.start, start) <= 0 && compareDates(start, p.end) <= 0)!;
    expect(ps[0].full).toEqual(containing.full);
    expect(ps[0].end).toBe(containing.end);
    const rest = originalPeriods.slice(containing.index + 1).map(({ start: a, end: b, kind, full }) => ({ start: a, end: b, kind, full }));
    expect(ps.slice(1).map(({ start: a, end: b, kind, full }) => ({ start: a, end: b, kind, full }))).toEqual(rest);
  });
});
