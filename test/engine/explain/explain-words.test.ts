import { holdReasonText, holdText, movedText, periodText, type PeriodWords } from '../../../engine/explain/explain-words.js';

const base = { start: '2026-01-01', end: '2026-01-31', billingDate: '2026-01-01', amount: '60.00', currency: 'EUR' } as const;

describe('the words of "why (not) billed"', () => {
  test.each<[string, PeriodWords, string]>([
    ['billed on a posted invoice', { ...base, status: 'billed', invoices: [{ id: 'i1', number: 'INV-2026-3', status: 'posted' }] }, 'Billed on invoice INV-2026-3: 2026-01-01..2026-01-31.'],
    ['billed on a draft', { ...base, status: 'billed', invoices: [{ id: 'i1', number: null, status: 'draft' }] }, 'Billed on a draft invoice (not yet posted): 2026-01-01..2026-01-31.'],
    ['billed across two invoices', { ...base, status: 'billed', invoices: [{ id: 'a', number: 'INV-1', status: 'posted' }, { id: 'b', number: 'INV-2', status: 'posted' }] }, 'Billed on invoice INV-1 and invoice INV-2: 2026-01-01..2026-01-31.'],
    ['covered by earlier billing', { ...base, status: 'covered' }, 'Covered by earlier billing (recorded before Proviso or by another period): 2026-01-01..2026-01-31 is not billed again.'],
    ['credited on an invoice', { ...base, status: 'credited', creditInvoices: [{ id: 'c', number: 'INV-9', status: 'posted' }] }, 'Credited: 2026-01-01..2026-01-31 is no longer due; the billed amount is given back on invoice INV-9.'],
    ['held by the order product flag', { ...base, status: 'held', holdReasons: ['holdBilling is set on the order product'], holdPolicies: [] }, 'Held: billing hold set on the order product.'],
    ['held by a policy', { ...base, status: 'held', holdReasons: ['Awaiting purchase order'], holdPolicies: ['Hold EMEA until PO'] }, 'Held by policy "Hold EMEA until PO": Awaiting purchase order.'],
    ['due in full', { ...base, status: 'due', charges: [{ start: '2026-01-01', end: '2026-01-31', amount: '60.00' }] }, 'Due since 2026-01-01: the next run bills 2026-01-01..2026-01-31 for 60.00 EUR.'],
    ['partly billed', { ...base, status: 'due', partly: true, charges: [{ start: '2026-01-10', end: '2026-01-31', amount: '42.58' }] }, 'Partly billed before; due: the next run bills the days not yet billed, 2026-01-10..2026-01-31 for 42.58 EUR.'],
    ['not yet due', { ...base, status: 'not-yet-due', billingDate: '2026-02-01' }, 'Not yet due: 2026-01-01..2026-01-31 bills on 2026-02-01.'],
    ['moved and not yet due', { ...base, status: 'not-yet-due', billingDate: '2026-01-04', moved: { policy: 'Freeze', reason: 'Closed', from: '2026-01-01', to: '2026-01-04' } }, 'Not yet due: 2026-01-01..2026-01-31 bills on 2026-01-04. Billing date moved from 2026-01-01 to 2026-01-04 by policy "Freeze" (Closed).'],
    ['a draft order', { ...base, status: 'not-billable', notBillableBecause: 'its order is a draft (only activated orders bill)' }, 'Not billed: its order is a draft (only activated orders bill).'],
  ])('%s', (_name, words, expected) => {
    expect(periodText(words)).toBe(expected);
  });

  test('no engine field name reaches the text', () => {
    expect(holdReasonText('holdBilling is set on the order product')).toBe('billing hold set on the order product');
    expect(holdText(['holdBilling is set on the order product', 'Credit check'], ['Credit hold'])).toBe(
      'Held by policy "Credit hold": billing hold set on the order product; Credit check.',
    );
    expect(movedText({ policy: 'P', from: '2026-01-01', to: '2026-01-02' })).toBe('Billing date moved from 2026-01-01 to 2026-01-02 by policy "P".');
  });
});
