// Per-period evaluation: overrides with billingDate bound to each period's
// natural billing date, per-period holds, priorities and conflicts.
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { evaluatePeriod } from '../../../engine/evaluate/evaluate-period.js';
import { compileText, lineCtx, type CtxOverrides } from './eval-fixtures.js';

const LIBRARY = `
policy "Year-end freeze" {
  priority 200
  when billingDate between 2026-12-24 and 2027-01-03
  override billing date to 2027-01-04 reason "Finance closed for year end"
}
policy "Support bills on the next weekday" {
  when product.code starts with "SUP"
  override billing date to nextWeekday(billingDate)
}
policy "Quarter close hold" {
  when billingDate = endOfQuarter(billingDate) and line.quantity > 100
  hold billing reason "Quarter close"
}`;

describe('overrides per period', () => {
  const { set } = compileText(LIBRARY);

  test.each<[string, string, CtxOverrides, string, string | undefined, string | undefined]>([
    ['a weekday stays', '2026-03-02', {}, '2026-03-02', 'Support bills on the next weekday', undefined],
    ['a Saturday moves to Monday', '2026-08-01', {}, '2026-08-03', 'Support bills on the next weekday', undefined],
    ['a Sunday moves to Monday', '2026-03-01', {}, '2026-03-02', 'Support bills on the next weekday', undefined],
    ['the freeze outranks next weekday', '2026-12-26', {}, '2027-01-04', 'Year-end freeze', 'Finance closed for year end'],
    ['freeze first day inclusive', '2026-12-24', {}, '2027-01-04', 'Year-end freeze', 'Finance closed for year end'],
    ['freeze last day inclusive', '2027-01-03', { line: { productCode: 'LIC' } }, '2027-01-04', 'Year-end freeze', 'Finance closed for year end'],
    ['outside the freeze, not support: natural date', '2027-01-05', { line: { productCode: 'LIC' } }, '2027-01-05', undefined, undefined],
  ])('%s', (_name, natural, o, billingDate, policy, reason) => {
    const ctx = lineCtx(o);
    expect(evaluateLine(set, ctx).periodScoped).toBe(true);
    const p = evaluatePeriod(set, ctx, natural);
    expect(p.errors).toEqual([]);
    expect(p.billingDate).toBe(billingDate);
    expect(p.decided?.policy).toBe(policy);
    expect(p.reason).toBe(reason);
  });

  test('catch-up periods are each evaluated with their own natural date', () => {
    const ctx = lineCtx();
    const dates = ['2026-11-01', '2026-12-01', '2027-01-01'].map((d) => evaluatePeriod(set, ctx, d).billingDate);
    expect(dates).toEqual(['2026-11-02', '2026-12-01', '2027-01-04']);
  });

  test('the override trace carries the policy, the date and billingDate as a fact', () => {
    const p = evaluatePeriod(set, lineCtx(), '2026-12-26');
    expect(p.decided?.trace).toEqual([
      { policy: 'Year-end freeze', set: 'billingDate', value: '2027-01-04', facts: { billingDate: '2026-12-26' } },
    ]);
    const q = evaluatePeriod(set, lineCtx(), '2026-08-01');
    expect(q.decided?.trace[0].facts).toEqual({ 'product.code': 'SUP-GOLD', billingDate: '2026-08-01' });
  });

  test.each<[string, string, CtxOverrides, string[] | undefined]>([
    ['held on the quarter-end period', '2026-03-31', { line: { quantity: '500' } }, ['Quarter close']],
    ['not held on other periods', '2026-04-30', { line: { quantity: '500' } }, undefined],
    ['not held for small quantities', '2026-03-31', {}, undefined],
  ])('per-period hold: %s', (_name, natural, o, reasons) => {
    expect(evaluatePeriod(set, lineCtx(o), natural).hold?.reasons).toEqual(reasons);
  });
});

describe('override conflicts and failures', () => {
  test('equal priority, different dates: an error, the natural date is kept', () => {
    const { set } = compileText(`
      policy "Next weekday" { override billing date to nextWeekday(billingDate) }
      policy "Month end" { override billing date to endOfMonth(billingDate) }`);
    const p = evaluatePeriod(set, lineCtx(), '2026-03-07');
    expect(p.billingDate).toBe('2026-03-07');
    expect(p.decided).toBeUndefined();
    expect(p.errors.map((e) => e.code)).toEqual(['PV4006']);
    expect(p.errors[0].message).toContain('"Next weekday" and "Month end"');
  });

  test('equal priority, same date: no conflict', () => {
    const { set } = compileText(`
      policy "Next weekday" { override billing date to nextWeekday(billingDate) }
      policy "Month end" { override billing date to endOfMonth(billingDate) }`);
    expect(evaluatePeriod(set, lineCtx(), '2026-03-31')).toMatchObject({ billingDate: '2026-03-31', errors: [] });
  });

  test('an override target that reads a missing fact is an error for that period', () => {
    const { set } = compileText(`policy "To line end" { override billing date to line.endDate }`);
    const p = evaluatePeriod(set, lineCtx({ line: { endDate: null } }), '2026-03-01');
    expect(p.billingDate).toBe('2026-03-01');
    expect(p.errors.map((e) => e.code)).toEqual(['PV4009']);
  });

  test('a failing per-line condition is reported by evaluateLine once, not again per period', () => {
    const { set } = compileText(`policy "Web" { when order.channel = "web" override billing date to nextWeekday(billingDate) }`);
    const ctx = lineCtx();
    expect(evaluateLine(set, ctx).errors.map((e) => e.code)).toEqual(['PV4001']);
    expect(evaluatePeriod(set, ctx, '2026-03-01').errors).toEqual([]);
  });
});

describe('per-period holds from `hold billing until` on billingDate', () => {
  const { set } = compileText(`
    policy "Support starts billing in June" {
      when product.code starts with "SUP"
      hold billing until billingDate >= 2026-06-01 reason "Billing starts in June"
    }`);

  test('the line itself is not held, but must be evaluated per period', () => {
    const d = evaluateLine(set, lineCtx());
    expect(d.hold).toBeNull();
    expect(d.periodScoped).toBe(true);
  });

  test.each<[string, string, string[] | undefined]>([
    ['held before the release date', '2026-05-01', ['Billing starts in June']],
    ['released on the release date', '2026-06-01', undefined],
    ['released after it', '2026-07-01', undefined],
  ])('%s', (_name, natural, reasons) => {
    expect(evaluatePeriod(set, lineCtx(), natural).hold?.reasons).toEqual(reasons);
  });

  test('lines the policy does not apply to are never held', () => {
    expect(evaluatePeriod(set, lineCtx({ line: { productCode: 'LIC-1' } }), '2026-05-01').hold).toBeUndefined();
  });
});
