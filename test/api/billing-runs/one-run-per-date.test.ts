// One run per date at a time, reading one consistent book: concurrent starts
// for a date give one run (the others 409 with its id), a book upload during
// a real run is refused naming the run, and a product inserted between two
// chunks' planned bounds is billed by exactly one chunk (the loader reads the
// planner's (afterId, lastId] ranges).
import { BillingRunsRepository } from '../../../api/billing-runs/billing-runs.repository.js';
import { RunWorker } from '../../../api/billing-runs/billing-runs.worker.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import type { RunPolicies } from '../../../api/billing-runs/run-policies.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { smallBook } from '../http/fixtures.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { startRunApp, type RunApp } from './support/run-app.js';
import { simplePlanner, syntheticBook } from './support/simple-planner.js';

describe.each(DATABASE_KINDS)('one run per date on %s', (kind) => {
  let tdb: TestDatabase;
  let t: RunApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    t = await startRunApp(tdb.options, { PROVISO_WORKER: 'off' });
    admin = { Authorization: `Bearer ${t.adminKey}` };
  });
  afterAll(async () => {
    await t?.close();
    await tdb?.drop();
  });

  test('three concurrent starts for one date give one run; the others get 409 with its id', async () => {
    const results = await Promise.all([0, 1, 2].map(() => t.http.post('/api/billing-runs').set(admin).send({ asOf: '2026-11-01' })));
    const created = results.filter((r) => r.status === 202);
    const refused = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(2);
    const id = created[0].body.id as string;
    for (const r of refused) {
      expect(r.body.details).toEqual({ runId: id, status: 'queued' });
      expect(r.body.message).toContain(id);
    }
    const [n] = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM billing_runs WHERE as_of = '2026-11-01'`);
    expect(n.n).toBe(1);
  });

  test('a dry run and a run for another date are still allowed beside it', async () => {
    await t.http.post('/api/billing-runs').set(admin).send({ asOf: '2026-11-01', dryRun: true }).expect(202);
    await t.http.post('/api/billing-runs').set(admin).send({ asOf: '2026-11-02' }).expect(202);
  });

  test('a book upload while a real run is queued is refused with 409 naming the run', async () => {
    const res = await t.http.post('/api/book').set(admin).send(smallBook());
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/billing run \S+ \(2026-11-01\) is queued: the order book cannot change/);
    expect(res.body.details.runId).toEqual(expect.any(String));
    const [n] = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM accounts`);
    expect(n.n).toBe(0);
  });
});

describe.each(DATABASE_KINDS)('chunk bounds on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  test('a product inserted between two chunks after planning is billed once', async () => {
    const book = syntheticBook(10, 10); // OP0000000 .. OP0000099
    await insertBookRows(db.prisma, book);
    const repo = new BillingRunsRepository(db.prisma);
    const policies: RunPolicies = { current: async () => [], plannerFor: async () => simplePlanner };
    const id = (await repo.createRun({ asOf: '2026-03-01', dryRun: false, trigger: 'api', policyVersions: [] }, 10))!;
    const [c0, c1] = await db.prisma.$queryRawUnsafe<{ lo: string; hi: string }[]>(
      `SELECT lo, hi FROM billing_run_chunks WHERE run_id = $1 AND seq IN (0, 1) ORDER BY seq`,
      id,
    );
    expect([c0.hi, c1.lo]).toEqual(['OP0000009', 'OP0000010']);
    const between = { ...book.orderProducts[0], id: 'OP0000009a', holdBilling: false, productCode: 'SUP-GOLD' };
    await insertBookRows(db.prisma, { accounts: [], contracts: [], orders: [], orderProducts: [between], invoiced: [] });
    await new RunWorker(db.prisma, repo, policies, { leaseSeconds: 30, pollMs: 50, maxAttempts: 2 }).drain();
    expect(await repo.getRun(id)).toMatchObject({ status: 'completed' });
    const lines = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoice_lines WHERE run_id = $1 AND order_product_id = 'OP0000009a'`,
      id,
    );
    const expected = simplePlanner({ ...book, orderProducts: [between] }, ['OP0000009a'], '2026-03-01').lines.length;
    expect(expected).toBeGreaterThan(0);
    expect(lines[0].n).toBe(expected);
  });
});
