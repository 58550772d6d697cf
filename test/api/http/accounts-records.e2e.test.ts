// Records for the editor (issue 10): accounts searched by id or name and
// filtered by currency and attribute, one account with its order products and
// invoices, invoices filtered by invoice date. Real PostgreSQL.
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

describe('account and invoice records', () => {
  let t: TestApp;
  let viewer: { Authorization: string };
  let runId: string;
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH });
    viewer = await t.as('viewer');
    const author = await t.as('author');
    const book = smallBook();
    book.accounts.push({ id: 'B7', name: 'Acme Trading Ltd', currency: 'GBP', timezone: 'Europe/London', billingDayOfMonth: null, attributes: { region: 'EMEA', segment: 'smb' } });
    expect((await t.http.post('/api/book').set(author).send(book)).status).toBe(200);
    const started = await t.http.post('/api/billing-runs').set(author).send({ asOf: '2026-03-01' }).expect(202);
    runId = started.body.id;
    for (let i = 0; i < 300; i++) {
      const run = await t.http.get(`/api/billing-runs/${runId}`).set(author);
      if (run.body.status === 'completed') break;
      if (run.body.status === 'failed') throw new Error(run.body.error);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const ids = async (query: string): Promise<string[]> =>
    (await t.http.get(`/api/accounts${query}`).set(viewer).expect(200)).body.items.map((a: { id: string }) => a.id);

  test('search by part of the name or id in any case; filter by currency and attribute; cursor pages', async () => {
    expect(await ids('?q=acme')).toEqual(['A1', 'B7']);
    expect(await ids('?q=GLOBEX')).toEqual(['A2']);
    expect(await ids('?q=b7')).toEqual(['B7']);
    expect(await ids('?q=acme&currency=GBP')).toEqual(['B7']);
    expect(await ids('?attribute=region%3DEMEA')).toEqual(['A1', 'B7']);
    expect(await ids('?attribute=segment%3Dsmb&q=acme')).toEqual(['B7']);
    expect(await ids('?q=nobody')).toEqual([]);
    const first = await t.http.get('/api/accounts?limit=1&q=acme').set(viewer).expect(200);
    expect(first.body).toMatchObject({ items: [{ id: 'A1', name: 'Acme GmbH' }], nextCursor: expect.any(String) });
    expect(await ids(`?limit=1&q=acme&cursor=${first.body.nextCursor}`)).toEqual(['B7']);
  });

  test('bad filters are 400 naming the field', async () => {
    const cur = await t.http.get('/api/accounts?currency=euro').set(viewer);
    expect(cur.status).toBe(400);
    expect(cur.body.details[0]).toMatchObject({ path: 'query.currency' });
    const attr = await t.http.get('/api/accounts?attribute=region').set(viewer);
    expect(attr.status).toBe(400);
    expect(attr.body.details[0]).toMatchObject({ path: 'query.attribute', message: expect.stringContaining('name=value') });
  });

  test('one account: its contracts, orders, order products and invoices; unknown is 404', async () => {
    const res = await t.http.get('/api/accounts/A1').set(viewer).expect(200);
    expect(res.body).toMatchObject({ id: 'A1', name: 'Acme GmbH', currency: 'EUR', contracts: [{ id: 'C1' }], orders: [{ id: 'O1' }] });
    expect(res.body.orderProducts.map((p: { id: string; productName: string }) => [p.id, p.productName])).toEqual([['OP1', 'Gold support']]);
    expect(res.body.invoices).toEqual([expect.objectContaining({ status: 'draft', number: null, currency: 'EUR', runId, invoiceDate: '2026-03-01' })]);
    expect(res.body.invoices[0].lines).toBeGreaterThan(0);
    const missing = await t.http.get('/api/accounts/NOPE').set(viewer);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("no account with id 'NOPE'");
  });

  test('invoices filter by invoice date; each line carries its words', async () => {
    const march = await t.http.get('/api/invoices?from=2026-03-01&to=2026-03-31').set(viewer).expect(200);
    expect(march.body.items.length).toBeGreaterThan(0);
    expect(march.body.items.every((i: { invoiceDate: string }) => i.invoiceDate >= '2026-03-01' && i.invoiceDate <= '2026-03-31')).toBe(true);
    expect(march.body.items[0].lines[0].explanation).toMatch(/^Bills /);
    const april = await t.http.get('/api/invoices?from=2026-04-01').set(viewer).expect(200);
    expect(april.body.items).toEqual([]);
    const bad = await t.http.get('/api/invoices?from=March').set(viewer);
    expect(bad.status).toBe(400);
  });
});
