// Reconciliation with billed coverage (DESIGN §3 "Billed coverage"), with
// amounts written as arithmetic from published examples: Zuora's billing-day
// change, Salesforce's credit "from the terminated date to the day before the
// next charge date", Chargebee's advance invoicing.
import { Dec } from '../../../engine/money/decimal.js';
import { formatMoney, roundMoney } from '../../../engine/money/rounding.js';
import { invoicedAfter } from '../../../engine/plan/billed-coverage.js';
import { NO_POLICIES } from '../../../engine/plan/plan-evaluator.js';
import { simulate } from '../../../engine/plan/planner.js';
import { timeline } from '../../../engine/plan/timeline.js';
import type { InvoicedPeriod, OrderBook } from '../../../engine/book/book-types.js';
import type { InvoiceLine } from '../../../engine/results/index.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { book, line } from './book-fixtures.js';
import { compileText, registry as attrRegistry } from './policy-fixtures.js';

const registry = createRegistry();
const eur = (x: Dec): string => formatMoney(roundMoney(x, 'EUR'), 'EUR');
const linesOf = (b: OrderBook, asOf: string): InvoiceLine[] => simulate(b, asOf, NO_POLICIES, registry).invoices.flatMap((i) => i.lines);
const rows = (ls: readonly InvoiceLine[]): [string, string, string, string][] => ls.map((l) => [l.kind, l.periodStart, l.periodEnd, l.amount]);

// Zuora: quarterly 300.00 billed on the 1st through 2020-06-30, then the billing day moves to the 10th.
const zuoraLine = line({ startDate: '2020-01-01', endDate: '2020-12-31', billingFrequency: 'quarterly', quantity: '1', unitPrice: '300.00', billingDayOfMonth: 10 });
const zuoraBilled: InvoicedPeriod[] = [
  { orderProductId: 'OP1', periodStart: '2020-01-01', periodEnd: '2020-03-31', amount: '300.00' },
  { orderProductId: 'OP1', periodStart: '2020-04-01', periodEnd: '2020-06-30', amount: '300.00' },
];
const zuora = book({ lines: [zuoraLine], invoiced: zuoraBilled });

describe('charges: a covered day is never billed again', () => {
  test('Zuora billing-day change: 07-01..07-09 = 300 x 9/91, 07-10..10-09 = 300, 10-10..12-31 = 300 x 83/92 (600.32)', () => {
    const r = simulate(zuora, '2020-12-31', NO_POLICIES, registry);
    expect(rows(r.invoices[0].lines)).toEqual([
      ['charge', '2020-07-01', '2020-07-09', eur(Dec(300).mul(9).div(91))],
      ['charge', '2020-07-10', '2020-10-09', '300.00'],
      ['charge', '2020-10-10', '2020-12-31', eur(Dec(300).mul(83).div(92))],
    ]);
    expect(r.invoices[0].lines.map((l) => l.amount)).toEqual(['29.67', '300.00', '270.65']);
    expect(r.invoices[0].total).toBe('600.32');
    expect(r.warnings).toEqual([]);
  });

  test('the uncovered days say what they are part of, priced against the full period', () => {
    const [stub] = linesOf(zuora, '2020-12-31');
    expect(stub.prorationFactor).toBe(Dec(9).div(91).toDecimalPlaces(10).toFixed());
    expect(stub.trace).toContainEqual({ policy: 'default', set: 'prorate', value: 'daily 9/91 of 2020-04-10..2020-07-09' });
    expect(stub.trace).toContainEqual({
      policy: 'billed coverage',
      set: 'coverage',
      value: 'bills 2020-07-01..2020-07-09 of the period 2020-04-10..2020-07-09: the rest of it was billed before',
    });
  });

  test.each([
    ['coverage ending the day before a period: the period bills whole', [['2026-01-01', '2026-01-31']], [['charge', '2026-02-01', '2026-02-28', '1000.00']]],
    ['coverage of the whole period: nothing', [['2026-01-01', '2026-02-28']], []],
    ['coverage of the first day only: the other 27 days', [['2026-01-01', '2026-02-01']], [['charge', '2026-02-02', '2026-02-28', eur(Dec(1000).mul(27).div(28))]]],
    ['coverage of the last day only: the first 27 days', [['2026-01-01', '2026-01-31'], ['2026-02-28', '2026-02-28']], [['charge', '2026-02-01', '2026-02-27', eur(Dec(1000).mul(27).div(28))]]],
    ['a hole in the middle: both sides, each against the full period', [['2026-01-01', '2026-02-10'], ['2026-02-21', '2026-02-28']], [['charge', '2026-02-11', '2026-02-20', eur(Dec(1000).mul(10).div(28))]]],
    ['overlapping entries count once', [['2026-01-01', '2026-02-14'], ['2026-01-10', '2026-02-20']], [['charge', '2026-02-21', '2026-02-28', eur(Dec(1000).mul(8).div(28))]]],
  ])('%s', (_n, billed, expected) => {
    const invoiced = billed.map(([s, e]) => ({ orderProductId: 'OP1', periodStart: s, periodEnd: e }));
    expect(rows(linesOf(book({ lines: [line({ startDate: '2026-01-01', endDate: '2026-02-28' })], invoiced }), '2026-02-28'))).toEqual(expected);
  });
});

