// A book of a few thousand order products goes in through the HTTP route in
// one transaction of set-based statements (not row by row), and reads back
// equal to what was sent. Not a timing test: the counts and the round trip are
// the assertions; bench/ measures speed.
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('uploading a demo book of 3,000 order products', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('stores every row and the stored book equals the uploaded one', async () => {
    const book = generateDemoBook({ orderProducts: 3000, seed: 7 });
    const started = Date.now();
    const res = await t.http.post('/api/book').set(t.admin).send(book);
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accounts: book.accounts.length, orderProducts: 3000 });
    process.stdout.write(`book upload: 3000 order products in ${ms} ms\n`);

    const { BookRepository } = await import('../../../api/book/book.repository.js');
    const stored = await t.app.get(BookRepository).loadAll();
    const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(stored.accounts)).toEqual(byId(book.accounts));
    expect(byId(stored.contracts)).toEqual(byId(book.contracts));
    expect(byId(stored.orders)).toEqual(byId(book.orders));
    const norm = (p: (typeof book.orderProducts)[number]) => ({ ...p, quantity: String(Number(p.quantity)), unitPrice: Number(p.unitPrice).toFixed(2) });
    expect(byId(stored.orderProducts).map(norm)).toEqual(byId(book.orderProducts).map(norm));
    expect(stored.invoiced.length).toBe(new Set(book.invoiced.map((i) => `${i.orderProductId}|${i.periodStart}`)).size);
  }, 120_000);

  test('the range loader returns a product with its order, account, contract, original and billed periods', async () => {
    const { BookRepository } = await import('../../../api/book/book.repository.js');
    const repo = t.app.get(BookRepository);
    const all = await repo.loadAll();
    const amendment = all.orderProducts.find((p) => p.amends !== null);
    expect(amendment).toBeDefined();
    const slice = await repo.loadRange(amendment!.id, amendment!.id);
    expect(slice.ids).toEqual([amendment!.id]);
    expect(slice.book.orderProducts.map((p) => p.id).sort()).toEqual([amendment!.amends!, amendment!.id].sort());
    const order = all.orders.find((o) => o.id === amendment!.orderId)!;
    expect(slice.book.orders.map((o) => o.id)).toContain(order.id);
    expect(slice.book.accounts.map((a) => a.id)).toContain(order.accountId);
    const pages = [];
    for await (const page of repo.streamRange(all.orderProducts[0].id, all.orderProducts[99].id, 30)) pages.push(page.ids.length);
    expect(pages).toEqual([30, 30, 30, 10]);
  });
});
