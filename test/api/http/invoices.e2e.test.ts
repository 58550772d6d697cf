import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, CONFIG_PATH, smallBook } from './fixtures.js';

async function runToCompletion(t: TestApp, auth: { Authorization: string }, asOf: string, dryRun = false): Promise<string> {
  const started = await t.http.post('/api/billing-runs').set(auth).send({ asOf, dryRun });
  expect(started.status).toBe(202);
  const id = started.body.id as string;
  for (let i = 0; i < 300; i++) {
    const run = await t.http.get(`/api/billing-runs/${id}`).set(auth);
    if (run.body.status === 'completed') return id;
    if (run.body.status === 'failed') throw new Error(`run failed: ${run.body.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('run did not finish');
}

describe('invoices over HTTP after a billing run', () => {
  let t: TestApp;
  let author: { Authorization: string };
  let viewer: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH });
    author = await t.as('author');
    viewer = await t.as('viewer');
    const doc = await t.http.post('/api/policies').set(author).send({ name: 'billing-day.policy', source: BILL_ON_FIRST });
    await t.http.post(`/api/policies/${doc.body.id}/publish`).set(author).send({ message: 'v1' });
    expect((await t.http.post('/api/book').set(author).send(smallBook())).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  test('a run writes the invoices the simulation predicted; list, one and CSV agree', async () => {
    const simulated = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-03-01' });
    expect(simulated.status).toBe(200);
    const runId = await runToCompletion(t, author, '2026-03-01');

    const list = await t.http.get(`/api/invoices?runId=${runId}`).set(viewer);
    expect(list.status).toBe(200);
    // the stored invoice adds its identity and lifecycle
    const strip = (inv: Record<string, unknown>) => {
      const { id: _id, runId: _r, dryRun: _d, createdAt: _c, status, number, postedAt, voidedAt: _v, voidReason: _vr, creditNote: _cn, ...rest } = inv;
      expect({ status, number, postedAt }).toEqual({ status: 'draft', number: null, postedAt: null });
      return rest;
    };
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map(strip)).toEqual(simulated.body.invoices);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((i: { runId: string; dryRun: boolean }) => i.runId === runId && i.dryRun === false)).toBe(true);

    const one = await t.http.get(`/api/invoices/${list.body.items[0].id}`).set(viewer);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.body.items[0]);

    const byAccount = await t.http.get(`/api/invoices?runId=${runId}&accountId=A2`).set(viewer);
    expect(byAccount.body.items.map((i: { accountId: string }) => i.accountId)).toEqual(['A2']);

    const csv = await t.http.get(`/api/invoices.csv?runId=${runId}`).set(viewer);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('invoiceId,runId,accountId,currency,invoiceDate,invoiceTotal,orderProductId,periodStart,periodEnd,billingDate,quantity,unitPrice,prorationFactor,amount,dryRun');
    const lineCount = list.body.items.reduce((n: number, i: { lines: unknown[] }) => n + i.lines.length, 0);
    expect(rows).toHaveLength(1 + lineCount);
    const first = list.body.items[0];
    expect(rows[1].split(',')).toEqual(
      expect.arrayContaining([first.id, first.accountId, first.currency, first.total, first.lines[0].orderProductId, first.lines[0].amount]),
    );
  });

  test('a second run for the same date bills nothing new', async () => {
    const runId = await runToCompletion(t, author, '2026-03-01');
    const list = await t.http.get(`/api/invoices?runId=${runId}`).set(viewer);
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  test('404 for an unknown invoice, 400 for an unknown query parameter, 401 without a key', async () => {
    expect((await t.http.get('/api/invoices/nope').set(viewer)).status).toBe(404);
    const bad = await t.http.get('/api/invoices?runid=x').set(viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('query');
    expect((await t.http.get('/api/invoices')).status).toBe(401);
    expect((await t.http.get('/api/invoices.csv')).status).toBe(401);
  });

  test('audit log records the book upload and the run starts', async () => {
    const actions = (await t.db.prisma.auditLog.findMany({ select: { action: true } })).map((r) => r.action);
    expect(actions).toContain('book.upload');
  });
});
