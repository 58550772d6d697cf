import { Dec } from '../../../engine/money/decimal.js';
import { compareSimulations } from '../../../engine/plan/impact.js';
import type { InvoiceLine } from '../../../engine/results/index.js';
import { NO_POLICIES, type PlanEvaluator } from '../../../engine/plan/plan-evaluator.js';
import { simulate } from '../../../engine/plan/planner.js';
import { timeline } from '../../../engine/plan/timeline.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { book, line, order } from './book-fixtures.js';

const registry = createRegistry();

describe('timeline', () => {
  test('the next months of a line: stub, full periods, invoiced flags', () => {
    const b = book({ lines: [line({ startDate: '2026-01-15', billingDayOfMonth: 1 })], invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-15' }] });
    const t = timeline(b, 'OP1', '2026-01-01', 3, NO_POLICIES, registry);
    expect(t.until).toBe('2026-03-31');
    expect(t.periods.map((p) => [p.start, p.end, p.kind, p.proration, p.invoiced])).toEqual([
      ['2026-01-15', '2026-01-31', 'leading-stub', 'daily 17/31', true],
      ['2026-02-01', '2026-02-28', 'full', 'full period', false],
      ['2026-03-01', '2026-03-31', 'full', 'full period', false],
    ]);
    expect(t.periods[0].amount).toBe(Dec(1000).mul(17).div(31).toDecimalPlaces(2).toFixed(2));
  });

  test('periods that ended before `from` are not shown; a held line shows its hold', () => {
    const b = book({ lines: [line({ holdBilling: true })] });
    const t = timeline(b, 'OP1', '2026-03-10', 2, NO_POLICIES, registry);
    expect(t.periods.map((p) => p.start)).toEqual(['2026-03-01', '2026-04-01', '2026-05-01']);
    expect(t.held).toBe(true);
    expect(t.periods.every((p) => p.held)).toBe(true);
  });

  test('overrides show the natural and the moved billing date', () => {
    const ev: PlanEvaluator = {
      line: (ctx) => ({ ...NO_POLICIES.line(ctx), periodScoped: true }),
      period: (_c, natural) => (natural === '2026-02-01' ? { billingDate: '2026-02-02', override: { value: '2026-02-02', policy: 'Weekday', reason: 'Sunday' }, errors: [] } : { billingDate: natural, errors: [] }),
    };
    const t = timeline(book(), 'OP1', '2026-01-01', 2, ev, registry);
    expect(t.periods[1]).toMatchObject({ naturalBillingDate: '2026-02-01', billingDate: '2026-02-02', override: { policy: 'Weekday', reason: 'Sunday' } });
  });

  test('an unknown order product is an error, not a throw', () => {
    expect(timeline(book(), 'NOPE', '2026-01-01', 2, NO_POLICIES, registry).errors[0].message).toMatch(/NOPE/);
  });
});

describe('impact of a change', () => {
  const b = book({
    orders: [order()],
    lines: [line({ id: 'OP1' }), line({ id: 'OP2', startDate: '2026-02-15', billingDayOfMonth: 1 })],
  });
  const before = simulate(b, '2026-02-15', NO_POLICIES, registry);
  const holdOp1: PlanEvaluator = { ...NO_POLICIES, line: (ctx) => ({ ...NO_POLICIES.line(ctx), ...(ctx.line.id === 'OP1' ? { held: true, holdReasons: ['r'], holdPolicies: ['p'] } : {}) }) };
  const noneOp2: PlanEvaluator = { ...NO_POLICIES, line: (ctx) => ({ ...NO_POLICIES.line(ctx), prorate: { value: { method: 'none' }, policy: 'P' } }) };

  test('no change, no impact', () => {
    const i = compareSimulations(before, before);
    expect([i.added, i.removed, i.changed]).toEqual([[], [], []]);
    expect(i.total).toEqual([{ currency: 'EUR', before: i.total[0].before, after: i.total[0].before, delta: '0.00' }]);
  });

  test('a new hold removes lines and is listed as newly held', () => {
    const i = compareSimulations(before, simulate(b, '2026-02-15', holdOp1, registry));
    expect(i.removed.map((l) => `${l.orderProductId}@${l.periodStart}`)).toEqual(['OP1@2026-01-01', 'OP1@2026-02-01']);
    expect(i.newlyHeld).toEqual(['OP1']);
    expect(i.total[0].delta).toBe('-2000.00');
    expect(i.perAccount).toEqual([{ accountId: 'A1', currency: 'EUR', before: i.total[0].before, after: i.total[0].after, delta: '-2000.00' }]);
  });

  test('a proration change changes the stub amount', () => {
    const i = compareSimulations(before, simulate(b, '2026-02-15', noneOp2, registry));
    expect(i.changed.map((c) => [c.before.orderProductId, c.before.amount, c.after.amount])).toEqual([
      ['OP2', Dec(1000).mul(14).div(28).toFixed(2), '1000.00'],
    ]);
    expect(i.total[0].delta).toBe(Dec(1000).minus(Dec(1000).mul(14).div(28)).toFixed(2));
  });
});

describe('impact categories: new errors, credits and re-billed coverage', () => {
  const charge = (op: string, start: string, end: string, amount: string): InvoiceLine => ({
    orderProductId: op, kind: 'charge', periodStart: start, periodEnd: end, billingDate: start, quantity: '1', unitPrice: amount, prorationFactor: '1', amount, trace: [],
  });
  const credit = (op: string, start: string, end: string, amount: string): InvoiceLine => ({ ...charge(op, start, end, amount), kind: 'credit', billingDate: '2026-03-01' });
  const sim = (lines: InvoiceLine[], errors: { orderProductId: string; code: string; message: string }[] = []) => ({
    asOf: '2026-03-01',
    invoices: lines.length ? [{ accountId: 'A1', currency: 'EUR', invoiceDate: '2026-03-01', total: lines.reduce((s, l) => s.plus(l.amount), Dec(0)).toFixed(2), lines }] : [],
    holds: [],
    errors,
    warnings: [],
  });

  test('a credit with a charge over the same days is re-billed coverage; a charge elsewhere is not', () => {
    const before = sim([charge('OP1', '2026-03-01', '2026-03-31', '100.00')]);
    const after = sim([
      charge('OP1', '2026-03-01', '2026-03-31', '100.00'),
      credit('OP2', '2026-02-01', '2026-02-28', '-100.00'),
      charge('OP2', '2026-02-01', '2026-02-28', '120.00'),
      charge('OP3', '2026-02-01', '2026-02-28', '50.00'),
    ]);
    const i = compareSimulations(before, after);
    expect(i.credits.map((l) => `${l.orderProductId}@${l.periodStart} ${l.amount}`)).toEqual(['OP2@2026-02-01 -100.00']);
    expect(i.rebilled.map((l) => `${l.orderProductId}@${l.periodStart} ${l.amount}`)).toEqual(['OP2@2026-02-01 120.00']);
    expect(i.newErrors).toEqual([]);
  });

  test('an error after that was not there before is new; one that stays is not', () => {
    const old = { orderProductId: 'OP1', code: 'PV4001', message: 'order.poNumber has no value on this line' };
    const fresh = { orderProductId: 'OP2', code: 'PV4001', message: 'order.poNumber has no value on this line' };
    const i = compareSimulations(sim([], [old]), sim([], [old, fresh]));
    expect(i.newErrors).toEqual([fresh]);
    expect(i.credits).toEqual([]);
    expect(i.rebilled).toEqual([]);
  });
});

describe('timeline with real policies', () => {
  test('a freeze policy shows moved billing dates, a billing-day policy the stub', async () => {
    const { compileText, registry: reg } = await import('./policy-fixtures.js');
    const set = compileText(
      'policy "First" { billing day of month 1 }\npolicy "Freeze" { when billingDate between 2026-12-24 and 2027-01-03\n override billing date to 2027-01-04 reason "Year end" }',
    );
    const t = timeline(book({ lines: [line({ startDate: '2026-11-20' })] }), 'OP1', '2026-11-01', 3, set, reg);
    expect(t.billingDay).toMatchObject({ policy: 'First', value: '1' });
    expect(t.periods.map((p) => [p.start, p.kind, p.billingDate, p.override?.policy ?? null])).toEqual([
      ['2026-11-20', 'leading-stub', '2026-11-20', null],
      ['2026-12-01', 'full', '2026-12-01', null],
      ['2027-01-01', 'full', '2027-01-04', 'Freeze'],
    ]);
    expect(t.periods[0].proration).toBe('daily 11/30');
  });
});
