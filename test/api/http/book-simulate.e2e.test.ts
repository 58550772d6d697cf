import { checkDocuments } from '../../../dsl/index.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { compareSimulations } from '../../../engine/plan/impact.js';
import type { PolicySource } from '../../../engine/plan/plan-adapter.js';
import { simulate } from '../../../engine/plan/planner.js';
import { explainSimulation } from '../../../engine/explain/explain-simulation.js';
import { loadProject } from '../../../api/config/load-project.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, CONFIG_PATH, HOLD_EMEA, smallBook } from './fixtures.js';

async function direct(sources: { file: string; text: string }[], book: ReturnType<typeof smallBook>, asOf: string, versions: Record<string, number> = {}) {
  const project = await loadProject({ cwd: process.cwd(), configPath: CONFIG_PATH });
  const model = checkDocuments(sources, project.registry.vocabulary());
  expect(model.hasErrors).toBe(false);
  const set = compilePolicies(model, project.registry, { versions });
  return simulate(book as never, asOf, set as unknown as PolicySource, project.registry);
}

describe('order book, simulation, impact and timeline over HTTP', () => {
  let t: TestApp;
  let author: { Authorization: string };
  let viewer: { Authorization: string };
  let holdsId: string;
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH });
    author = await t.as('author');
    viewer = await t.as('viewer');
    const created = await t.http.post('/api/policies').set(author).send({ name: 'holds.policy', source: HOLD_EMEA });
    holdsId = created.body.id;
    await t.http.post(`/api/policies/${holdsId}/publish`).set(author).send({ message: 'v1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('POST /api/book validates, upserts all or nothing, and returns counts', async () => {
    const res = await t.http.post('/api/book').set(author).send(smallBook());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accounts: 2, contracts: 1, orders: 2, orderProducts: 2, invoiced: 1 });
    const again = await t.http.post('/api/book').set(author).send(smallBook());
    expect(again.body.invoiced).toBe(0);
    const summary = await t.http.get('/api/book/summary').set(viewer);
    expect(summary.body).toMatchObject({ accounts: 2, orderProducts: 2, invoiced: 1, currencies: ['EUR', 'USD'] });
  });

  test('upload upserts by id: a changed price replaces the stored one', async () => {
    const book = smallBook();
    book.orderProducts[1].unitPrice = '25.50';
    await t.http.post('/api/book').set(author).send(book);
    const list = await t.http.get('/api/order-products?accountId=A2').set(viewer);
    expect(list.body.items).toEqual([expect.objectContaining({ id: 'OP2', unitPrice: '25.5', accountId: 'A2' })]);
    await t.http.post('/api/book').set(author).send(smallBook());
  });

  test.each([
    ['a bad decimal', (b: ReturnType<typeof smallBook>) => { (b.orderProducts[0] as { quantity: unknown }).quantity = 'ten'; }, 'orderProducts[0].quantity'],
    ['an unknown account', (b: ReturnType<typeof smallBook>) => { b.orders[1].accountId = 'NOPE'; }, 'orders[1].accountId'],
    ['a quantity too large to store', (b: ReturnType<typeof smallBook>) => { b.orderProducts[1].quantity = '123456789012345678'; }, 'orderProducts[1].quantity'],
    ['a price with too many decimals', (b: ReturnType<typeof smallBook>) => { b.orderProducts[0].unitPrice = '1.12345678901'; }, 'orderProducts[0].unitPrice'],
    ['an impossible date', (b: ReturnType<typeof smallBook>) => { b.contracts[0].startDate = '2026-02-30'; }, 'contracts[0].startDate'],
  ])('400 names the JSON path of %s and writes nothing', async (_name, mutate, path) => {
    const book = smallBook();
    book.accounts.push({ ...book.accounts[0], id: 'A-NEW' });
    mutate(book);
    const res = await t.http.post('/api/book').set(author).send(book);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(res.body.message).toContain(path);
    const accounts = await t.http.get('/api/accounts').set(viewer);
    expect(accounts.body.items.map((a: { id: string }) => a.id)).not.toContain('A-NEW');
  });

  test('a database failure in the middle of an upload rolls back every table (all or nothing)', async () => {
    // A trigger makes the order_products statement fail after accounts, contracts and orders were written.
    await t.db.prisma.$executeRawUnsafe(`CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await t.db.prisma.$executeRawUnsafe('CREATE TRIGGER test_boom BEFORE INSERT ON order_products FOR EACH ROW EXECUTE FUNCTION test_boom()');
    try {
      const book = smallBook();
      book.accounts.push({ ...book.accounts[0], id: 'A-ROLLBACK' });
      book.orders.push({ ...book.orders[0], id: 'O-ROLLBACK', accountId: 'A-ROLLBACK', contractId: null });
      book.orderProducts.push({ ...book.orderProducts[0], id: 'BOOM', orderId: 'O-ROLLBACK' });
      const res = await t.http.post('/api/book').set(author).send(book);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        type: 'urn:proviso:problem:internal',
        title: 'Internal Server Error',
        status: 500,
        detail: res.body.message,
        instance: '/api/book',
        statusCode: 500,
        error: 'Internal Server Error',
        message: expect.any(String),
      });
      const ids = (await t.db.prisma.account.findMany({ select: { id: true } })).map((a) => a.id);
      expect(ids).not.toContain('A-ROLLBACK');
      expect(await t.db.prisma.order.count({ where: { id: 'O-ROLLBACK' } })).toBe(0);
      expect(await t.db.prisma.auditLog.count({ where: { action: 'book.upload', detail: { path: ['accounts'], equals: 3 } } })).toBe(0);
    } finally {
      await t.db.prisma.$executeRawUnsafe('DROP TRIGGER test_boom ON order_products');
      await t.db.prisma.$executeRawUnsafe('DROP FUNCTION test_boom()');
    }
  });

  test('lists: accounts and order products with keyset cursors', async () => {
    const first = await t.http.get('/api/order-products?limit=1').set(viewer);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual(['OP1']);
    const next = await t.http.get(`/api/order-products?limit=1&cursor=${first.body.nextCursor}`).set(viewer);
    expect(next.body.items.map((p: { id: string }) => p.id)).toEqual(['OP2']);
    expect((await t.http.get('/api/order-products?limit=0').set(viewer)).status).toBe(400);
    const acc = await t.http.get('/api/accounts').set(viewer);
    expect(acc.body.items[0]).toMatchObject({ id: 'A1', currency: 'EUR', attributes: { region: 'EMEA' } });
  });

  test('POST /api/simulate on the stored book and published policies equals the engine called directly', async () => {
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-04-01' });
    expect(res.status).toBe(200);
    const expected = await direct([{ file: 'holds.policy', text: HOLD_EMEA }], smallBook(), '2026-04-01', { 'Hold EMEA until PO': 1 });
    // the API adds each hold's and line's words (engine/explain)
    const explained = explainSimulation(expected);
    // one page holds the whole (small) result: no cursor, totals of it
    const { totals, nextCursor, ...page } = res.body;
    expect(page).toEqual(JSON.parse(JSON.stringify(explained)));
    expect(nextCursor).toBeNull();
    expect(totals).toMatchObject({ invoices: expected.invoices.length, holds: 1, errors: 0 });
    expect(res.body.holds[0].explanation).toBe('Held by policy "Hold EMEA until PO" v1: Awaiting purchase order.');
    expect(res.body.holds.map((h: { orderProductId: string }) => h.orderProductId)).toEqual(['OP1']);
    expect(res.body.invoices.map((i: { accountId: string }) => i.accountId)).toEqual(['A2']);
  });

  test('simulate with a given source and book uses them instead', async () => {
    const book = smallBook();
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-03-01', source: BILL_ON_FIRST, book });
    expect(res.status).toBe(200);
    const expected = await direct([{ file: 'simulation.policy', text: BILL_ON_FIRST }], book, '2026-03-01');
    const { totals: _totals, nextCursor, ...page } = res.body;
    expect(page).toEqual(JSON.parse(JSON.stringify(explainSimulation(expected))));
    expect(nextCursor).toBeNull();
    expect(res.body.invoices[0].lines[0].explanation).toMatch(/^Bills \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} on /);
  });

  test('simulate restricted to accountIds', async () => {
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-04-01', accountIds: ['A2'] });
    expect(res.body.invoices.every((i: { accountId: string }) => i.accountId === 'A2')).toBe(true);
    expect(res.body.holds).toEqual([]);
  });

  test.each([
    ['missing asOf', {}, 'body.asOf'],
    ['asOf not a date', { asOf: '2026-13-01' }, 'body.asOf'],
    ['bad book', { asOf: '2026-03-01', book: { accounts: 'x' } }, 'book.accounts'],
  ])('simulate 400: %s', async (_name, body, path) => {
    const res = await t.http.post('/api/simulate').set(viewer).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  test('simulate with a source that has errors is a 422 with diagnostics', async () => {
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-03-01', source: 'policy "x" { when nope = 1 hold billing }' });
    expect(res.status).toBe(422);
    expect(res.body.details[0]).toMatchObject({ severity: 'error' });
  });

  test('POST /api/impact compares published with drafts applied', async () => {
    const release = HOLD_EMEA.replace('order.type = "new"', 'order.type = "renewal"');
    const res = await t.http.post('/api/impact').set(viewer).send({ asOf: '2026-04-01', drafts: [{ id: holdsId, name: 'holds.policy', source: release }] });
    expect(res.status).toBe(200);
    const before = await direct([{ file: 'holds.policy', text: HOLD_EMEA }], smallBook(), '2026-04-01', { 'Hold EMEA until PO': 1 });
    const after = await direct([{ file: 'holds.policy', text: release }], smallBook(), '2026-04-01');
    const { counts, nextCursor, names, ...impact } = res.body;
    const expected = compareSimulations(before, after);
    expect(impact).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(counts).toEqual({
      added: expected.added.length,
      removed: expected.removed.length,
      changed: expected.changed.length,
      credits: expected.credits.length,
      rebilled: expected.rebilled.length,
      newErrors: expected.newErrors.length,
      newlyHeld: expected.newlyHeld.length,
      released: expected.released.length,
      perAccount: expected.perAccount.length,
    });
    expect(nextCursor).toBeNull();
    expect(res.body.released).toEqual(['OP1']);
    // every id the page mentions comes with its name: OP1 (released, lines) and its account
    expect(names.orderProducts.OP1).toEqual({ productName: 'Gold support', productCode: 'SUP-GOLD', accountId: 'A1' });
    expect(names.accounts.A1).toBe('Acme GmbH');
    const mentioned = new Set([...impact.added, ...impact.removed, ...impact.changed.map((c: { after: unknown }) => c.after)].map((l: { orderProductId: string }) => l.orderProductId));
    for (const id of [...mentioned, ...impact.released, ...impact.newlyHeld]) expect(Object.keys(names.orderProducts)).toContain(id);
    for (const a of impact.perAccount as { accountId: string }[]) expect(Object.keys(names.accounts)).toContain(a.accountId);
  });

  test('GET /api/order-products/:id/timeline', async () => {
    const res = await t.http.get('/api/order-products/OP2/timeline?from=2026-02-01&months=3').set(viewer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderProductId: 'OP2', from: '2026-02-01', currency: 'USD' });
    expect(res.body.periods.map((p: { start: string }) => p.start)).toEqual(['2026-02-01', '2026-03-01', '2026-04-01']);
    expect((await t.http.get('/api/order-products/NOPE/timeline').set(viewer)).status).toBe(404);
    expect((await t.http.get('/api/order-products/OP2/timeline?months=0').set(viewer)).status).toBe(400);
  });

  test('POST /api/impact without drafts applies every unpublished draft', async () => {
    const draft = await t.http
      .post('/api/policies')
      .set(author)
      .send({ name: 'hold-usd.policy', source: 'policy "Hold USD" {\n  when account.currency = "USD"\n  hold billing reason "USD review"\n}\n' });
    expect(draft.status).toBe(201);
    expect(draft.body.diagnostics).toEqual([]);
    const res = await t.http.post('/api/impact').set(viewer).send({ asOf: '2026-04-01' });
    expect(res.status).toBe(200);
    expect(res.body.newlyHeld).toEqual(['OP2']);
    expect(res.body.names.orderProducts.OP2).toEqual({ productName: 'Standard licence', productCode: 'LIC-STD', accountId: 'A2' });
    expect(res.body.names.accounts.A2).toBe('Globex Inc');
    expect(res.body.removed.map((l: { orderProductId: string }) => l.orderProductId)).toContain('OP2');
  });
});
