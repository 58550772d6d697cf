import { fc, test as fcTest } from '@fast-check/jest';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysInMonth,
  fromDayNumber,
  toDayNumber,
} from '../../../engine/calendar/civil-date.js';
import {
  billingDayFor,
  frequencyMonths,
  iteratePeriods,
  periods,
  type CycleSpec,
  type FrequencyMonths,
  type Period,
} from '../../../engine/calendar/periods.js';

/** Periods as compact rows "start..end kind full.start..full.end" for readable tables. */
function rows(ps: readonly Period[]): string[] {
  return ps.map((p) => `${p.start}..${p.end} ${p.kind} ${p.full.start}..${p.full.end}`);
}

function spec(startDate: string, endDate: string | null, billingDay: number | 'last', months: FrequencyMonths): CycleSpec {
  return { startDate, endDate, billingDay, months };
}

describe('billing day 29/30/31 across February (monthly, from the anchor, never chained)', () => {
  test.each([
    ['D=31 common year 2026', 31, '2026-01-31', [
      '2026-01-31..2026-02-27 full 2026-01-31..2026-02-27',
      '2026-02-28..2026-03-30 full 2026-02-28..2026-03-30',
      '2026-03-31..2026-04-29 full 2026-03-31..2026-04-29',
      '2026-04-30..2026-05-30 full 2026-04-30..2026-05-30',
    ]],
    ['D=31 leap year 2028', 31, '2028-01-31', [
      '2028-01-31..2028-02-28 full 2028-01-31..2028-02-28',
      '2028-02-29..2028-03-30 full 2028-02-29..2028-03-30',
      '2028-03-31..2028-04-29 full 2028-03-31..2028-04-29',
      '2028-04-30..2028-05-30 full 2028-04-30..2028-05-30',
    ]],
    ['D=30 common year 2026', 30, '2026-01-30', [
      '2026-01-30..2026-02-27 full 2026-01-30..2026-02-27',
      '2026-02-28..2026-03-29 full 2026-02-28..2026-03-29',
      '2026-03-30..2026-04-29 full 2026-03-30..2026-04-29',
      '2026-04-30..2026-05-29 full 2026-04-30..2026-05-29',
    ]],
    ['D=30 leap year 2028', 30, '2028-01-30', [
      '2028-01-30..2028-02-28 full 2028-01-30..2028-02-28',
      '2028-02-29..2028-03-29 full 2028-02-29..2028-03-29',
      '2028-03-30..2028-04-29 full 2028-03-30..2028-04-29',
      '2028-04-30..2028-05-29 full 2028-04-30..2028-05-29',
    ]],
    ['D=29 common year 2026', 29, '2026-01-29', [
      '2026-01-29..2026-02-27 full 2026-01-29..2026-02-27',
      '2026-02-28..2026-03-28 full 2026-02-28..2026-03-28',
      '2026-03-29..2026-04-28 full 2026-03-29..2026-04-28',
      '2026-04-29..2026-05-28 full 2026-04-29..2026-05-28',
    ]],
    ['D=29 leap year 2028', 29, '2028-01-29', [
      '2028-01-29..2028-02-28 full 2028-01-29..2028-02-28',
      '2028-02-29..2028-03-28 full 2028-02-29..2028-03-28',
      '2028-03-29..2028-04-28 full 2028-03-29..2028-04-28',
      '2028-04-29..2028-05-28 full 2028-04-29..2028-05-28',
    ]],
  ])('%s', (_name, day, start, expected) => {
    expect(rows(periods(spec(start, null, day, 1), addMonthsClamped(start, 3, day)))).toEqual(expected);
  });

  test('D=31 bills on Jan 31, Feb 28, Mar 31, Apr 30 (period starts)', () => {
    const starts = periods(spec('2026-01-31', null, 31, 1), '2026-04-30').map((p) => p.start);
    expect(starts).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  test('D=31 bills on Feb 29 in a leap year', () => {
    expect(periods(spec('2028-01-31', null, 31, 1), '2028-03-01').map((p) => p.start)).toEqual(['2028-01-31', '2028-02-29']);
  });

  test("'last' is the month end every month", () => {
    const starts = periods(spec('2026-01-31', null, 'last', 1), '2026-06-30').map((p) => p.start);
    expect(starts).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
  });
});

describe('start on the billing day (clamped counts as on D)', () => {
  test.each([
    ['D=31, start Apr 30 is on D', '2026-04-30', 31, ['2026-04-30..2026-05-30 full', '2026-05-31..2026-06-29 full']],
    ['D=30, start Feb 28 of a common year is on D', '2026-02-28', 30, ['2026-02-28..2026-03-29 full', '2026-03-30..2026-04-29 full']],
    ['D=29, start Feb 28 of a leap year is NOT on D', '2028-02-28', 29, ['2028-02-28..2028-02-28 leading-stub', '2028-02-29..2028-03-28 full']],
    ['D=31, start Feb 28 of a leap year is NOT on D', '2028-02-28', 31, ['2028-02-28..2028-02-28 leading-stub', '2028-02-29..2028-03-30 full']],
    ['D=15, start on the 15th', '2026-03-15', 15, ['2026-03-15..2026-04-14 full', '2026-04-15..2026-05-14 full']],
  ])('%s', (_name, start, day, expected) => {
    const ps = periods(spec(start, null, day, 1), addDays(addMonthsClamped(start, 1, day), 1));
    expect(ps.slice(0, 2).map((p) => `${p.start}..${p.end} ${p.kind}`)).toEqual(expected);
  });
});

describe('leading stubs (full period = the full-length period ENDING where the stub ends)', () => {
  test.each([
    ['§3 example: S=2021-01-15, D=1, monthly', '2021-01-15', 1, 1, '2021-03-01', [
      '2021-01-15..2021-01-31 leading-stub 2021-01-01..2021-01-31',
      '2021-02-01..2021-02-28 full 2021-02-01..2021-02-28',
      '2021-03-01..2021-03-31 full 2021-03-01..2021-03-31',
    ]],
    ['monthly stub ending on Feb 29', '2028-02-10', 1, 1, '2028-03-01', [
      '2028-02-10..2028-02-29 leading-stub 2028-02-01..2028-02-29',
      '2028-03-01..2028-03-31 full 2028-03-01..2028-03-31',
    ]],
    ['monthly stub crossing a month end into the billing day', '2026-01-20', 10, 1, '2026-02-10', [
      '2026-01-20..2026-02-09 leading-stub 2026-01-10..2026-02-09',
      '2026-02-10..2026-03-09 full 2026-02-10..2026-03-09',
    ]],
    ['quarterly, D=1: stub to the next 1st, grid anchored there', '2026-01-15', 1, 3, '2026-05-01', [
      '2026-01-15..2026-01-31 leading-stub 2025-11-01..2026-01-31',
      '2026-02-01..2026-04-30 full 2026-02-01..2026-04-30',
      '2026-05-01..2026-07-31 full 2026-05-01..2026-07-31',
    ]],
    ['quarterly, D=31: stub to the next month end, full across February', '2026-03-05', 31, 3, '2026-03-31', [
      '2026-03-05..2026-03-30 leading-stub 2025-12-31..2026-03-30',
      '2026-03-31..2026-06-29 full 2026-03-31..2026-06-29',
    ]],
    ['semiannual, D=1', '2026-03-10', 1, 6, '2026-04-01', [
      '2026-03-10..2026-03-31 leading-stub 2025-10-01..2026-03-31',
      '2026-04-01..2026-09-30 full 2026-04-01..2026-09-30',
    ]],
    ['annual, D=15, stub over a month end', '2026-06-20', 15, 12, '2026-07-15', [
      '2026-06-20..2026-07-14 leading-stub 2025-07-15..2026-07-14',
      '2026-07-15..2027-07-14 full 2026-07-15..2027-07-14',
    ]],
    ['annual, D=1, full period holding Feb 29', '2027-12-05', 1, 12, '2027-12-31', [
      '2027-12-05..2027-12-31 leading-stub 2027-01-01..2027-12-31',
    ]],
    ['annual, D=29 anchored on a leap day', '2028-02-10', 29, 12, '2029-03-01', [
      '2028-02-10..2028-02-28 leading-stub 2027-02-28..2028-02-28',
      '2028-02-29..2029-02-27 full 2028-02-29..2029-02-27',
      '2029-02-28..2030-02-27 full 2029-02-28..2030-02-27',
    ]],
  ] as const)('%s', (_name, start, day, months, until, expected) => {
    expect(rows(periods(spec(start, null, day, months), until))).toEqual(expected);
  });
});

describe('trailing stubs (full period = the full-length period STARTING where the stub starts)', () => {
  test.each([
    ['monthly, end mid-month', '2026-01-01', '2026-03-15', 1, 1, [
      '2026-01-01..2026-01-31 full 2026-01-01..2026-01-31',
      '2026-02-01..2026-02-28 full 2026-02-01..2026-02-28',
      '2026-03-01..2026-03-15 trailing-stub 2026-03-01..2026-03-31',
    ]],
    ['monthly, end on the day before the billing day: no stub', '2026-01-01', '2026-02-28', 1, 1, [
      '2026-01-01..2026-01-31 full 2026-01-01..2026-01-31',
      '2026-02-01..2026-02-28 full 2026-02-01..2026-02-28',
    ]],
    ['monthly, leading and trailing stubs', '2026-01-15', '2026-03-10', 1, 1, [
      '2026-01-15..2026-01-31 leading-stub 2026-01-01..2026-01-31',
      '2026-02-01..2026-02-28 full 2026-02-01..2026-02-28',
      '2026-03-01..2026-03-10 trailing-stub 2026-03-01..2026-03-31',
    ]],
    ['quarterly, end cuts the third quarter', '2026-01-01', '2026-08-20', 1, 3, [
      '2026-01-01..2026-03-31 full 2026-01-01..2026-03-31',
      '2026-04-01..2026-06-30 full 2026-04-01..2026-06-30',
      '2026-07-01..2026-08-20 trailing-stub 2026-07-01..2026-09-30',
    ]],
    ['monthly D=31, trailing stub ending on Feb 29', '2028-01-31', '2028-02-29', 31, 1, [
      '2028-01-31..2028-02-28 full 2028-01-31..2028-02-28',
      '2028-02-29..2028-02-29 trailing-stub 2028-02-29..2028-03-30',
    ]],
    ['annual, one-year term from the §2 book (S=2026-01-15, E=2027-01-14)', '2026-01-15', '2027-01-14', 15, 12, [
      '2026-01-15..2027-01-14 full 2026-01-15..2027-01-14',
    ]],
    ['annual, start on D, term shorter than a year', '2026-01-15', '2026-07-31', 15, 12, [
      '2026-01-15..2026-07-31 trailing-stub 2026-01-15..2027-01-14',
    ]],
  ] as const)('%s', (_name, start, end, day, months, expected) => {
    expect(rows(periods(spec(start, end, day, months), '2099-12-31'))).toEqual(expected);
  });
});

describe('term shorter than one cycle, off the grid at both ends: kind "stub"', () => {
  test.each([
    ['monthly, inside one month', '2026-01-10', '2026-01-20', 1, 1, ['2026-01-10..2026-01-20 stub 2026-01-01..2026-01-31']],
    ['monthly D=15, over a month end', '2026-01-20', '2026-02-05', 15, 1, ['2026-01-20..2026-02-05 stub 2026-01-15..2026-02-14']],
    ['quarterly, full = the cell ending at the stub\'s natural boundary', '2026-02-10', '2026-02-20', 1, 3, ['2026-02-10..2026-02-20 stub 2025-12-01..2026-02-28']],
    ['annual, a single day in a year holding Feb 29', '2028-02-10', '2028-02-10', 1, 12, ['2028-02-10..2028-02-10 stub 2027-03-01..2028-02-29']],
    ['a single day ending on the boundary (Feb 29) is a leading stub', '2028-02-29', '2028-02-29', 1, 12, ['2028-02-29..2028-02-29 leading-stub 2027-03-01..2028-02-29']],
    ['leading stub exactly up to the boundary is a leading stub', '2026-01-10', '2026-01-31', 1, 1, ['2026-01-10..2026-01-31 leading-stub 2026-01-01..2026-01-31']],
  ] as const)('%s', (_name, start, end, day, months, expected) => {
    expect(rows(periods(spec(start, end, day, months), '2099-12-31'))).toEqual(expected);
  });
});

describe('evergreen lines and the until bound', () => {
  test('evergreen monthly D=31: every period starting on or before until', () => {
    const ps = periods(spec('2026-01-31', null, 31, 1), '2026-06-01');
    expect(ps.map((p) => p.start)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(ps.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
  });

  test.each([
    ['until before the start: nothing', '2026-01-14', 0],
    ['until on the start: the first period', '2026-01-15', 1],
    ['until the day before the second period', '2026-01-31', 1],
    ['until on the second period start', '2026-02-01', 2],
  ])('%s', (_name, until, count) => {
    expect(periods(spec('2026-01-15', null, 1, 1), until)).toHaveLength(count);
  });

  test('iteratePeriods runs past years for an evergreen line without drifting (D=31)', () => {
    const it = iteratePeriods(spec('2026-01-31', null, 31, 1));
    const starts: string[] = [];
    for (const p of it) {
      starts.push(p.start);
      if (starts.length === 50) break;
    }
    expect(starts[12]).toBe('2027-01-31');
    expect(starts[25]).toBe('2028-02-29');
    expect(starts[49]).toBe('2030-02-28');
  });

  test('iteratePeriods ends with a terminated line', () => {
    expect([...iteratePeriods(spec('2026-01-15', '2026-03-10', 1, 1))].map((p) => p.kind)).toEqual([
      'leading-stub',
      'full',
      'trailing-stub',
    ]);
  });
});

describe('bad input', () => {
  test.each([
    ['end before start', () => periods(spec('2026-02-01', '2026-01-31', 1, 1), '2026-12-31'), 'before start'],
    ['invalid start date', () => periods(spec('2026-02-30', null, 1, 1), '2026-12-31'), '"2026-02-30"'],
    ['invalid until', () => periods(spec('2026-02-01', null, 1, 1), '2026-13-01'), '"2026-13-01"'],
    ['billing day 0', () => periods(spec('2026-02-01', null, 0, 1), '2026-12-31'), 'billing day'],
    ['cycle of 2 months', () => periods(spec('2026-02-01', null, 1, 2 as FrequencyMonths), '2026-12-31'), '1, 3, 6 or 12'],
    ['iteratePeriods with end before start', () => iteratePeriods(spec('2026-02-01', '2026-01-01', 1, 1)).next(), 'before start'],
  ])('%s throws a RangeError', (_name, f, message) => {
    expect(f).toThrow(RangeError);
    expect(f).toThrow(message);
  });
});

describe('billingDayFor and frequencyMonths', () => {
  test.each([
    ['default = day of the start date', null, '2026-01-15', 15],
    ['default on the 31st is 31 (clamps later)', null, '2026-01-31', 31],
    ['default on Feb 28 is 28, not month end', null, '2026-02-28', 28],
    ['line day wins over the start date', 1, '2026-01-15', 1],
    ['line day 31', 31, '2026-04-10', 31],
  ])('%s', (_name, lineDay, start, expected) => {
    expect(billingDayFor(lineDay, start)).toBe(expected);
  });

  test.each([
    ['line day 0', 0],
    ['line day 32', 32],
    ['line day 1.5', 1.5],
  ])('%s throws', (_name, day) => expect(() => billingDayFor(day, '2026-01-01')).toThrow(RangeError));

  test('invalid start date throws', () => expect(() => billingDayFor(null, '2026-02-30')).toThrow(RangeError));

  test.each([
    ['monthly', 1],
    ['quarterly', 3],
    ['semiannual', 6],
    ['annual', 12],
  ] as const)('%s = %i months', (f, m) => expect(frequencyMonths(f)).toBe(m));

  test('unknown frequency throws', () => {
    expect(() => frequencyMonths('weekly' as 'monthly')).toThrow('unknown billing frequency "weekly"');
  });
});

// ---------------------------------------------------------------- properties

const dayArb = fc.integer({ min: toDayNumber('1999-01-01'), max: toDayNumber('2040-12-31') });
const billingDayArb = fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('last' as const));
const monthsArb = fc.constantFrom<FrequencyMonths>(1, 3, 6, 12);

function isOnBillingDay(date: string, day: number | 'last'): boolean {
  const [y, m, d] = date.split('-').map(Number);
  return d === Math.min(day === 'last' ? 31 : day, daysInMonth(y, m));
}

describe('properties', () => {
  fcTest.prop(
    [dayArb, fc.integer({ min: 0, max: 2500 }), billingDayArb, monthsArb],
    { verbose: true },
  )('periods tile [S, E] with no gap or overlap; each full range contains its period and is one cycle long', (s, len, day, months) => {
    const S = fromDayNumber(s);
    const E = fromDayNumber(s + len);
    const ps = periods({ startDate: S, endDate: E, billingDay: day, months }, E);
    expect(ps[0].start).toBe(S);
    expect(ps[ps.length - 1].end).toBe(E);
    ps.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(compareDates(p.start, p.end)).toBeLessThanOrEqual(0);
      if (i > 0) expect(p.start).toBe(addDays(ps[i - 1].end, 1));
      // full contains the period
      expect(compareDates(p.full.start, p.start)).toBeLessThanOrEqual(0);
      expect(compareDates(p.end, p.full.end)).toBeLessThanOrEqual(0);
      // full is one cycle on the D grid: starts on D, and the next cycle starts M months later on D
      expect(isOnBillingDay(p.full.start, day)).toBe(true);
      expect(addDays(p.full.end, 1)).toBe(addMonthsClamped(p.full.start, months, day));
      // the kind says which ends are cut
      const cutStart = p.start !== p.full.start;
      const cutEnd = p.end !== p.full.end;
      expect(p.kind).toBe(cutStart ? (cutEnd ? 'stub' : 'leading-stub') : cutEnd ? 'trailing-stub' : 'full');
      if (p.kind === 'full') expect(p.full).toEqual({ start: p.start, end: p.end });
      // only the first period can start off the grid, only the last can end off it
      if (i > 0) expect(cutStart).toBe(false);
      if (i < ps.length - 1) expect(cutEnd).toBe(false);
    });
    // periods start at S exactly when S falls on D (clamped)
    expect(ps[0].start === ps[0].full.start).toBe(isOnBillingDay(S, day));
    // the lazy variant yields the same periods
    expect([...iteratePeriods({ startDate: S, endDate: E, billingDay: day, months })]).toEqual(ps);
  });

  fcTest.prop([dayArb, fc.integer({ min: 0, max: 1500 }), billingDayArb, monthsArb], { verbose: true })(
    'evergreen: every period starting on or before until, and the next one starts after it',
    (s, untilOffset, day, months) => {
      const S = fromDayNumber(s);
      const until = fromDayNumber(s + untilOffset);
      const ps = periods({ startDate: S, endDate: null, billingDay: day, months }, until);
      expect(ps.length).toBeGreaterThan(0);
      expect(compareDates(ps[ps.length - 1].start, until)).toBeLessThanOrEqual(0);
      expect(compareDates(addDays(ps[ps.length - 1].end, 1), until)).toBeGreaterThan(0);
    },
  );

  fcTest.prop([dayArb, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), billingDayArb, monthsArb], { verbose: true })(
    'a later until only appends periods: periods(spec, u1) is a prefix of periods(spec, u2) for u1 <= u2',
    (s, d1, d2, day, months) => {
      const sp: CycleSpec = { startDate: fromDayNumber(s), endDate: null, billingDay: day, months };
      const [u1, u2] = d1 <= d2 ? [d1, d2] : [d2, d1];
      const short = periods(sp, fromDayNumber(s + u1));
      const long = periods(sp, fromDayNumber(s + u2));
      expect(long.slice(0, short.length)).toEqual(short);
    },
  );
});
