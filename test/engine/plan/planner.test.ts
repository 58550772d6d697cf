// The planner against DESIGN §3 with hand-written decisions (no policy text):
// calendar, pricing, holds, overrides, alignment, grouping. The same sentences
// with real policies are in planner-policies.test.ts.
import { Dec } from '../../../engine/money/decimal.js';
import { roundMoney, formatMoney, type RoundingMode } from '../../../engine/money/rounding.js';
import { NO_POLICIES, type PlanEvaluator, type PlanLineDecision } from '../../../engine/plan/plan-evaluator.js';
import { simulate } from '../../../engine/plan/planner.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { account, book, line, order } from './book-fixtures.js';

const registry = createRegistry();

function money(x: Dec, currency = 'EUR', mode: RoundingMode = 'half-up'): string {
  return formatMoney(roundMoney(x, currency, mode), currency);
}

function decide(d: Partial<PlanLineDecision>, forLine?: string): PlanEvaluator {
  return {
    line: (ctx) =>
      !forLine || ctx.line.id === forLine
        ? { held: false, holdReasons: [], holdPolicies: [], periodScoped: false, errors: [], ...d }
        : NO_POLICIES.line(ctx),
    period: (_c, natural) => ({ billingDate: natural, errors: [] }),
  };
}

function periodsOf(b: OrderBook, asOf: string, ev: PlanEvaluator = NO_POLICIES): [string, string][] {
  const r = simulate(b, asOf, ev, registry);
  return r.invoices.flatMap((i) => i.lines.map((l) => [l.periodStart, l.periodEnd] as [string, string]));
}

describe('billing day of month clamps to short months and comes back', () => {
  test.each([
    ['day 31 across February in a leap year', '2024-01-31', '2024-04-30', [['2024-01-31', '2024-02-28'], ['2024-02-29', '2024-03-30'], ['2024-03-31', '2024-04-29'], ['2024-04-30', '2024-05-30']]],
    ['day 31 across February in a common year', '2026-01-31', '2026-04-30', [['2026-01-31', '2026-02-27'], ['2026-02-28', '2026-03-30'], ['2026-03-31', '2026-04-29'], ['2026-04-30', '2026-05-30']]],
    ['day 30 across February in a common year', '2026-01-30', '2026-03-30', [['2026-01-30', '2026-02-27'], ['2026-02-28', '2026-03-29'], ['2026-03-30', '2026-04-29']]],
    ['day 29 across February in a leap year', '2024-01-29', '2024-03-29', [['2024-01-29', '2024-02-28'], ['2024-02-29', '2024-03-28'], ['2024-03-29', '2024-04-28']]],
    ['day 29 across February in a common year', '2026-01-29', '2026-03-29', [['2026-01-29', '2026-02-27'], ['2026-02-28', '2026-03-28'], ['2026-03-29', '2026-04-28']]],
  ])('%s', (_n, start, asOf, expected) => {
    expect(periodsOf(book({ lines: [line({ startDate: start })] }), asOf)).toEqual(expected);
  });
});

