// A quote is the invoice: POST /api/quotes prices an amendment under the
// published policies against the stored book and ledger; accepting it places
// it, and the next run bills exactly the quoted lines (charges and credits).
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

function book() {
  const b = smallBook();
  const acc = (id: string) => ({ ...b.accounts[1], id, name: `Account ${id}` });
  const ord = (id: string, accountId: string) => ({ ...b.orders[1], id, accountId });
  const op = (id: string, orderId: string) => ({ ...b.orderProducts[1], id, orderId, startDate: '2026-01-01', endDate: '2026-12-31' });
  return { accounts: [acc('A1'), acc('A2'), acc('A3')], contracts: [], orders: [ord('O1', 'A1'), ord('O2', 'A2'), ord('O3', 'A3')], orderProducts: [op('OP1', 'O1'), op('OP2', 'O2'), op('OP3', 'O3')], invoiced: [] };
}

type Line = { orderProductId: string; kind: string; periodStart: string; periodEnd: string; amount: string };
const key = (l: Line) => `${l.orderProductId} ${l.kind} ${l.periodStart}..${l.periodEnd} ${l.amount}`;

describe('quotes', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let author: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH });
    admin = t.admin;
    author = await t.as('author');
    expect((await t.http.post('/api/book').set(admin).send(book())).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const run = async (asOf: string) => {
    const started = await t.http.post('/api/billing-runs').set(admin).send({ asOf, post: true });
    expect(started.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const r = await t.http.get(`/api/billing-runs/${started.body.id}`).set(admin);
      if (r.body.status === 'completed') {
        const inv = await t.http.get(`/api/invoices?runId=${r.body.id}`).set(admin);
        return inv.body.items.flatMap((i: { lines: Line[] }) => i.lines) as Line[];
      }
      if (r.body.status === 'failed') throw new Error(r.body.error);
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('run did not finish');
  };

  test('an upgrade and a cancellation: the next run bills exactly the quoted lines', async () => {
    await run('2026-02-01'); // January and February billed for all three lines

    const upgrade = await t.http.post('/api/quotes').set(author).send({
      asOf: '2026-03-01',
      change: { type: 'quantity', orderProductId: 'OP1', quantity: '5', effectiveDate: '2026-02-15' },
    });
    expect(upgrade.status).toBe(201);
    expect(upgrade.headers.location).toBe(`/api/quotes/${upgrade.body.id}`);
    expect(upgrade.body.status).toBe('open');
    const newLine = upgrade.body.placement.orderProducts[0];
    expect(newLine).toMatchObject({ amends: 'OP1', quantity: '2', startDate: '2026-02-15' });
    expect(upgrade.body.result.lines.length).toBeGreaterThan(0);
    expect(upgrade.body.result.lines.every((l: Line) => l.orderProductId === newLine.id)).toBe(true);

    const cancel = await t.http.post('/api/quotes').set(author).send({
      asOf: '2026-03-01',
      change: { type: 'cancel', orderProductId: 'OP2', endDate: '2026-01-15' },
    });
    expect(cancel.status).toBe(201);
    const credits = cancel.body.result.lines.filter((l: Line) => l.kind === 'credit');
    expect(credits.length).toBeGreaterThan(0);
    expect(Number(cancel.body.result.total)).toBeLessThan(0);

    // the author cannot place a quote; the admin does
    expect((await t.http.post(`/api/quotes/${upgrade.body.id}/accept`).set(author)).status).toBe(403);
    for (const q of [upgrade.body, cancel.body]) {
      const accepted = await t.http.post(`/api/quotes/${q.id}/accept`).set(admin);
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('accepted');
    }
    const again = await t.http.post(`/api/quotes/${upgrade.body.id}/accept`).set(admin);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`quote ${upgrade.body.id} is accepted: only an open quote can be accepted`);

    const billed = await run('2026-03-01');
    const quoted = [...upgrade.body.result.lines, ...cancel.body.result.lines];
    const affected = new Set(quoted.map((l: Line) => l.orderProductId));
    expect(billed.filter((l) => affected.has(l.orderProductId)).map(key).sort()).toEqual(quoted.map(key).sort());
    // and the untouched line bills its March as before
    expect(billed.filter((l) => l.orderProductId === 'OP3').map(key)).toEqual(['OP3 charge 2026-03-01..2026-03-31 60.00']);
  }, 180_000);

  test('a quote whose account changed since it was priced is refused, and nothing is placed', async () => {
    const q = await t.http.post('/api/quotes').set(author).send({
      asOf: '2026-03-01',
      change: { type: 'swap', orderProductId: 'OP3', effectiveDate: '2026-06-01', product: { productCode: 'LIC-PRO', productName: 'Pro licence', unitPrice: '35.00' } },
    });
    expect(q.status).toBe(201);
    expect(q.body.placement.orderProducts.map((p: { productCode: string; endDate: string | null }) => [p.productCode, p.endDate])).toEqual([
      ['LIC-STD', '2026-05-31'],
      ['LIC-PRO', '2026-12-31'],
    ]);
    const b = book();
    expect((await t.http.post('/api/book').set(admin).send({ ...b, orderProducts: [{ ...b.orderProducts[2], quantity: '4' }], accounts: [b.accounts[2]], orders: [b.orders[2]] })).status).toBe(200);
    const refused = await t.http.post(`/api/quotes/${q.body.id}/accept`).set(admin);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/changed since quote .* was priced: quote again/);
    expect((await t.http.get(`/api/quotes/${q.body.id}`).set(author)).body.status).toBe('open');
    const rows = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM order_products WHERE product_code = 'LIC-PRO'`);
    expect(rows[0].n).toBe(0);
  }, 120_000);

  test.each([
    ['an unknown change type', { type: 'upgrade', orderProductId: 'OP1' }, 'body.change'],
    ['a quantity that is not a decimal', { type: 'quantity', orderProductId: 'OP1', quantity: 'five', effectiveDate: '2026-04-01' }, 'body.change.quantity'],
    ['a cancellation after the end', { type: 'cancel', orderProductId: 'OP1', endDate: '2027-03-01' }, 'body.change.endDate'],
    ['an effective date outside the term', { type: 'quantity', orderProductId: 'OP1', quantity: '9', effectiveDate: '2025-01-01' }, 'body.change.effectiveDate'],
  ])('400 for %s, naming the field', async (_name, change, path) => {
    const res = await t.http.post('/api/quotes').set(author).send({ asOf: '2026-03-01', change });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toContain(path);
  });

  test('404 for an unknown order product or quote', async () => {
    const res = await t.http.post('/api/quotes').set(author).send({ asOf: '2026-03-01', change: { type: 'cancel', orderProductId: 'NOPE', endDate: '2026-05-01' } });
    expect(res.status).toBe(404);
    expect((await t.http.post('/api/quotes/nope/accept').set(admin)).status).toBe(404);
  });
});
