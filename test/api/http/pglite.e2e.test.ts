// The embedded default: the same routes on PGlite (one connection, serialised
// transactions) — health, book upload, publish, simulate, a run and its invoices.
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, CONFIG_PATH, smallBook } from './fixtures.js';

describe('the API on embedded PGlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind: 'pglite', configPath: CONFIG_PATH });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  test('health reports pglite', async () => {
    const res = await t.http.get('/api/health');
    expect(res.body).toMatchObject({ status: 'ok', database: { kind: 'pglite' } });
  });

  test('book, publish, simulate, run and invoices work end to end', async () => {
    const author = await t.as('author');
    expect((await t.http.post('/api/book').set(author).send(smallBook())).body).toMatchObject({ orderProducts: 2 });
    const doc = await t.http.post('/api/policies').set(author).send({ name: 'day.policy', source: BILL_ON_FIRST });
    expect(doc.status).toBe(201);
    expect((await t.http.post(`/api/policies/${doc.body.id}/publish`).set(author).send({ message: 'v1' })).body.version).toBe(1);
    const sim = await t.http.post('/api/simulate').set(author).send({ asOf: '2026-03-01' });
    expect(sim.status).toBe(200);
    expect(sim.body.invoices.length).toBeGreaterThan(0);

    const started = await t.http.post('/api/billing-runs').set(author).send({ asOf: '2026-03-01' });
    expect(started.status).toBe(202);
    let status = '';
    for (let i = 0; i < 300 && status !== 'completed' && status !== 'failed'; i++) {
      status = (await t.http.get(`/api/billing-runs/${started.body.id}`).set(author)).body.status;
      if (status !== 'completed') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('completed');
    const invoices = await t.http.get(`/api/invoices?runId=${started.body.id}`).set(author);
    expect(invoices.body.items.map((i: { accountId: string; total: string }) => [i.accountId, i.total])).toEqual(
      sim.body.invoices.map((i: { accountId: string; total: string }) => [i.accountId, i.total]),
    );
  }, 60_000);

  test('a database failure mid-upload rolls back every table on PGlite too', async () => {
    const author = await t.as('author');
    await t.db.prisma.$executeRawUnsafe(`CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await t.db.prisma.$executeRawUnsafe('CREATE TRIGGER test_boom BEFORE INSERT ON order_products FOR EACH ROW EXECUTE FUNCTION test_boom()');
    const book = smallBook();
    book.accounts.push({ ...book.accounts[0], id: 'A-NEW' });
    book.orders.push({ ...book.orders[0], id: 'O-NEW', accountId: 'A-NEW', contractId: null });
    book.orderProducts.push({ ...book.orderProducts[0], id: 'BOOM', orderId: 'O-NEW' });
    expect((await t.http.post('/api/book').set(author).send(book)).status).toBe(500);
    const accounts = await t.http.get('/api/accounts').set(author);
    expect(accounts.body.items.map((a: { id: string }) => a.id)).not.toContain('A-NEW');
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});
