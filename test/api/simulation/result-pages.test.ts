// Pages of a recomputed result (simulate) through the shared cursor module:
// cursors walk every item once; a cursor that is not one of ours (garbage, a
// list's keyset cursor, a forged index) is a 400 and one of another result a
// 409, both naming the cursor field.
import { encodeCursor, resultCursor, resultFingerprint } from '../../../api/common/cursor.js';
import { ProblemError } from '../../../api/common/problem.js';
import { simulationPage } from '../../../api/simulation/result-pages.js';
import type { Invoice, SimulationResult } from '../../../engine/results/index.js';

const invoice = (accountId: string): Invoice => ({ accountId, currency: 'EUR', invoiceDate: '2026-06-01', total: '10.00', lines: [] });
const result = (accounts: number): SimulationResult => ({
  asOf: '2026-06-01',
  invoices: Array.from({ length: accounts }, (_, i) => invoice(`A${String(i).padStart(3, '0')}`)),
  holds: [{ orderProductId: 'OP-held', reasons: ['manual'], policies: [] }],
  errors: [],
  warnings: [],
});

function problemOf(f: () => unknown): ProblemError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error('expected a problem');
}

describe('result pages on the shared cursor', () => {
  test('following nextCursor yields every item once, in order', () => {
    const r = result(7);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = simulationPage(r, { limit: 3, cursor });
      seen.push(...page.invoices.map((i) => i.accountId), ...page.holds.map((h) => h.orderProductId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...r.invoices.map((i) => i.accountId), 'OP-held']);
  });

  test.each([
    ['not base64url', 'not-a-cursor!'],
    ['a list keyset cursor', encodeCursor(['A001', 'x'])],
    ['index zero', encodeCursor([0, resultFingerprint(['x'])])],
    ['a fractional index', encodeCursor([1.5, resultFingerprint(['x'])])],
    ['a short fingerprint', encodeCursor([1, 'abc'])],
    ['longer than any cursor we give', 'A'.repeat(1001)],
  ])('%s is a 400 naming the path given', (_name, cursor) => {
    const p = problemOf(() => simulationPage(result(4), { limit: 2, cursor, path: 'body.cursor' }));
    expect(p.statusCode).toBe(400);
    expect(p.details).toEqual([expect.objectContaining({ path: 'body.cursor' })]);
  });

  test('a cursor of another result is a 409 naming body.cursor (the default path)', () => {
    const first = simulationPage(result(4), { limit: 2 });
    const p = problemOf(() => simulationPage(result(5), { limit: 2, cursor: first.nextCursor! }));
    expect(p.statusCode).toBe(409);
    expect(p.details).toEqual([{ path: 'body.cursor', message: 'stale cursor' }]);
  });

  test('an index past the result with its fingerprint is a 409, not an empty page', () => {
    const r = result(4);
    const keys = [...r.invoices.map((i) => `${i.accountId}\u0000${i.currency}\u0000${i.invoiceDate}`), 'h\u0000OP-held'];
    const fingerprint = resultFingerprint(keys);
    // the fingerprint is the one of this result: a cursor to its third item is accepted
    expect(simulationPage(r, { limit: 2, cursor: resultCursor.encode(2, fingerprint) }).invoices.map((i) => i.accountId)).toEqual(['A002', 'A003']);
    const p = problemOf(() => simulationPage(r, { limit: 2, cursor: resultCursor.encode(keys.length + 1, fingerprint) }));
    expect(p.statusCode).toBe(409);
  });
});