describe('credits: billed coverage no longer due', () => {
  // Salesforce: credit "from the terminated date to the day before the next charge date"
  const billedJune = [
    { orderProductId: 'OP1', periodStart: '2026-05-01', periodEnd: '2026-05-31', amount: '1000.00' },
    { orderProductId: 'OP1', periodStart: '2026-06-01', periodEnd: '2026-06-30', amount: '1000.00' },
  ];
  test('end date brought forward to 06-15: credit 06-16..06-30 = -1000 x 15/30, with the trace naming what it corrects', () => {
    const b = book({ lines: [line({ startDate: '2026-05-01', endDate: '2026-06-15' })], invoiced: billedJune });
    const r = simulate(b, '2026-06-20', NO_POLICIES, registry);
    const [credit] = r.invoices[0].lines;
    expect(rows([credit])).toEqual([['credit', '2026-06-16', '2026-06-30', eur(Dec(-1000).mul(15).div(30))]]);
    expect(credit.amount).toBe('-500.00');
    expect(credit.billingDate).toBe('2026-06-20');
    expect(credit.corrects).toEqual({ periodStart: '2026-06-01', periodEnd: '2026-06-30', amount: '1000.00' });
    expect(credit.trace[0]).toEqual({
      policy: 'billed coverage',
      set: 'credit',
      value: 'credit 2026-06-16..2026-06-30 of the period billed 2026-06-01..2026-06-30: end date moved to 2026-06-15',
    });
    expect(r.invoices[0].total).toBe('-500.00');
  });

  test.each([
    ['end date on the last billed day: no credit', '2026-06-30', []],
    ['end date on the first day of the period: credit 29 of 30 days', '2026-06-01', [['credit', '2026-06-02', '2026-06-30', eur(Dec(-1000).mul(29).div(30))]]],
    ['end date before a whole billed period: the whole period, then part of May', '2026-05-20', [
      ['credit', '2026-05-21', '2026-05-31', eur(Dec(-1000).mul(11).div(31))],
      ['credit', '2026-06-01', '2026-06-30', '-1000.00'],
    ]],
  ])('%s', (_n, end, expected) => {
    expect(rows(linesOf(book({ lines: [line({ startDate: '2026-05-01', endDate: end })], invoiced: billedJune }), '2026-07-01'))).toEqual(expected);
  });

  test('a credit is priced against the billed amount, not today\'s price', () => {
    const b = book({ lines: [line({ startDate: '2026-05-01', endDate: '2026-06-15', unitPrice: '120.00' })], invoiced: billedJune });
    expect(rows(linesOf(b, '2026-06-20'))).toEqual([['credit', '2026-06-16', '2026-06-30', '-500.00']]);
  });

  test('without a billed amount the credit is estimated at today\'s price, and the trace says so', () => {
    const b = book({ lines: [line({ startDate: '2026-05-01', endDate: '2026-06-15' })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-06-01', periodEnd: '2026-06-30' }, { orderProductId: 'OP1', periodStart: '2026-05-01', periodEnd: '2026-05-31' }] });
    const [credit] = linesOf(b, '2026-06-20');
    expect(credit.amount).toBe('-500.00');
    expect(credit.trace[1].value).toContain("the amount billed is not in the book: estimated at today's price");
  });

  test('a held line neither bills nor credits', () => {
    const b = book({ lines: [line({ startDate: '2026-05-01', endDate: '2026-06-15', holdBilling: true })], invoiced: billedJune });
    const r = simulate(b, '2026-06-20', NO_POLICIES, registry);
    expect(r.invoices).toEqual([]);
    expect(r.holds.map((h) => h.orderProductId)).toEqual(['OP1']);
  });

  test('credits and charges of one account share an invoice; the total adds both', () => {
    const b = book({
      lines: [line({ id: 'OP1', startDate: '2026-05-01', endDate: '2026-06-15' }), line({ id: 'OP2', startDate: '2026-06-01' })],
      invoiced: billedJune,
    });
    const r = simulate(b, '2026-06-20', NO_POLICIES, registry);
    expect(r.invoices).toHaveLength(1);
    expect(rows(r.invoices[0].lines)).toEqual([
      ['credit', '2026-06-16', '2026-06-30', '-500.00'],
      ['charge', '2026-06-01', '2026-06-30', '1000.00'],
    ]);
    expect(r.invoices[0].total).toBe('500.00');
  });
});

describe('start-only invoiced entries (older books)', () => {
  test('read as the period starting there in today\'s calendar, with a warning naming the entry', () => {
    const b = book({ lines: [line({ startDate: '2026-01-01' })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-01' }] });
    const r = simulate(b, '2026-02-01', NO_POLICIES, registry);
    expect(rows(r.invoices[0].lines)).toEqual([['charge', '2026-02-01', '2026-02-28', '1000.00']]);
    expect(r.warnings).toEqual([
      { orderProductId: 'OP1', code: 'PV4207', message: "invoiced entry 2026-01-01 has no periodEnd: read as 2026-01-01..2026-01-31, the period starting there in the line's current calendar" },
    ]);
  });

  test('a start that is no period of today\'s calendar covers one cycle from there', () => {
    const invoiced = [{ orderProductId: 'OP1', periodStart: '2025-12-01', periodEnd: '2025-12-31' }, { orderProductId: 'OP1', periodStart: '2026-01-01' }];
    const b = book({ lines: [line({ startDate: '2025-12-01', billingDayOfMonth: 10 })], invoiced });
    expect(simulate(b, '2026-02-10', NO_POLICIES, registry).warnings[0].message).toContain('read as 2026-01-01..2026-01-31');
    expect(rows(linesOf(b, '2026-02-10'))).toEqual([
      ['charge', '2026-02-01', '2026-02-09', eur(Dec(1000).mul(9).div(31))],
      ['charge', '2026-02-10', '2026-03-09', '1000.00'],
    ]);
  });
});

describe('look-ahead: overrides that move billing dates earlier', () => {
  const annual = book({ lines: [line({ startDate: '2026-01-01', billingFrequency: 'annual', unitPrice: '1200.00', quantity: '1' })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-01', periodEnd: '2026-12-31', amount: '1200.00' }] });
  // Chargebee advance invoicing: the renewal term is invoiced ahead of its start
  const ahead = compileText('policy "Renewals 30 days ahead" { override billing date to billingDate - 30 days reason "Invoice 30 days ahead" }');
  test.each([
    ['the day before the moved date: not yet', '2026-12-01', []],
    ['on the moved date (2027-01-01 - 30 days): the next year bills', '2026-12-02', [['charge', '2027-01-01', '2027-12-31', '1200.00']]],
    ['on the natural date: billed once, not again', '2027-01-01', [['charge', '2027-01-01', '2027-12-31', '1200.00']]],
  ])('%s', (_n, asOf, expected) => {
    const r = simulate(annual, asOf, ahead, attrRegistry);
    expect(r.errors).toEqual([]);
    expect(rows(r.invoices.flatMap((i) => i.lines))).toEqual(expected);
  });

  test('the moved line carries the override in its trace and bills on the moved date', () => {
    const [l] = simulate(annual, '2026-12-02', ahead, attrRegistry).invoices[0].lines;
    expect(l.billingDate).toBe('2026-12-02');
    expect(l.trace).toContainEqual(expect.objectContaining({ policy: 'Renewals 30 days ahead', set: 'billingDate', value: '2026-12-02 (natural 2027-01-01): Invoice 30 days ahead' }));
  });

  test('an override reaching beyond the 12-month look-ahead is reported (PV4206), not ignored', () => {
    const far = compileText('policy "Far ahead" { override billing date to billingDate - 400 days }');
    const r = simulate(annual, '2026-12-02', far, attrRegistry);
    expect(r.invoices).toEqual([]);
    expect(r.errors.map((e) => [e.code, e.policy])).toEqual([['PV4206', 'Far ahead']]);
    // 2028-01-01 - 400 days = 2026-11-27
    expect(r.errors[0].message).toContain('period 2028-01-01..2028-12-31 (natural billing date 2028-01-01) is moved to 2026-11-27');
  });
});

describe('planning again after billing the plan yields nothing', () => {
  test.each([
    ['Zuora billing-day change', zuora, '2020-12-31'],
    ['a cancellation credit', book({ lines: [line({ startDate: '2026-05-01', endDate: '2026-06-15' })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-06-01', periodEnd: '2026-06-30', amount: '1000.00' }] }), '2026-06-20'],
    ['a start-only history', book({ lines: [line({ startDate: '2026-01-01', billingDayOfMonth: 10 })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-01' }] }), '2026-03-10'],
  ])('%s', (_n, b, asOf) => {
    const first = linesOf(b, asOf);
    expect(first.length).toBeGreaterThan(0);
    const after = { ...b, invoiced: invoicedAfter(b.invoiced, first) };
    expect(linesOf(after, asOf)).toEqual([]);
  });
});

describe('the timeline shows what billing does', () => {
  test('Zuora: the timeline\'s due charges are the planner\'s lines', () => {
    const t = timeline(zuora, 'OP1', '2020-01-01', 12, NO_POLICIES, registry, { asOf: '2020-12-31' });
    expect(t.periods.map((p) => [p.start, p.coverage])).toEqual([
      ['2020-01-01', 'full'],
      ['2020-01-10', 'full'],
      ['2020-04-10', 'partial'],
      ['2020-07-10', 'none'],
      ['2020-10-10', 'none'],
    ]);
    const charges = t.periods.filter((p) => p.due).flatMap((p) => p.charges.map((c) => ['charge', c.start, c.end, c.amount]));
    expect(charges).toEqual(rows(linesOf(zuora, '2020-12-31')));
  });

  test('a cancellation: the timeline lists the credit the next run makes', () => {
    const b = book({ lines: [line({ startDate: '2026-05-01', endDate: '2026-06-15' })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-06-01', periodEnd: '2026-06-30', amount: '1000.00' }] });
    const t = timeline(b, 'OP1', '2026-05-01', 3, NO_POLICIES, registry, { asOf: '2026-06-20' });
    expect(rows(t.credits)).toEqual([['credit', '2026-06-16', '2026-06-30', '-500.00']]);
  });
});
