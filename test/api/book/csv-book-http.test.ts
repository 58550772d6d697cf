// POST /api/book/csv: multipart files, the same rules as the CLI; a dry run
// reports and writes nothing; a bad file is a 400 naming file, row, column, value.
import { bookToCsvFiles } from '../../../api/book/csv/csv-book-writer.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('POST /api/book/csv', () => {
  let t: TestApp;
  const book = generateDemoBook({ orderProducts: 60, seed: 5 });
  const files = bookToCsvFiles(book);
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false });
  }, 60_000);
  afterAll(async () => t?.close());

  const post = (query: string, f: Record<string, string>, headers: Record<string, string>) => {
    let req = t.http.post(`/api/book/csv${query}`).set(headers);
    for (const [name, text] of Object.entries(f)) req = req.attach(name, Buffer.from(text), name);
    return req;
  };

  test('a viewer may not upload', async () => {
    const res = await post('', files, await t.as('viewer'));
    expect(res.status).toBe(403);
  });

  test('dry run, then import, then a dry run that finds nothing to change', async () => {
    const dry = await post('?dryRun=true', files, t.admin);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, changes: { orderProducts: { created: 60, updated: 0, unchanged: 0 } } });
    expect(await t.db.prisma.orderProduct.count()).toBe(0);

    const real = await post('', files, t.admin);
    expect(real.status).toBe(200);
    expect(real.body.changes.orderProducts.created).toBe(60);
    expect(await t.db.prisma.orderProduct.count()).toBe(60);

    const again = await post('?dryRun=true', files, t.admin);
    expect(again.body.changes.orderProducts).toEqual({ created: 0, updated: 0, unchanged: 60 });
  });

  test('a bad cell is a 400 naming file, row, column and value; nothing is written', async () => {
    const before = await t.db.prisma.account.count();
    const bad = { ...files, 'accounts.csv': bookToCsvFiles({ ...book, accounts: [...book.accounts, { ...book.accounts[0], id: 'A-NEW', currency: 'euro' }] })['accounts.csv'] };
    const res = await post('', bad, t.admin);
    expect(res.status).toBe(400);
    const rows = files['accounts.csv'].trimEnd().split('\n').length + 1;
    expect(res.body.details).toEqual([expect.objectContaining({ file: 'accounts.csv', row: rows, column: 'currency', value: 'euro' })]);
    expect(res.body.message).toContain(`accounts.csv:${rows}: currency = "euro"`);
    expect(await t.db.prisma.account.count()).toBe(before);
  });

  test('an unknown file name or a missing required file is a 400', async () => {
    const res = await post('', { 'customers.csv': 'id\n' }, t.admin);
    expect(res.status).toBe(400);
    expect(res.body.details[0].message).toContain('"customers.csv" is not a CSV book file');
    const missing = await post('', { 'accounts.csv': files['accounts.csv'] }, t.admin);
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { file: string }) => d.file)).toEqual(['contracts.csv', 'orders.csv']);
  });
});
