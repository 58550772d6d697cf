import { fc, test as fcTest } from '@fast-check/jest';
import { fromDayNumber, toDayNumber } from '../../../engine/calendar/civil-date.js';
import { periods, type DateRange, type FrequencyMonths } from '../../../engine/calendar/periods.js';
import { Dec } from '../../../engine/money/decimal.js';
import { roundMoney } from '../../../engine/money/rounding.js';
import { builtinProrationMethods, DEFAULT_PRORATION_METHOD } from '../../../engine/proration/builtin-methods.js';
import { daily } from '../../../engine/proration/daily.js';
import { monthlyDaily } from '../../../engine/proration/monthly-daily.js';
import { none } from '../../../engine/proration/none.js';
import type { ProrationContext, ProrationFn } from '../../../engine/proration/proration-types.js';
import { days360, thirty360 } from '../../../engine/proration/thirty-360.js';
import { wholeMonths } from '../../../engine/proration/whole-months.js';

const r = (start: string, end: string): DateRange => ({ start, end });
type Row = [string, DateRange, DateRange, Dec, ProrationContext?];

function expectFactor(fn: ProrationFn, stub: DateRange, full: DateRange, expected: Dec, context?: ProrationContext): void {
  const f = fn(stub, full, context);
  expect(f.toString()).toBe(expected.toString());
}

describe('daily = days(a..b) / days(p..q), inclusive actual days', () => {
  test.each<Row>([
    ['§3 leading stub Jan 15..31 (S=2021-01-15, D=1)', r('2021-01-15', '2021-01-31'), r('2021-01-01', '2021-01-31'), Dec(17).div(31)],
    ['stub ending on Feb 29', r('2028-02-10', '2028-02-29'), r('2028-02-01', '2028-02-29'), Dec(20).div(29)],
    ['stub ending on Feb 28 of a common year', r('2026-02-10', '2026-02-28'), r('2026-02-01', '2026-02-28'), Dec(19).div(28)],
    ['quarterly leading stub over a 92-day quarter', r('2026-01-15', '2026-01-31'), r('2025-11-01', '2026-01-31'), Dec(17).div(92)],
    ['§3 alignment stub 2018-07-15..09-30 of Q3', r('2018-07-15', '2018-09-30'), r('2018-07-01', '2018-09-30'), Dec(78).div(92)],
    ['annual stub holding Feb 29 over a 366-day year', r('2028-02-29', '2028-06-30'), r('2027-07-01', '2028-06-30'), Dec(123).div(366)],
    ['one-day trailing stub on Feb 29 (D=31)', r('2028-02-29', '2028-02-29'), r('2028-02-29', '2028-03-30'), Dec(1).div(31)],
    ['stub inside the period, off both ends', r('2026-01-10', '2026-01-20'), r('2026-01-01', '2026-01-31'), Dec(11).div(31)],
  ])('%s', (_name, stub, full, expected) => expectFactor(daily, stub, full, expected));

  // Published worked figures (billing-domain.md) as independent oracles.
  test.each<[string, DateRange, DateRange, string, string, string]>([
    ['Lago calendar: $50 for Aug 10..31 = 22/31', r('2025-08-10', '2025-08-31'), r('2025-08-01', '2025-08-31'), '50', 'USD', '35.48'],
    ['Lago upgrade: EUR 100 for Jan 1..14 = 14/31', r('2025-01-01', '2025-01-14'), r('2025-01-01', '2025-01-31'), '100', 'EUR', '45.16'],
    ['Lago #6194: quarterly calendar from May 20 2024 over 91 days', r('2024-05-20', '2024-06-30'), r('2024-04-01', '2024-06-30'), '91', 'USD', '42.00'],
    ['BCApps #5718: 9/month for Feb 26..28 2025 = 3 x 9/28', r('2025-02-26', '2025-02-28'), r('2025-02-01', '2025-02-28'), '9', 'USD', '0.96'],
    ['Salesforce Pricing: day 5, Mar 28..Apr 4 2025 = 8/31 of $90', r('2025-03-28', '2025-04-04'), r('2025-03-05', '2025-04-04'), '90', 'USD', '23.23'],
  ])('%s', (_name, stub, full, price, currency, expected) => {
    expect(roundMoney(Dec(price).mul(daily(stub, full)), currency).toFixed(2)).toBe(expected);
  });

  test('BCApps #5718 to five decimals: 0.96429', () => {
    const f = daily(r('2025-02-26', '2025-02-28'), r('2025-02-01', '2025-02-28'));
    expect(roundMoney(Dec(9).mul(f), 'USD', 'half-up', 5).toFixed(5)).toBe('0.96429');
  });
});

