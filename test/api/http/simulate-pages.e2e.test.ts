// Simulate and impact answers are bounded: one page of invoices (or impact
// lines) with totals of the whole result and a cursor; following the cursors
// yields every item exactly once and the totals are their exact sum.
import { Decimal } from 'decimal.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const BOOK = generateDemoBook({ orderProducts: 5000, seed: 13 });
const AS_OF = '2026-06-01';
const DAY_15 = 'policy "Bill on the 15th" {\n  billing day of month 15\n}\n';

interface Invoice {
  accountId: string;
  currency: string;
  invoiceDate: string;
  total: string;
  lines: unknown[];
}
interface Page {
  invoices: Invoice[];
  holds: { orderProductId: string }[];
  errors: unknown[];
  warnings: unknown[];
  totals: { invoices: number; lines: number; holds: number; errors: number; warnings: number; amounts: { currency: string; total: string }[] };
  nextCursor: string | null;
}

describe('bounded simulate and impact answers', () => {
  let t: TestApp;
  let viewer: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false });
    viewer = await t.as('viewer');
    await insertBookRows(t.db.prisma, BOOK);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const simulate = (extra: object) => t.http.post('/api/simulate').set(viewer).send({ asOf: AS_OF, ...extra });

  test('a large book: a bounded first page, cursors yield every invoice once, totals equal the sum', async () => {
    const first = await simulate({});
    expect(first.status).toBe(200);
    const page0 = first.body as Page;
    expect(page0.totals.invoices).toBeGreaterThan(500);
    expect(page0.invoices).toHaveLength(500); // the default limit
    expect(typeof page0.nextCursor).toBe('string');

    // the first page is all invoices: holds, errors and warnings come after them
    expect(page0.holds).toEqual([]);
    expect(page0.errors).toEqual([]);

    const seen: Invoice[] = [];
    const held: string[] = [];
    let errors = 0;
    let warnings = 0;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await simulate({ limit: 250, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const page = res.body as Page;
      // every part of the answer together stays within the limit
      expect(page.invoices.length + page.holds.length + page.errors.length + page.warnings.length).toBeLessThanOrEqual(250);
      expect(page.totals).toEqual(page0.totals);
      seen.push(...page.invoices);
      held.push(...page.holds.map((x) => x.orderProductId));
      errors += page.errors.length;
      warnings += page.warnings.length;
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const items = page0.totals.invoices + page0.totals.holds + page0.totals.errors + page0.totals.warnings;
    expect(pages).toBe(Math.ceil(items / 250));
    expect(page0.totals.holds).toBeGreaterThan(0);
    expect(held).toHaveLength(page0.totals.holds);
    expect(new Set(held).size).toBe(held.length);
    expect(errors).toBe(page0.totals.errors);
    expect(warnings).toBe(page0.totals.warnings);

    const keys = seen.map((i) => `${i.accountId}|${i.currency}|${i.invoiceDate}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(seen).toHaveLength(page0.totals.invoices);
    // the first page of 500 is the start of the same order
    expect(page0.invoices.map((i) => i.accountId)).toEqual(seen.slice(0, 500).map((i) => i.accountId));
    expect(seen.reduce((n, i) => n + i.lines.length, 0)).toBe(page0.totals.lines);
    const sums = new Map<string, Decimal>();
    for (const i of seen) sums.set(i.currency, (sums.get(i.currency) ?? new Decimal(0)).plus(i.total));
    expect(page0.totals.amounts.map((a) => a.currency)).toEqual([...sums.keys()].sort());
    for (const a of page0.totals.amounts) {
      expect(a.total).toMatch(/^-?\d+(\.\d+)?$/);
      expect(new Decimal(a.total).equals(sums.get(a.currency)!)).toBe(true);
    }
  }, 180_000);

  test.each([
    ['zero', 0],
    ['over the maximum', 5001],
    ['a fraction', 1.5],
    ['text', '10 please'],
  ])('limit %s is a 400 naming body.limit', async (_name, limit) => {
    const res = await simulate({ limit, source: 'policy "x" {\n  billing day of month 1\n}\n', book: { accounts: [], orderProducts: [] } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.limit' })]));
  });

  test('a cursor the API did not give is a 400; one of another result is a 409, both naming body.cursor', async () => {
    const garbage = await simulate({ cursor: 'not-a-cursor!' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.details).toEqual([expect.objectContaining({ path: 'body.cursor' })]);
    const few = BOOK.accounts.slice(0, 40).map((a) => a.id);
    const small = await simulate({ accountIds: few, limit: 5 });
    expect(small.status).toBe(200);
    expect(small.body.totals.invoices).toBeGreaterThan(5);
    // the same cursor against a different result (all accounts): refused, not a wrong page
    const stale = await simulate({ cursor: small.body.nextCursor, limit: 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toEqual([{ path: 'body.cursor', message: 'stale cursor' }]);
  }, 120_000);

  test('impact: every list paged in one sequence (lines, credits, new errors, holds, per-account deltas), every item once, counts of the whole result', async () => {
    const drafts = [{ name: 'day-15.policy', source: DAY_15 }];
    const full = await t.http.post('/api/impact').set(viewer).send({ asOf: AS_OF, drafts, limit: 5000 });
    expect(full.status).toBe(200);
    const counts = full.body.counts as Record<string, number>;
    const lists = ['added', 'removed', 'changed', 'credits', 'rebilled', 'newErrors', 'newlyHeld', 'released', 'perAccount'] as const;
    const all = lists.reduce((n, k) => n + counts[k], 0);
    // tens of thousands of lines: pages of 5000 cross from added to removed to changed
    expect(counts.added + counts.removed + counts.changed).toBeGreaterThan(15_000);
    expect(counts.perAccount).toBeGreaterThan(0);
    expect(lists.reduce((n, k) => n + (full.body[k] as unknown[]).length, 0)).toBe(5000);
    const seen: string[] = [];
    const per: Record<string, number> = Object.fromEntries(lists.map((k) => [k, 0]));
    let cursor: string | null = null;
    do {
      const res = await t.http.post('/api/impact').set(viewer).send({ asOf: AS_OF, drafts, limit: 5000, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const { added, removed, changed } = res.body as { added: { orderProductId: string; periodStart: string; kind: string }[]; removed: typeof added; changed: { after: (typeof added)[0] }[] };
      // every list of the answer together stays within the limit
      expect(lists.reduce((n, k) => n + (res.body[k] as unknown[]).length, 0)).toBeLessThanOrEqual(5000);
      expect(res.body.counts).toEqual(counts);
      expect(res.body.total).toEqual(full.body.total);
      for (const k of lists) per[k] += (res.body[k] as unknown[]).length;
      // each page names every order product and account it mentions (and nothing else)
      const names = res.body.names as { accounts: Record<string, string>; orderProducts: Record<string, { accountId: string }> };
      const products = new Set<string>([
        ...[...added, ...removed, ...changed.map((c) => c.after), ...(res.body.credits as typeof added), ...(res.body.rebilled as typeof added)].map((l) => l.orderProductId),
        ...(res.body.newErrors as { orderProductId: string }[]).map((e) => e.orderProductId),
        ...(res.body.newlyHeld as string[]),
        ...(res.body.released as string[]),
      ]);
      expect(new Set(Object.keys(names.orderProducts))).toEqual(products);
      const accounts = new Set([...(res.body.perAccount as { accountId: string }[]).map((a) => a.accountId), ...Object.values(names.orderProducts).map((p) => p.accountId)]);
      for (const a of accounts) expect(typeof names.accounts[a]).toBe('string');
      for (const [side, l] of [...added.map((l) => ['+', l] as const), ...removed.map((l) => ['-', l] as const), ...changed.map((c) => ['~', c.after] as const)]) {
        seen.push(`${side}${l.orderProductId}|${l.kind}|${l.periodStart}`);
      }
      for (const a of res.body.perAccount as { accountId: string; currency: string }[]) seen.push(`a${a.accountId}|${a.currency}`);
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(counts.added + counts.removed + counts.changed + counts.perAccount);
    expect(per).toEqual(counts);
    expect(Object.values(per).reduce((n, v) => n + v, 0)).toBe(all);
  }, 180_000);
});
