// The words of a billed line (engine/explain): the service sends them as
// `explanation` and `traceWords`, and the editor shows them as they are.
import { lineText, movedOf, traceText } from '../../../engine/explain/explain-words.js';
import { simulate } from '../../../engine/plan/planner.js';
import { book, line } from '../plan/book-fixtures.js';

describe('a line in words', () => {
  test('a charge moved by a policy says its arithmetic and the move, read from the trace the planner writes', async () => {
    const { compileText, registry } = await import('../plan/policy-fixtures.js');
    const set = compileText(
      'policy "Freeze" {\n  when billingDate between 2026-12-24 and 2027-01-03\n  override billing date to 2027-01-04 reason "Year end"\n}',
    );
    const sim = simulate(book({ lines: [line({ startDate: '2026-11-01' })] }), '2027-01-04', set as never, registry);
    const jan = sim.invoices.flatMap((i) => i.lines).find((l) => l.periodStart === '2027-01-01')!;
    expect(movedOf(jan.trace)).toEqual({ policy: 'Freeze', from: '2027-01-01', to: '2027-01-04', reason: 'Year end' });
    expect(lineText(jan, 'EUR')).toBe(
      'Bills 2027-01-01..2027-01-31 on 2027-01-04: 10 × 100.00 = 1000.00 EUR. Billing date moved from 2027-01-01 to 2027-01-04 by policy "Freeze" (Year end).',
    );
    expect(jan.trace.map(traceText)).toContain('Billing date moved from 2027-01-01 to 2027-01-04 by policy "Freeze" (Year end).');
    const nov = sim.invoices.flatMap((i) => i.lines).find((l) => l.periodStart === '2026-11-01')!;
    expect(lineText(nov, 'EUR')).toBe('Bills 2026-11-01..2026-11-30 on 2026-11-01: 10 × 100.00 = 1000.00 EUR.');
  });

  test('trace entries name who set what, with the facts that decided it; a credit says what it gives back', () => {
    expect(traceText({ policy: 'Enterprise bills on the 1st@v3', set: 'billingDay', value: '1', facts: { 'account.segment': 'enterprise' } })).toBe(
      'billing day 1 from policy "Enterprise bills on the 1st" v3, because account.segment = enterprise',
    );
    expect(traceText({ policy: 'default', set: 'prorate', value: 'daily' })).toBe('proration daily by default');
    expect(traceText({ policy: 'order product', set: 'unitPrice', value: '45.00' })).toBe('unit price 45.00 from the order product');
    const credit = {
      kind: 'credit' as const, periodStart: '2026-03-16', periodEnd: '2026-03-31', billingDate: '2026-03-20', quantity: '1', unitPrice: '31.00', prorationFactor: '16/31',
      amount: '-16.00', corrects: { periodStart: '2026-03-01', periodEnd: '2026-03-31', amount: '31.00' }, trace: [],
    };
    expect(lineText(credit, 'EUR')).toBe('Credit on 2026-03-20: 2026-03-16..2026-03-31 of 2026-03-01..2026-03-31 (billed 31.00 EUR) is no longer due; -16.00 EUR is given back.');
  });
});