describe('monthly-daily = (whole billing months + leftover days / days of their billing month) / months of the full period', () => {
  test.each<Row>([
    ['monthly leading stub Jan 15..31', r('2026-01-15', '2026-01-31'), r('2026-01-01', '2026-01-31'), Dec(17).div(31)],
    ['quarterly leading stub Jan 15..Mar 31', r('2026-01-15', '2026-03-31'), r('2026-01-01', '2026-03-31'), Dec(2).plus(Dec(17).div(31)).div(3)],
    ['§3 alignment stub 2018-07-15..09-30', r('2018-07-15', '2018-09-30'), r('2018-07-01', '2018-09-30'), Dec(2).plus(Dec(17).div(31)).div(3)],
    ['leftover in a common February', r('2026-02-10', '2026-03-31'), r('2026-01-01', '2026-03-31'), Dec(1).plus(Dec(19).div(28)).div(3)],
    ['leftover in a leap February (Feb 29 counts)', r('2028-02-10', '2028-03-31'), r('2028-01-01', '2028-03-31'), Dec(1).plus(Dec(20).div(29)).div(3)],
    ['annual stub from Feb 10 2028', r('2028-02-10', '2028-06-30'), r('2027-07-01', '2028-06-30'), Dec(4).plus(Dec(20).div(29)).div(12)],
    ['billing months on the 15th: leftover over Feb 15..Mar 14', r('2026-02-20', '2026-04-14'), r('2026-01-15', '2026-04-14'), Dec(1).plus(Dec(23).div(28)).div(3)],
    ['trailing stub on D=31 from the clamped Feb 28', r('2026-02-28', '2026-03-15'), r('2026-02-28', '2026-03-30'), Dec(16).div(31), { billingDay: 31 }],
    ['a term shorter than a cycle touching two billing months', r('2026-01-10', '2026-02-20'), r('2025-12-01', '2026-02-28'), Dec(22).div(31).plus(Dec(20).div(28)).div(3)],
    ['D=31 quarter from a clamped Nov 30, billing day given', r('2026-01-05', '2026-02-27'), r('2025-11-30', '2026-02-27'), Dec(1).plus(Dec(26).div(31)).div(3), { billingDay: 31 }],
    ['same quarter, billing day inferred as 30 from the ends', r('2026-01-05', '2026-02-27'), r('2025-11-30', '2026-02-27'), Dec(1).plus(Dec(25).div(31)).div(3)],
    ['a billing day that does not fit the full period is ignored (inferred 15)', r('2026-02-20', '2026-04-14'), r('2026-01-15', '2026-04-14'), Dec(1).plus(Dec(23).div(28)).div(3), { billingDay: 1 }],
  ])('%s', (_name, stub, full, expected, context = undefined) => expectFactor(monthlyDaily, stub, full, expected, context));

  test('Oracle example shape: 2 whole months + 27/31 (Jan 15..Apr 10 counted from the start)', () => {
    // A stub that starts on its billing months' boundary: Jan 15..Mar 14 whole, Mar 15..Apr 10 = 27 of 31 days.
    const f = monthlyDaily(r('2019-01-15', '2019-04-10'), r('2019-01-15', '2019-04-14'));
    expect(f.toString()).toBe(Dec(2).plus(Dec(27).div(31)).div(3).toString());
    expect(f.mul(3).toDecimalPlaces(3).toString()).toBe('2.871');
  });
});

