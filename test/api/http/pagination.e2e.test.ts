// Cursor pagination on every list route: following nextCursor across a list
// bigger than a page yields every item exactly once, in the order of the whole
// list; a cursor that was not handed out (or belongs to another list) and a
// limit past the maximum are 400s naming the parameter.
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import type { OrderProduct } from '../../../engine/book/book-types.js';
import type { ResponseMismatch } from '../../../api/common/response-check.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, CONFIG_PATH, HOLD_EMEA, smallBook } from './fixtures.js';

type Item = Record<string, unknown>;

/** Eight accounts: A1-A4 in EMEA without a PO (held by HOLD_EMEA), A5-A8 billed. */
function eightAccounts() {
  const base = smallBook();
  const account = base.accounts[0];
  const order = base.orders[0];
  const line = base.orderProducts[1];
  const ids = [1, 2, 3, 4, 5, 6, 7, 8];
  return {
    accounts: ids.map((i) => ({ ...account, id: `A${i}`, name: `Account ${i}`, attributes: { region: i <= 4 ? 'EMEA' : 'AMER' } })),
    contracts: [],
    orders: ids.map((i) => ({ ...order, id: `O${i}`, accountId: `A${i}`, contractId: null, poNumber: null })),
    orderProducts: ids.map((i) => ({ ...line, id: `OP${i}`, orderId: `O${i}` })),
    invoiced: [],
  };
}

describe('cursor pagination on every list', () => {
  let t: TestApp;
  let runIds: string[];
  let hookIds: string[];
  const mismatches: ResponseMismatch[] = [];

  const get = (path: string) => t.http.get(path).set(t.admin);

  async function runToEnd(asOf: string): Promise<string> {
    const started = await t.http.post('/api/billing-runs').set(t.admin).send({ asOf }).expect(202);
    for (let i = 0; i < 600; i++) {
      const run = await get(`/api/billing-runs/${started.body.id}`);
      if (run.body.status === 'completed') return started.body.id as string;
      if (run.body.status === 'failed') throw new Error(`run failed: ${run.body.error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('run did not finish');
  }

  /** Every page of `path` with `limit`: the items' keys in order, and how many pages. */
  async function walk(path: string, limit: number, key: (item: Item) => string) {
    const keys: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      keys.push(...(res.body.items as Item[]).map(key));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor !== null && pages < 100);
    return { keys, pages };
  }

  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH, onResponseMismatch: (m) => mismatches.push(m) });
    for (const [name, source] of [['day.policy', BILL_ON_FIRST], ['hold.policy', HOLD_EMEA]]) {
      const doc = await t.http.post('/api/policies').set(t.admin).send({ name, source }).expect(201);
      await t.http.post(`/api/policies/${doc.body.id}/publish`).set(t.admin).send({ message: 'v1' }).expect(201);
    }
    for (const n of [1, 2, 3]) await t.http.post('/api/policies').set(t.admin).send({ name: `draft-${n}.policy`, source: BILL_ON_FIRST }).expect(201);
    for (const n of [1, 2, 3, 4]) await t.http.post('/api/keys').set(t.admin).send({ name: `key ${n}`, role: 'viewer' }).expect(201);
    hookIds = [];
    for (const n of [1, 2, 3]) {
      const hook = await t.http.post('/api/webhooks').set(t.admin).send({ url: `http://127.0.0.1:9/hook-${n}`, events: ['run.completed'] }).expect(201);
      hookIds.push(hook.body.id as string);
    }
    const book = eightAccounts();
    await t.http.post('/api/book').set(t.admin).send(book).expect(200);
    // three lines whose amount cannot be stored: one evaluation error each per run
    const huge = [1, 2, 3].map((i) => ({ ...book.orderProducts[5], id: `OP-HUGE-${i}`, quantity: '99999999999999', unitPrice: '99999999999999999999' }));
    await insertBookRows(t.db.prisma, { orderProducts: huge as unknown as OrderProduct[] });
    runIds = [];
    for (const asOf of ['2026-03-01', '2026-04-01', '2026-05-01']) runIds.push(await runToEnd(asOf));
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const byId = (i: Item) => String(i.id);
  const LISTS: [string, () => string, number, (i: Item) => string][] = [
    ['invoices', () => '/api/invoices', 5, byId],
    ['invoices of a run', () => `/api/invoices?runId=${runIds[1]}`, 3, byId],
    ['billing runs', () => '/api/billing-runs', 2, byId],
    ['holds of a run', () => `/api/billing-runs/${runIds[0]}/holds`, 3, (i) => String(i.orderProductId)],
    ['errors of a run', () => `/api/billing-runs/${runIds[0]}/errors`, 2, (i) => `${String(i.orderProductId)} ${String(i.code)}`],
    ['API keys', () => '/api/keys', 2, byId],
    ['webhooks', () => '/api/webhooks', 2, byId],
    ['deliveries', () => `/api/webhooks/${hookIds[0]}/deliveries`, 2, byId],
    ['policies', () => '/api/policies', 2, byId],
    ['audit', () => '/api/audit', 7, byId],
    ['accounts', () => '/api/accounts', 3, byId],
    ['order products', () => '/api/order-products', 4, byId],
  ];

  test.each(LISTS)('%s: every item exactly once across pages, in list order', async (_name, path, limit, key) => {
    const whole = await get(`${path()}${path().includes('?') ? '&' : '?'}limit=500`);
    expect(whole.status).toBe(200);
    expect(whole.body.nextCursor).toBeNull();
    const all = (whole.body.items as Item[]).map(key);
    expect(all.length).toBeGreaterThan(limit);
    const { keys, pages } = await walk(path(), limit, key);
    expect(pages).toBe(Math.ceil(all.length / limit));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(all);
  });

  test('the lists hold what the setup made', async () => {
    expect((await get(`/api/billing-runs/${runIds[0]}/holds?limit=500`)).body.items.map((h: Item) => h.orderProductId)).toEqual(['OP1', 'OP2', 'OP3', 'OP4']);
    expect((await get(`/api/billing-runs/${runIds[0]}/errors?limit=500`)).body.items).toHaveLength(3);
    expect((await get(`/api/webhooks/${hookIds[0]}/deliveries?limit=500`)).body.items).toHaveLength(3);
    expect((await get('/api/keys?limit=500')).body.items).toHaveLength(5);
  });

  test('every page matched its documented schema', () => {
    expect(mismatches).toEqual([]);
  });

  test.each(LISTS)('%s: a foreign or forged cursor and a limit past the maximum are 400s naming the parameter', async (_name, path) => {
    const sep = path().includes('?') ? '&' : '?';
    const forged = Buffer.from(JSON.stringify(['2026-02-31T00:00:00.000000Z', 'x', 'y', 'z']), 'utf8').toString('base64url');
    for (const cursor of ['not a cursor', 'bm9wZQ', forged, Buffer.from('[1e999]').toString('base64url')]) {
      const res = await get(`${path()}${sep}cursor=${encodeURIComponent(cursor)}`);
      expect([cursor, res.status]).toEqual([cursor, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    }
    const tooMany = await get(`${path()}${sep}limit=100000`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: 'query.limit' })]);
  });
});
