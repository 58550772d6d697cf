import { coverageFromLedger, type LedgerRow } from '../../../api/invoices/ledger-coverage.js';

const charge = (s: string, e: string, amount = '100'): LedgerRow => ({ orderProductId: 'OP1', periodStart: s, periodEnd: e, amount, kind: 'charge' });
const credit = (s: string, e: string): LedgerRow => ({ orderProductId: 'OP1', periodStart: s, periodEnd: e, amount: '-1', kind: 'credit' });

describe('coverage from the stored ledger', () => {
  test.each([
    ['a charge alone keeps its amount', [charge('2026-01-01', '2026-01-31')], [['2026-01-01', '2026-01-31', '100']]],
    ['a credit of the tail (cancellation) cuts it', [charge('2026-01-01', '2026-12-31'), credit('2026-07-01', '2026-12-31')], [['2026-01-01', '2026-06-30', undefined]]],
    ['a credit of the head', [charge('2026-01-01', '2026-01-31'), credit('2026-01-01', '2026-01-09')], [['2026-01-10', '2026-01-31', undefined]]],
    ['a credit in the middle splits it', [charge('2026-01-01', '2026-01-31'), credit('2026-01-10', '2026-01-19')], [['2026-01-01', '2026-01-09', undefined], ['2026-01-20', '2026-01-31', undefined]]],
    ['a credit of all of it leaves nothing', [charge('2026-01-01', '2026-01-31'), credit('2025-12-01', '2026-02-28')], []],
    ['a credit of another period leaves it whole', [charge('2026-02-01', '2026-02-28'), credit('2026-01-01', '2026-01-31')], [['2026-02-01', '2026-02-28', '100']]],
    ['across a leap day', [charge('2028-02-01', '2028-02-29'), credit('2028-02-29', '2028-02-29')], [['2028-02-01', '2028-02-28', undefined]]],
  ])('%s', (_name, rows, expected) => {
    expect(coverageFromLedger(rows).map((c) => [c.periodStart, c.periodEnd, c.amount])).toEqual(expected);
  });

  test('credits of one order product never cut another', () => {
    const other: LedgerRow = { ...credit('2026-01-01', '2026-01-31'), orderProductId: 'OP2' };
    expect(coverageFromLedger([charge('2026-01-01', '2026-01-31'), other])).toEqual([
      { orderProductId: 'OP1', periodStart: '2026-01-01', periodEnd: '2026-01-31', amount: '100' },
    ]);
  });

  test('a credit that names its charge cuts that charge only; naming a charge no longer live, it cuts nothing', () => {
    const rebill: LedgerRow = { ...charge('2026-01-01', '2026-03-31'), id: 'L2' };
    const ofVoided: LedgerRow = { ...credit('2026-02-16', '2026-03-31'), correctsLineId: 'L1' }; // L1 was voided: not in the ledger
    expect(coverageFromLedger([rebill, ofVoided]).map((c) => [c.periodStart, c.periodEnd, c.amount])).toEqual([['2026-01-01', '2026-03-31', '100']]);
    const ofRebill: LedgerRow = { ...credit('2026-02-16', '2026-03-31'), correctsLineId: 'L2' };
    expect(coverageFromLedger([rebill, ofRebill]).map((c) => [c.periodStart, c.periodEnd])).toEqual([['2026-01-01', '2026-02-15']]);
  });
});