describe('stubs and their full periods', () => {
  const q = Dec;
  test.each([
    ['monthly leading stub (DESIGN example)', line({ startDate: '2021-01-15', billingDayOfMonth: 1 }), '2021-02-01',
      [['2021-01-15', '2021-01-31', q(1000).mul(17).div(31)], ['2021-02-01', '2021-02-28', q(1000)]]],
    ['quarterly leading stub: full period Dec..Feb', line({ startDate: '2026-02-15', billingDayOfMonth: 1, billingFrequency: 'quarterly', unitPrice: '300.00' }), '2026-03-01',
      [['2026-02-15', '2026-02-28', q(3000).mul(14).div(90)], ['2026-03-01', '2026-05-31', q(3000)]]],
    ['annual leading stub: full period ends where the stub ends', line({ startDate: '2026-03-10', billingDayOfMonth: 1, billingFrequency: 'annual', unitPrice: '1200.00' }), '2026-03-31',
      [['2026-03-10', '2026-03-31', q(12000).mul(22).div(365)]]],
    ['annual stub across a leap day', line({ startDate: '2024-02-10', billingDayOfMonth: 1, billingFrequency: 'annual', unitPrice: '1200.00' }), '2024-02-29',
      [['2024-02-10', '2024-02-29', q(12000).mul(20).div(366)]]],
    ['trailing stub: full period starts where the stub starts', line({ startDate: '2026-01-01', endDate: '2026-03-15' }), '2026-12-31',
      [['2026-01-01', '2026-01-31', q(1000)], ['2026-02-01', '2026-02-28', q(1000)], ['2026-03-01', '2026-03-15', q(1000).mul(15).div(31)]]],
    ['quarterly trailing stub', line({ startDate: '2026-01-01', endDate: '2026-05-10', billingFrequency: 'quarterly', unitPrice: '300.00' }), '2026-12-31',
      [['2026-01-01', '2026-03-31', q(3000)], ['2026-04-01', '2026-05-10', q(3000).mul(40).div(91)]]],
    ['term shorter than a cycle, off the grid at both ends', line({ startDate: '2026-01-10', endDate: '2026-01-20', billingDayOfMonth: 1 }), '2026-12-31',
      [['2026-01-10', '2026-01-20', q(1000).mul(11).div(31)]]],
  ])('%s', (_n, l, asOf, expected) => {
    const r = simulate(book({ lines: [l] }), asOf, NO_POLICIES, registry);
    const got = r.invoices[0].lines.map((x) => [x.periodStart, x.periodEnd, x.amount]);
    expect(got).toEqual(expected.map(([s, e, a]) => [s, e, money(a as Dec)]));
  });

  test('a stub line carries the proration as "daily 17/31" in its trace', () => {
    const r = simulate(book({ lines: [line({ startDate: '2021-01-15', billingDayOfMonth: 1 })] }), '2021-01-31', NO_POLICIES, registry);
    const l = r.invoices[0].lines[0];
    expect(l.prorationFactor).toBe(Dec(17).div(31).toDecimalPlaces(10).toFixed());
    expect(l.trace).toContainEqual({ policy: 'default', set: 'prorate', value: 'daily 17/31 of 2021-01-01..2021-01-31' });
    expect(l.trace).toContainEqual({ policy: 'order product', set: 'billingDay', value: '1' });
  });
});