describe('whole-months: touched billing months (partial rounds up) / months of the full period', () => {
  test.each<Row>([
    ['monthly stub is a whole month', r('2026-01-15', '2026-01-31'), r('2026-01-01', '2026-01-31'), Dec(1)],
    ['quarterly stub touching all three months', r('2026-01-15', '2026-03-31'), r('2026-01-01', '2026-03-31'), Dec(1)],
    ['quarterly stub touching two months', r('2026-02-20', '2026-03-31'), r('2026-01-01', '2026-03-31'), Dec(2).div(3)],
    ['one day in the last month of a quarter', r('2026-03-31', '2026-03-31'), r('2026-01-01', '2026-03-31'), Dec(1).div(3)],
    ['annual stub from Feb 10 2028 (Feb..Jun)', r('2028-02-10', '2028-06-30'), r('2027-07-01', '2028-06-30'), Dec(5).div(12)],
    ['short term touching two months of a quarter', r('2026-01-10', '2026-02-20'), r('2025-12-01', '2026-02-28'), Dec(2).div(3)],
    ['one day, Feb 29, at the end of a quarter', r('2028-02-29', '2028-02-29'), r('2027-12-01', '2028-02-29'), Dec(1).div(3)],
    ['stub of a common February and a month end (D=31 from Jan 31)', r('2026-02-10', '2026-02-27'), r('2026-01-31', '2026-02-27'), Dec(1)],
  ])('%s', (_name, stub, full, expected, context = undefined) => expectFactor(wholeMonths, stub, full, expected, context));
});

describe('thirty-360 (30E/360 ISDA): days360(a, b+1) / days360(p, q+1)', () => {
  test.each<Row>([
    ['half of a common February', r('2026-02-15', '2026-02-28'), r('2026-02-01', '2026-02-28'), Dec(16).div(30)],
    ['half of a leap February (Feb 29 is the 30th)', r('2028-02-15', '2028-02-29'), r('2028-02-01', '2028-02-29'), Dec(16).div(30)],
    ['Jan 15..31: the 31st counts as the 30th', r('2026-01-15', '2026-01-31'), r('2026-01-01', '2026-01-31'), Dec(16).div(30)],
    ['quarterly leading stub Jan 15..Mar 31', r('2026-01-15', '2026-03-31'), r('2026-01-01', '2026-03-31'), Dec(76).div(90)],
    ['D=31 month Jan 31..Feb 27 counts 30', r('2026-02-10', '2026-02-27'), r('2026-01-31', '2026-02-27'), Dec(20).div(30)],
    ['annual stub holding Feb 29', r('2028-02-29', '2028-06-30'), r('2027-07-01', '2028-06-30'), Dec(121).div(360)],
    ['D=29 around February: the month ending Feb 27 counts 31 (month-end rule)', r('2026-02-01', '2026-02-27'), r('2026-01-29', '2026-02-27'), Dec(29).div(31)],
  ])('%s', (_name, stub, full, expected, context = undefined) => expectFactor(thirty360, stub, full, expected, context));

  test.each([
    ['a calendar month', '2026-01-01', '2026-02-01', 30],
    ['common February', '2026-02-01', '2026-03-01', 30],
    ['leap February', '2028-02-01', '2028-03-01', 30],
    ['month-end to month-end across February', '2026-01-31', '2026-02-28', 30],
    ['a calendar year', '2026-01-01', '2027-01-01', 360],
    ['the 31st counts as the 30th', '2026-03-30', '2026-03-31', 0],
  ])('days360 %s', (_name, from, to, expected) => expect(days360(from, to)).toBe(expected));
});

