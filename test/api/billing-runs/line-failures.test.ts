// Failures stay with their line: a line the database cannot store becomes a
// PV6001 error of its order product while the rest of the chunk and the book
// are billed; every committed chunk leaves invoice total = sum of its lines
// (mid-run, after a failed chunk); a failed run resumes once the cause is fixed.
import { BillingRunsRepository } from '../../../api/billing-runs/billing-runs.repository.js';
import { RunWorker } from '../../../api/billing-runs/billing-runs.worker.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import type { RunPolicies } from '../../../api/billing-runs/run-policies.js';
import type { ChunkPlanFn } from '../../../api/billing-runs/run-types.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import type { OrderProduct } from '../../../engine/book/book-types.js';
import { smallBook } from '../http/fixtures.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { startRunApp, waitForRun, type RunApp } from './support/run-app.js';
import { simplePlanner, syntheticBook } from './support/simple-planner.js';

const settings = { leaseSeconds: 30, pollMs: 50, maxAttempts: 2 };
const policiesWith = (planner: ChunkPlanFn): RunPolicies => ({ current: async () => [], plannerFor: async () => planner });

/** Invoices of the run whose total differs from the sum of their lines. */
async function totalsOff(db: Database, runId: string): Promise<unknown[]> {
  return db.prisma.$queryRawUnsafe(
    `SELECT i.id, i.total, coalesce(sum(l.amount), 0) AS lines FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id
      WHERE i.run_id = $1 GROUP BY i.id, i.total HAVING i.total <> coalesce(sum(l.amount), 0)`,
    runId,
  );
}

async function lineCount(db: Database, runId: string): Promise<number> {
  const [r] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM invoice_lines WHERE run_id = $1`, runId);
  return r.n;
}

describe.each(DATABASE_KINDS)('line failures and totals on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let repo: BillingRunsRepository;
  const book = syntheticBook(12, 10);
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
    await insertBookRows(db.prisma, book);
    repo = new BillingRunsRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  test('total = sum of lines after every chunk, after a chunk that failed, and after resuming the failed run', async () => {
    let explode = true;
    const flaky: ChunkPlanFn = (b, ids, asOf) => {
      if (explode && ids.includes('OP0000045')) throw new Error('planner exploded');
      return simplePlanner(b, ids, asOf);
    };
    const worker = new RunWorker(db.prisma, repo, policiesWith(flaky), settings);
    const id = (await repo.createRun({ asOf: '2026-03-01', dryRun: true, trigger: 'api', policyVersions: [] }, 20))!;
    while (await worker.step()) {
      expect(await totalsOff(db, id)).toEqual([]);
    }
    const failed = (await repo.getRun(id))!;
    expect(failed.status).toBe('failed');
    const partial = await lineCount(db, id);
    expect(partial).toBeGreaterThan(0);
    expect(await totalsOff(db, id)).toEqual([]);

    explode = false;
    expect(await repo.resumeRun(id, null)).toBe(true);
    expect(await repo.resumeRun(id, null)).toBe(false); // queued now, not failed
    await worker.drain();
    const done = (await repo.getRun(id))!;
    expect(done).toMatchObject({ status: 'completed', error: null });
    expect(await totalsOff(db, id)).toEqual([]);
    const activated = new Set(book.orders.filter((o) => o.status === 'activated').map((o) => o.id));
    const ids = book.orderProducts.filter((p) => activated.has(p.orderId)).map((p) => p.id);
    expect(await lineCount(db, id)).toBe(simplePlanner(book, ids, '2026-03-01').lines.length);
  });

  test('a line the database refuses becomes one PV6001 error; the rest of its chunk is billed', async () => {
    const badDate: ChunkPlanFn = (b, ids, asOf) => {
      const out = simplePlanner(b, ids, asOf);
      // A date the planner should never produce: PostgreSQL refuses it (22008), the screening does not see it.
      return { ...out, lines: out.lines.map((l) => (l.orderProductId === 'OP0000012' ? { ...l, periodEnd: '2026-02-30' } : l)) };
    };
    const worker = new RunWorker(db.prisma, repo, policiesWith(badDate), settings);
    const id = (await repo.createRun({ asOf: '2026-04-01', dryRun: true, trigger: 'api', policyVersions: [] }, 50))!;
    await worker.drain();
    const run = (await repo.getRun(id))!;
    expect(run.status).toBe('completed');
    const errors = (await repo.errors(id)).filter((e) => e.code === 'PV6001');
    expect(errors).toEqual([expect.objectContaining({ orderProductId: 'OP0000012', message: expect.stringMatching(/SQLSTATE 22008/) })]);
    expect(errors[0].message).not.toMatch(/invoice_lines|prisma/i);
    const [own] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoice_lines WHERE run_id = $1 AND order_product_id = 'OP0000012'`,
      id,
    );
    expect(own.n).toBe(0);
    const [others] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoice_lines WHERE run_id = $1 AND order_product_id BETWEEN 'OP0000000' AND 'OP0000049'`,
      id,
    );
    expect(others.n).toBeGreaterThan(0);
    expect(await totalsOff(db, id)).toEqual([]);
  });
});

describe('an overflowing order product (PostgreSQL, the real planner)', () => {
  let tdb: TestDatabase;
  let t: RunApp;
  let admin: { Authorization: string };
  const HUGE = { quantity: '99999999999999', unitPrice: '99999999999999999999' };
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    t = await startRunApp(tdb.options);
    admin = { Authorization: `Bearer ${t.adminKey}` };
  });
  afterAll(async () => {
    await t?.close();
    await tdb?.drop();
  });

  test('is refused at upload with its field path', async () => {
    const book = smallBook();
    Object.assign(book.orderProducts[1], HUGE);
    const res = await t.http.post('/api/book').set(admin).send(book);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'orderProducts[1]', message: expect.stringMatching(/quantity × unitPrice .* below 10\^18/) })]);
  });

  test('planted directly in the database, the run completes with one line error and bills the rest', async () => {
    const book = smallBook();
    await t.http.post('/api/book').set(admin).send(book).expect(200);
    const planted = { ...book.orderProducts[1], id: 'OP-HUGE', ...HUGE };
    await insertBookRows(t.db.prisma, { orderProducts: [planted as unknown as OrderProduct] });
    const started = await t.http.post('/api/billing-runs').set(admin).send({ asOf: '2026-03-01' }).expect(202);
    const run = await waitForRun(t.http, t.adminKey, started.body.id);
    expect(run.status).toBe('completed');
    const errors = await t.http.get(`/api/billing-runs/${run.id}/errors`).set(admin).expect(200);
    expect(errors.body.items).toEqual([expect.objectContaining({ orderProductId: 'OP-HUGE', code: 'PV6001' })]);
    const lines = await t.db.prisma.$queryRawUnsafe<{ op: string }[]>(
      `SELECT DISTINCT order_product_id AS op FROM invoice_lines WHERE run_id = $1 ORDER BY 1`,
      run.id,
    );
    expect(lines.map((l) => l.op)).toEqual(['OP1', 'OP2']);
    const bad = await t.db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT i.id FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.run_id = $1 GROUP BY i.id, i.total HAVING i.total <> sum(l.amount)`,
      run.id,
    );
    expect(bad).toEqual([]);
  });

  test('a completed run cannot be resumed (409), an unknown one is 404', async () => {
    const [run] = await t.db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM billing_runs LIMIT 1`);
    const res = await t.http.post(`/api/billing-runs/${run.id}/resume`).set(admin);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/only a failed run can be resumed/);
    await t.http.post('/api/billing-runs/nope/resume').set(admin).expect(404);
  });
});
