// Amendment alignment to the root of a chain and price scaling across
// frequencies (DESIGN §3 "Amendment alignment"), and the bound on periods per line.
import { Dec } from '../../../engine/money/decimal.js';
import { formatMoney, roundMoney } from '../../../engine/money/rounding.js';
import { NO_POLICIES, type PlanEvaluator } from '../../../engine/plan/plan-evaluator.js';
import { simulate } from '../../../engine/plan/planner.js';
import { MAX_PERIODS_PER_LINE } from '../../../engine/plan/line-schedule.js';
import type { OrderProduct } from '../../../engine/book/book-types.js';
import type { InvoiceLine } from '../../../engine/results/index.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { book, line, order } from './book-fixtures.js';

const registry = createRegistry();
const eur = (x: Dec): string => formatMoney(roundMoney(x, 'EUR'), 'EUR');
const alignAll: PlanEvaluator = {
  line: (ctx) => ({ ...NO_POLICIES.line(ctx), ...(ctx.line.amends ? { align: { value: 'original' as const, policy: 'Align' } } : {}) }),
  period: NO_POLICIES.period,
};
const of = (lines: readonly InvoiceLine[], id: string): [string, string, string][] => lines.filter((l) => l.orderProductId === id).map((l) => [l.periodStart, l.periodEnd, l.amount]);
const all = (r: ReturnType<typeof simulate>): InvoiceLine[] => r.invoices.flatMap((i) => i.lines);
const orders = [order(), order({ id: 'O2', type: 'amendment' }), order({ id: 'O3', type: 'amendment' })];

describe('an amendment of an amendment aligns to the root of its chain', () => {
  // OP1 monthly on the 1st, ends 2026-12-31; OP2 amends OP1 from 01-10 (its own day 10, no end);
  // OP3 amends OP2 from 02-20: -1 x 30.00
  const chain = book({
    orders,
    lines: [
      line({ id: 'OP1', startDate: '2026-01-01', endDate: '2026-12-31', quantity: '10', unitPrice: '30.00' }),
      line({ id: 'OP2', orderId: 'O2', startDate: '2026-01-10', endDate: null, quantity: '2', unitPrice: '30.00', amends: 'OP1' }),
      line({ id: 'OP3', orderId: 'O3', startDate: '2026-02-20', endDate: null, quantity: '-1', unitPrice: '30.00', amends: 'OP2' }),
    ],
  });
  test("the root's cycle: -30 x 9/28 for 02-20..02-28, then -30.00 for March", () => {
    expect(of(all(simulate(chain, '2026-03-01', alignAll, registry)), 'OP3')).toEqual([
      ['2026-02-20', '2026-02-28', eur(Dec(-30).mul(9).div(28))],
      ['2026-03-01', '2026-03-31', '-30.00'],
    ]);
    expect(eur(Dec(-30).mul(9).div(28))).toBe('-9.64');
  });
  test("the root's end date: the chain co-terminates on 2026-12-31", () => {
    const ls = of(all(simulate(chain, '2027-03-01', alignAll, registry)), 'OP3');
    expect(ls[ls.length - 1]).toEqual(['2026-12-01', '2026-12-31', '-30.00']);
  });
  test('the trace names the root and the chain', () => {
    const [first] = all(simulate(chain, '2026-03-01', alignAll, registry)).filter((l) => l.orderProductId === 'OP3');
    expect(first.trace).toContainEqual({ policy: 'Align', set: 'align', value: 'original (OP1, the root of the chain through OP2: billing day 1 from default, monthly, ends 2026-12-31)' });
  });
  test('a chain that loops is an error naming it, not a hang', () => {
    const loop = book({
      orders,
      lines: [
        line({ id: 'OP2', orderId: 'O2', startDate: '2026-01-10', amends: 'OP3' }),
        line({ id: 'OP3', orderId: 'O3', startDate: '2026-02-20', amends: 'OP2' }),
      ],
    });
    const r = simulate(loop, '2026-03-01', alignAll, registry);
    expect(r.errors.map((e) => [e.orderProductId, e.code])).toEqual([['OP2', 'PV4203'], ['OP3', 'PV4203']]);
    expect(r.errors[0].message).toContain('loops');
  });
  test('aligned to own, an amendment keeps its own cycle', () => {
    expect(of(all(simulate(chain, '2026-03-01', NO_POLICIES, registry)), 'OP3')).toEqual([['2026-02-20', '2026-03-19', '-30.00']]);
  });
});

describe('an aligned amendment of another frequency is priced per period of the root', () => {
  const quarterly = (amendment: Partial<OrderProduct>) =>
    book({
      orders,
      lines: [
        line({ id: 'OP1', startDate: '2026-01-01', billingFrequency: 'quarterly', quantity: '10', unitPrice: '300.00' }),
        line({ id: 'OP2', orderId: 'O2', amends: 'OP1', quantity: '-1', unitPrice: '300.00', billingFrequency: 'monthly', ...amendment }),
      ],
    });
  test.each([
    ['monthly -300.00 on a quarterly original, from a boundary: -300 x 3 per quarter', { startDate: '2026-04-01' }, '2026-07-01',
      [['2026-04-01', '2026-06-30', '-900.00'], ['2026-07-01', '2026-09-30', '-900.00']]],
    ['mid-quarter: a stub of the quarter, -900 x 45/90', { startDate: '2026-02-15' }, '2026-04-01',
      [['2026-02-15', '2026-03-31', eur(Dec(-900).mul(45).div(90))], ['2026-04-01', '2026-06-30', '-900.00']]],
    ['an annual amendment on a quarterly original: -1200 x 3/12 per quarter', { startDate: '2026-04-01', billingFrequency: 'annual', unitPrice: '1200.00' }, '2026-04-01',
      [['2026-04-01', '2026-06-30', eur(Dec(-1200).mul(3).div(12))]]],
    ['same frequency: no scaling', { startDate: '2026-04-01', billingFrequency: 'quarterly' }, '2026-04-01', [['2026-04-01', '2026-06-30', '-300.00']]],
  ] as [string, Partial<OrderProduct>, string, string[][]][])('%s', (_n, amendment, asOf, expected) => {
    expect(of(all(simulate(quarterly(amendment), asOf, alignAll, registry)), 'OP2')).toEqual(expected);
  });
  test('the trace says the price was scaled', () => {
    const [l] = all(simulate(quarterly({ startDate: '2026-04-01' }), '2026-04-01', alignAll, registry)).filter((x) => x.orderProductId === 'OP2');
    expect(l.trace).toContainEqual({ policy: 'Align', set: 'unitPrice', value: '300.00 per month x 3/1 = 900 per quarter (aligned to quarterly OP1)' });
    expect(l.unitPrice).toBe('300.00');
  });
});

describe('a bound on periods per line per plan (PV4208)', () => {
  test.each([
    ['a monthly line just inside the bound bills', '1926-02-01', 0],
    ['a monthly line from 1900 as of 2026 is refused, not built', '1900-01-01', 1],
  ])('%s', (_n, startDate, errors) => {
    const r = simulate(book({ lines: [line({ startDate })] }), '2026-01-01', NO_POLICIES, registry);
    expect(r.errors.filter((e) => e.code === 'PV4208')).toHaveLength(errors);
    if (errors) expect(r.errors[0].message).toBe(`the line would need more than ${MAX_PERIODS_PER_LINE} periods up to 2026-01-01; nothing is planned`);
    else expect(all(r)).toHaveLength(MAX_PERIODS_PER_LINE);
  });
});