describe('none and the shared rules', () => {
  test('none bills a stub as the full period', () => {
    expectFactor(none, r('2026-01-15', '2026-01-31'), r('2026-01-01', '2026-01-31'), Dec(1));
  });

  const methods = builtinProrationMethods.map((m) => [m.name, m.fn] as const);

  test.each(methods)('%s: a full period has factor exactly 1', (_name, fn) => {
    expect(fn(r('2028-01-31', '2028-02-28'), r('2028-01-31', '2028-02-28')).toString()).toBe('1');
    expect(fn(r('2027-07-01', '2028-06-30'), r('2027-07-01', '2028-06-30')).toString()).toBe('1');
  });

  test.each(methods)('%s: a stub outside its full period throws', (_name, fn) => {
    expect(() => fn(r('2026-01-15', '2026-02-01'), r('2026-01-01', '2026-01-31'))).toThrow('is not inside its full period');
  });

  test.each(methods)('%s: a stub ending before it starts throws', (_name, fn) => {
    expect(() => fn(r('2026-01-15', '2026-01-14'), r('2026-01-01', '2026-01-31'))).toThrow('ends before it starts');
  });

  test.each(methods)('%s: an invalid date throws naming it', (_name, fn) => {
    expect(() => fn(r('2026-02-30', '2026-02-28'), r('2026-02-01', '2026-02-28'))).toThrow('"2026-02-30"');
  });

  test.each([
    ['monthly-daily', monthlyDaily],
    ['whole-months', wholeMonths],
  ] as const)('%s: a full period that is not whole billing months throws', (_name, fn) => {
    expect(() => fn(r('2026-01-05', '2026-01-10'), r('2026-01-01', '2026-01-20'))).toThrow('not a whole number of billing months');
  });

  test('the built-in list: five named methods with docs, default daily', () => {
    expect(builtinProrationMethods.map((m) => m.name)).toEqual(['daily', 'monthly-daily', 'whole-months', 'thirty-360', 'none']);
    for (const m of builtinProrationMethods) expect(m.doc.length).toBeGreaterThan(20);
    expect(DEFAULT_PRORATION_METHOD).toBe('daily');
  });
});

// ---------------------------------------------------------------- properties

const EPSILON = Dec(1).div(Dec(10).pow(30));
const cycleArb = fc.record({
  start: fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2035-12-31') }),
  day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('last' as const)),
  months: fc.constantFrom<FrequencyMonths>(1, 3, 6, 12),
});

/** A full period (grid cell) of a random cycle, and three cut points a <= m < b inside it. */
const splitArb = cycleArb.chain(({ start, day, months }) => {
  const S = fromDayNumber(start);
  const p = periods({ startDate: S, endDate: null, billingDay: day, months }, S)[0].full;
  const lo = toDayNumber(p.start);
  const hi = toDayNumber(p.end);
  return fc
    .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }))
    .filter(([x, , z]) => x !== z)
    .map(([x, y, z]) => {
      const [a, b] = x < z ? [x, z] : [z, x];
      const m = Math.min(Math.max(y, a), b - 1);
      return { full: p, a, m, b, context: { billingDay: day } as ProrationContext };
    });
});

describe('properties', () => {
  fcTest.prop([splitArb], { verbose: true })(
    'daily, monthly-daily and thirty-360 factors of two adjacent stubs add up to the factor of their union (before rounding)',
    ({ full, a, m, b, context }) => {
      const left = r(fromDayNumber(a), fromDayNumber(m));
      const right = r(fromDayNumber(m + 1), fromDayNumber(b));
      const union = r(fromDayNumber(a), fromDayNumber(b));
      for (const fn of [daily, monthlyDaily, thirty360]) {
        const sum = fn(left, full, context).plus(fn(right, full, context));
        expect(sum.minus(fn(union, full, context)).abs().lt(EPSILON)).toBe(true);
      }
    },
  );

  fcTest.prop([splitArb], { verbose: true })(
    'every built-in factor lies in (0, 1]; whole-months >= monthly-daily; the billing day may be inferred',
    ({ full, a, b, context }) => {
      const stub = r(fromDayNumber(a), fromDayNumber(b));
      for (const m of builtinProrationMethods) {
        const f = m.fn(stub, full, context);
        expect(f.gt(0) && f.lte(1)).toBe(true);
        expect(m.fn(stub, full).gt(0)).toBe(true); // no context: never throws on a real cycle cell
      }
      expect(wholeMonths(stub, full, context).gte(monthlyDaily(stub, full, context))).toBe(true);
    },
  );
});