describe('billing dates: advance, arrears, end dates, catch-up', () => {
  test.each([
    ['advance bills on the period start', 'advance', '2026-02-01', ['2026-01-01', '2026-02-01']],
    ['arrears: not due on the last day of the period', 'arrears', '2026-01-31', []],
    ['arrears bills the day after the period ends', 'arrears', '2026-02-01', ['2026-02-01']],
    ['arrears across the year end', 'arrears', '2027-01-01', Array.from({ length: 12 }, (_, i) => (i === 11 ? '2027-01-01' : `2026-${String(i + 2).padStart(2, '0')}-01`))],
  ] as const)('%s', (_n, billingType, asOf, dates) => {
    const r = simulate(book({ lines: [line({ billingType })] }), asOf, NO_POLICIES, registry);
    expect(r.invoices.flatMap((i) => i.lines.map((l) => l.billingDate))).toEqual(dates);
  });

  test('the end date stops billing: no period after it', () => {
    expect(periodsOf(book({ lines: [line({ endDate: '2026-02-28' })] }), '2026-12-01')).toEqual([
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
    ]);
  });

  test('a line that has not started yet bills nothing', () => {
    expect(periodsOf(book({ lines: [line({ startDate: '2026-05-01' })] }), '2026-04-30')).toEqual([]);
  });

  test('catch-up: three months unbilled -> three lines on one invoice dated asOf', () => {
    const r = simulate(book(), '2026-03-15', NO_POLICIES, registry);
    expect(r.invoices).toHaveLength(1);
    expect(r.invoices[0].invoiceDate).toBe('2026-03-15');
    expect(r.invoices[0].lines.map((l) => l.periodStart)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(r.invoices[0].total).toBe(money(Dec(1000).mul(3)));
  });

  test('already invoiced periods are skipped', () => {
    const b = book({ invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-01' }, { orderProductId: 'OP1', periodStart: '2026-02-01' }] });
    expect(periodsOf(b, '2026-03-15')).toEqual([['2026-03-01', '2026-03-31']]);
  });
});

describe('one-time charges, drafts, holds', () => {
  test.each([
    ['one-time before its start date', '2026-01-09', 0],
    ['one-time on its start date', '2026-01-10', 1],
    ['one-time long after its start date', '2027-06-01', 1],
  ])('%s', (_n, asOf, count) => {
    const b = book({ lines: [line({ chargeType: 'one-time', billingFrequency: null, startDate: '2026-01-10', quantity: '1', unitPrice: '1500.00' })] });
    const lines = simulate(b, asOf, NO_POLICIES, registry).invoices.flatMap((i) => i.lines);
    expect(lines).toHaveLength(count);
    if (count) expect(lines[0]).toMatchObject({ periodStart: '2026-01-10', periodEnd: '2026-01-10', billingDate: '2026-01-10', prorationFactor: '1', amount: '1500.00' });
  });

  test('draft orders do not bill and are not reported', () => {
    const r = simulate(book({ orders: [order({ status: 'draft', activatedDate: null })] }), '2026-03-01', NO_POLICIES, registry);
    expect(r).toEqual({ asOf: '2026-03-01', invoices: [], holds: [], errors: [], warnings: [] });
  });

  test('holdBilling on the order product holds it, with a reason', () => {
    const r = simulate(book({ lines: [line({ holdBilling: true })] }), '2026-03-01', NO_POLICIES, registry);
    expect(r.invoices).toEqual([]);
    expect(r.holds).toEqual([{ orderProductId: 'OP1', reasons: ['holdBilling is set on the order product'], policies: [] }]);
  });

  test('a policy hold keeps every reason and policy', () => {
    const ev = decide({ held: true, holdReasons: ['Awaiting purchase order', 'Credit review'], holdPolicies: ['Hold EMEA', 'Credit'] });
    const r = simulate(book(), '2026-03-01', ev, registry);
    expect(r.invoices).toEqual([]);
    expect(r.holds[0]).toMatchObject({ reasons: ['Awaiting purchase order', 'Credit review'], policies: ['Hold EMEA', 'Credit'] });
  });

  test('hold then release: held for two months, released in the third -> three lines', () => {
    const held = decide({ held: true, holdReasons: ['x'], holdPolicies: ['p'] });
    const b = book();
    for (const asOf of ['2026-01-01', '2026-02-01']) expect(simulate(b, asOf, held, registry).invoices).toEqual([]);
    const r = simulate(b, '2026-03-01', NO_POLICIES, registry);
    expect(r.invoices[0].lines.map((l) => l.periodStart)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  test('a held line whose policies also failed reports the error and the hold', () => {
    const ev = decide({ errors: [{ code: 'PV4001', message: 'missing', policy: 'P' }] });
    const r = simulate(book({ lines: [line({ holdBilling: true })] }), '2026-03-01', ev, registry);
    expect(r.invoices).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['PV4001']);
    expect(r.holds.map((h) => h.orderProductId)).toEqual(['OP1']);
  });

  test('evaluation errors: the order product bills nothing and the error is reported', () => {
    const ev = decide({ errors: [{ code: 'PV4001', message: 'order.poNumber has no value', policy: 'P' }] });
    const r = simulate(book(), '2026-03-01', ev, registry);
    expect(r.invoices).toEqual([]);
    expect(r.errors).toEqual([{ orderProductId: 'OP1', code: 'PV4001', message: 'order.poNumber has no value', policy: 'P' }]);
  });
});

describe('proration methods and rounding modes', () => {
  // quarterly on the 1st, start Feb 15 2026: stub Feb 15..28 of Dec 1..Feb 28 (90 days)
  const stub = line({ startDate: '2026-02-15', billingDayOfMonth: 1, billingFrequency: 'quarterly', unitPrice: '300.00' });
  test.each([
    ['daily: 14 of 90 days', 'daily', Dec(14).div(90)],
    ['monthly-daily: 14 of 28 days of February, over 3 months', 'monthly-daily', Dec(14).div(28).div(3)],
    ['whole-months: the partial month counts whole', 'whole-months', Dec(1).div(3)],
    ['thirty-360: 16 of 90 days', 'thirty-360', Dec(16).div(90)],
    ['none: the full period', 'none', Dec(1)],
  ])('%s', (_n, method, factor) => {
    const ev = decide({ prorate: { value: { method }, policy: 'P' } });
    const r = simulate(book({ lines: [stub] }), '2026-02-28', ev, registry);
    const l = r.invoices[0].lines[0];
    expect(l.amount).toBe(money(Dec(3000).mul(factor)));
    expect(l.trace.find((t) => t.set === 'prorate')?.policy).toBe('P');
  });

  // Apr 16..30 of April on the 1st: exactly half a month; 0.05 x 1/2 = 0.025
  test.each([
    ['half-up: a tie goes away from zero', 'half-up', '1', '0.03'],
    ['half-even: a tie goes to the even digit', 'half-even', '1', '0.02'],
    ['up: away from zero', 'up', '1', '0.03'],
    ['down: toward zero', 'down', '1', '0.02'],
    ['half-up on a credit', 'half-up', '-1', '-0.03'],
    ['down on a credit', 'down', '-1', '-0.02'],
  ])('%s', (_n, rounding, quantity, amount) => {
    const ev = decide({ prorate: { value: { method: 'daily', rounding }, policy: 'P' } });
    const r = simulate(book({ lines: [line({ startDate: '2026-04-16', billingDayOfMonth: 1, unitPrice: '0.05', quantity })] }), '2026-04-16', ev, registry);
    expect(r.invoices[0].lines[0].amount).toBe(amount);
    expect(r.invoices[0].lines[0].trace).toContainEqual({ policy: 'P', set: 'rounding', value: rounding });
  });

  // DESIGN §3: precision may lower the decimals, never raise them above the currency's minor unit
  test.each([
    ['precision above the minor unit is capped at it (EUR 2)', 'EUR', 4, Dec(100).mul(17).div(31).toDecimalPlaces(2).toFixed(2), 'half-up precision 4 capped at 2, the minor unit of EUR'],
    ['precision equal to the minor unit is kept', 'EUR', 2, Dec(100).mul(17).div(31).toDecimalPlaces(2).toFixed(2), 'half-up precision 2'],
    ['precision below the minor unit lowers the decimals (whole euros)', 'EUR', 0, Dec(100).mul(17).div(31).toDecimalPlaces(0).toFixed(0), 'half-up precision 0'],
    ['JPY never carries cents: precision 2 capped at 0', 'JPY', 2, Dec(100).mul(17).div(31).toDecimalPlaces(0).toFixed(0), 'half-up precision 2 capped at 0, the minor unit of JPY'],
    ['KWD keeps three decimals under precision 3', 'KWD', 3, Dec(100).mul(17).div(31).toDecimalPlaces(3).toFixed(3), 'half-up precision 3'],
  ])('%s', (_n, currency, precision, amount, note) => {
    const ev = decide({ prorate: { value: { method: 'daily', precision }, policy: 'P' } });
    const b = book({ accounts: [account({ currency })], lines: [line({ startDate: '2021-01-15', billingDayOfMonth: 1, quantity: '1', unitPrice: '100' })] });
    const r = simulate(b, '2021-01-15', ev, registry);
    expect(r.invoices[0].lines[0].amount).toBe(amount);
    expect(r.invoices[0].lines[0].trace).toContainEqual({ policy: 'P', set: 'rounding', value: note });
  });

  test.each([
    ['JPY has no minor unit', 'JPY', '10000', Dec(10000).mul(17).div(31), '5484'],
    ['EUR has cents', 'EUR', '100.00', Dec(100).mul(17).div(31), '54.84'],
    ['KWD has three decimals', 'KWD', '100.000', Dec(100).mul(17).div(31), '54.839'],
  ])('%s', (_n, currency, unitPrice, raw, expected) => {
    const b = book({ accounts: [account({ currency })], lines: [line({ startDate: '2021-01-15', billingDayOfMonth: 1, quantity: '1', unitPrice })] });
    const r = simulate(b, '2021-01-15', NO_POLICIES, registry);
    expect(r.invoices[0].lines[0].amount).toBe(expected);
    expect(expected).toBe(money(raw, currency));
  });
});

describe('billing day sources', () => {
  test.each([
    ['policy beats line, account and start day', { billingDay: { value: 5, policy: 'P' } }, 3, 4, 'P', '5'],
    ['line beats account', {}, 3, 4, 'order product', '3'],
    ['account when the line has none', {}, null, 4, 'account', '4'],
    ['day of the start date by default', {}, null, null, 'default', '15'],
    ['last day of the month', { billingDay: { value: 'last' as const, policy: 'P' } }, null, null, 'P', 'last'],
  ])('%s', (_n, d, lineDay, accountDay, source, value) => {
    const b = book({ accounts: [account({ billingDayOfMonth: accountDay })], lines: [line({ startDate: '2026-01-15', billingDayOfMonth: lineDay })] });
    const r = simulate(b, '2026-01-15', decide(d), registry);
    expect(r.invoices[0].lines[0].trace[0]).toEqual({ policy: source, set: 'billingDay', value });
  });
});

describe('billing date overrides apply per period, catch-up included', () => {
  const freeze: PlanEvaluator = {
    line: (ctx) => ({ ...NO_POLICIES.line(ctx), periodScoped: true }),
    period: (_ctx, natural) =>
      natural >= '2026-12-24' && natural <= '2027-01-03'
        ? { billingDate: '2027-01-04', override: { value: '2027-01-04', policy: 'Year-end freeze', reason: 'Finance closed' }, errors: [] }
        : { billingDate: natural, errors: [] },
  };
  const b = book({
    lines: [
      line({ id: 'OP1', startDate: '2026-11-24' }),
      line({ id: 'OP2', startDate: '2026-11-01', billingType: 'arrears' }),
    ],
  });
  test('inside the freeze nothing in the window bills', () => {
    const r = simulate(b, '2027-01-03', freeze, registry);
    expect(r.invoices[0].lines.map((l) => [l.orderProductId, l.periodStart, l.billingDate])).toEqual([
      ['OP1', '2026-11-24', '2026-11-24'],
      ['OP2', '2026-11-01', '2026-12-01'],
    ]);
  });
  test('on the first day after it, every moved period bills with the override in its trace', () => {
    const r = simulate(b, '2027-01-04', freeze, registry);
    const moved = r.invoices[0].lines.filter((l) => l.billingDate === '2027-01-04');
    expect(moved.map((l) => [l.orderProductId, l.periodStart])).toEqual([
      ['OP1', '2026-12-24'],
      ['OP2', '2026-12-01'],
    ]);
    expect(moved[0].trace).toContainEqual({ policy: 'Year-end freeze', set: 'billingDate', value: '2027-01-04 (natural 2026-12-24): Finance closed' });
    // coverage never moves
    expect(moved[0].periodEnd).toBe('2027-01-23');
  });
});

describe('amendments', () => {
  const original = line({ id: 'OP1', startDate: '2026-01-01', quantity: '10' });
  const amendOrder = order({ id: 'O2', type: 'amendment' });
  const downgrade = line({ id: 'OP2', orderId: 'O2', amends: 'OP1', startDate: '2026-03-15', quantity: '-4' });
  const b = book({ orders: [order(), amendOrder], lines: [original, downgrade] });

  test('aligned to the original: stub to the next boundary, then its cycle; credits are negative', () => {
    const ev = decide({ align: { value: 'original', policy: 'Co-term' } }, 'OP2');
    const r = simulate(b, '2026-04-01', ev, registry);
    const credits = r.invoices[0].lines.filter((l) => l.orderProductId === 'OP2');
    expect(credits.map((l) => [l.periodStart, l.periodEnd, l.amount])).toEqual([
      ['2026-03-15', '2026-03-31', money(Dec(-400).mul(17).div(31))],
      ['2026-04-01', '2026-04-30', money(Dec(-400))],
    ]);
    expect(credits[0].trace.find((t) => t.set === 'align')?.policy).toBe('Co-term');
  });

  test('own cycle (the default): the amendment runs from its own start date', () => {
    const r = simulate(b, '2026-04-15', NO_POLICIES, registry);
    const credits = r.invoices[0].lines.filter((l) => l.orderProductId === 'OP2');
    expect(credits.map((l) => [l.periodStart, l.periodEnd, l.amount])).toEqual([
      ['2026-03-15', '2026-04-14', '-400.00'],
      ['2026-04-15', '2026-05-14', '-400.00'],
    ]);
  });

  test('DESIGN example: quarterly calendar quarters, amendment on 2018-07-15 aligned', () => {
    const o = line({ id: 'OP1', startDate: '2018-01-01', billingFrequency: 'quarterly', unitPrice: '300.00' });
    const a = line({ id: 'OP2', orderId: 'O2', amends: 'OP1', startDate: '2018-07-15', billingFrequency: 'quarterly', unitPrice: '300.00', quantity: '2' });
    const ev = decide({ align: { value: 'original', policy: 'Co-term' } }, 'OP2');
    const r = simulate(book({ orders: [order(), amendOrder], lines: [o, a] }), '2018-10-01', ev, registry);
    const lines = r.invoices[0].lines.filter((l) => l.orderProductId === 'OP2');
    expect(lines.map((l) => [l.periodStart, l.periodEnd, l.amount])).toEqual([
      ['2018-07-15', '2018-09-30', money(Dec(600).mul(78).div(92))],
      ['2018-10-01', '2018-12-31', '600.00'],
    ]);
  });

  test('aligned amendments co-terminate with the original', () => {
    const o = line({ id: 'OP1', startDate: '2026-01-01', endDate: '2026-04-30' });
    const a = line({ id: 'OP2', orderId: 'O2', amends: 'OP1', startDate: '2026-03-15', quantity: '2' });
    const ev = decide({ align: { value: 'original', policy: 'Co-term' } }, 'OP2');
    const r = simulate(book({ orders: [order(), amendOrder], lines: [o, a] }), '2026-12-31', ev, registry);
    expect(r.invoices[0].lines.filter((l) => l.orderProductId === 'OP2').map((l) => l.periodEnd)).toEqual(['2026-03-31', '2026-04-30']);
  });
});

describe('grouping and order', () => {
  test('one invoice per account and currency, sorted; lines by order product then period', () => {
    const b: OrderBook = {
      accounts: [account({ id: 'B2', currency: 'USD' }), account({ id: 'A1' })],
      contracts: [],
      orders: [order({ id: 'O1', accountId: 'B2' }), order({ id: 'O2', accountId: 'A1' })],
      orderProducts: [
        line({ id: 'OP9', orderId: 'O2' }),
        line({ id: 'OP3', orderId: 'O1' }),
        line({ id: 'OP1', orderId: 'O2', startDate: '2026-02-01' }),
      ],
      invoiced: [],
    };
    const r = simulate(b, '2026-02-01', NO_POLICIES, registry);
    expect(r.invoices.map((i) => [i.accountId, i.currency, i.lines.map((l) => `${l.orderProductId}@${l.periodStart}`)])).toEqual([
      ['A1', 'EUR', ['OP1@2026-02-01', 'OP9@2026-01-01', 'OP9@2026-02-01']],
      ['B2', 'USD', ['OP3@2026-01-01', 'OP3@2026-02-01']],
    ]);
    expect(r.invoices[0].total).toBe('3000.00');
  });
});
