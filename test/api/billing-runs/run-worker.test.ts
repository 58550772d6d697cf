// The run machinery against real databases (PostgreSQL and PGlite): chunks,
// leases, idempotent writes, finalisation, failures. Billing semantics come
// from a small stand-in planner; test/engine covers the real one.
import { BillingRunsRepository } from '../../../api/billing-runs/billing-runs.repository.js';
import { ManualClock } from '../../../api/common/clock.js';
import { RunWorker } from '../../../api/billing-runs/billing-runs.worker.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { loadChunkBook } from '../../../api/billing-runs/chunk-book.loader.js';
import type { RunPolicies } from '../../../api/billing-runs/run-policies.js';
import type { ChunkPlanFn } from '../../../api/billing-runs/run-types.js';
import { discardInvoiceTx, postInvoiceTx } from '../../../api/invoices/invoice-lifecycle.js';
import { DEFAULT_NUMBERING } from '../../../api/invoices/numbering.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { simplePlanner, syntheticBook } from './support/simple-planner.js';

const BOOK = syntheticBook(30, 10); // 300 order products, some drafts, holds, errors, history
const AS_OF = '2026-04-15';
const versions = [{ document: 'd1', name: 'holds.policy', version: 3, checksum: 'abc' }];

function policiesWith(planner: ChunkPlanFn): RunPolicies & { requested: unknown[] } {
  const requested: unknown[] = [];
  return {
    requested,
    current: async () => versions,
    plannerFor: async (v) => {
      requested.push(v);
      return planner;
    },
  };
}

/** What a run over the whole book must write: the planner on every activated product at once. */
function expectedLines(asOf: string): string[] {
  const activated = new Set(BOOK.orders.filter((o) => o.status === 'activated').map((o) => o.id));
  const ids = BOOK.orderProducts.filter((p) => activated.has(p.orderId)).map((p) => p.id);
  return simplePlanner(BOOK, ids, asOf).lines.map((l) => `${l.orderProductId}|${l.periodStart}`).sort();
}

describe.each(DATABASE_KINDS)('billing-run worker on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let repo: BillingRunsRepository;
  const settings = { leaseSeconds: 30, pollMs: 50, maxAttempts: 2 };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
    await insertBookRows(db.prisma, BOOK);
    repo = new BillingRunsRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  async function lineKeys(runId?: string, dry = false): Promise<string[]> {
    const rows = await db.prisma.$queryRawUnsafe<{ k: string }[]>(
      `SELECT order_product_id || '|' || period_start::text AS k FROM invoice_lines
        WHERE dry_run = $1 AND ($2::text IS NULL OR run_id = $2) ORDER BY 1`,
      dry,
      runId ?? null,
    );
    return rows.map((r) => r.k);
  }

  test('a dry run writes flagged lines only, and the real run afterwards still bills everything', async () => {
    const worker = new RunWorker(db.prisma, repo, policiesWith(simplePlanner), settings);
    const id = (await repo.createRun({ asOf: AS_OF, dryRun: true, trigger: 'api', policyVersions: versions }, 37))!;
    await worker.drain();
    const run = (await repo.getRun(id))!;
    expect(run.status).toBe('completed');
    expect(await lineKeys(id, true)).toEqual(expectedLines(AS_OF));
    expect(await lineKeys(undefined, false)).toEqual([]);
    const [inv] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM invoices WHERE run_id = $1 AND dry_run = false`, id);
    expect(inv.n).toBe(0);
  });

  test('a run splits into chunks, reaches its total and writes exactly the planned lines', async () => {
    const policies = policiesWith(simplePlanner);
    const worker = new RunWorker(db.prisma, repo, policies, settings);
    const id = (await repo.createRun({ asOf: AS_OF, dryRun: false, trigger: 'api', policyVersions: versions }, 37))!;
    const [chunks] = await db.prisma.$queryRawUnsafe<{ n: number; total: number }[]>(
      `SELECT count(*)::int AS n, sum(size)::int AS total FROM billing_run_chunks WHERE run_id = $1`,
      id,
    );
    const all = BOOK.orderProducts.length; // chunks cover every id; products of draft orders are skipped when loaded
    expect(chunks).toEqual({ n: Math.ceil(all / 37), total: all });
    await worker.drain();
    const run = (await repo.getRun(id))!;
    expect(run).toMatchObject({ status: 'completed', progressDone: all, progressTotal: all, error: null });
    expect(run.policyVersions).toEqual(versions);
    expect(policies.requested).toEqual([versions]);
    const keys = await lineKeys(id);
    expect(keys).toEqual(expectedLines(AS_OF));
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.linesCount).toBe(keys.length);
    expect(run.holdsCount).toBe((await repo.holds(id)).length);
    expect(run.holdsCount).toBeGreaterThan(0);
    expect(run.errorsCount).toBeGreaterThan(0);
    // totals are the sum of each invoice's lines; one invoice per (account, currency)
    const bad = await db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT i.id FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.run_id = $1
        GROUP BY i.id, i.total HAVING i.total <> sum(l.amount)`,
      id,
    );
    expect(bad).toEqual([]);
    const [inv] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM invoices WHERE run_id = $1`, id);
    expect(run.invoicesCount).toBe(inv.n);
    expect(inv.n).toBeGreaterThan(0);
  });

  test('a second run for the same date bills nothing new', async () => {
    const worker = new RunWorker(db.prisma, repo, policiesWith(simplePlanner), settings);
    const before = await lineKeys();
    const id = (await repo.createRun({ asOf: AS_OF, dryRun: false, trigger: 'api', policyVersions: versions }, 50))!;
    await worker.drain();
    expect(await repo.getRun(id)).toMatchObject({ status: 'completed', linesCount: 0, invoicesCount: 0 });
    expect(await lineKeys()).toEqual(before);
  });

  test('a chunk taken over after its lease expired, and a chunk re-run after it was done, write nothing twice', async () => {
    const asOf = '2026-05-20';
    const id = (await repo.createRun({ asOf, dryRun: false, trigger: 'api', policyVersions: versions }, 40))!;
    const run = (await repo.getRun(id))!;
    // leases on a clock the test moves: "stalls past its lease" is a clock step, not a wait
    const clock = new ManualClock(new Date('2026-05-20T08:00:00Z'));
    const leases = new BillingRunsRepository(db.prisma, undefined, clock);
    // worker A leases chunk 0 and plans it, then stalls past its lease
    const a = await leases.leaseChunk(id, 'A', 30);
    expect(a).toMatchObject({ seq: 0, attempts: 1 });
    const planA = simplePlanner((await loadChunkBook(db.prisma, a!.lo, a!.hi)).book, (await loadChunkBook(db.prisma, a!.lo, a!.hi)).ids, asOf);
    expect(planA.lines.length).toBeGreaterThan(0);
    expect(await leases.leaseChunk(id, 'B', 30)).toMatchObject({ seq: 1 }); // A's chunk is not free yet
    clock.advance(30_001);
    const b = await leases.leaseChunk(id, 'B', 30);
    expect(b).toMatchObject({ id: a!.id, attempts: 2 });
    expect(await leases.renewLease(a!.id, 'A', 30)).toBe(false); // A lost it
    const loaded = await loadChunkBook(db.prisma, b!.lo, b!.hi);
    const wB = await leases.writeChunk(b!, run, simplePlanner(loaded.book, loaded.ids, asOf));
    expect(wB).toMatchObject({ written: true, lines: planA.lines.length });
    // A wakes up and writes its (identical) result: nothing happens
    expect(await leases.writeChunk(a!, run, planA)).toEqual({ written: false, lines: 0, holds: 0, errors: 0 });
    // even if the chunk is forced back to pending, a re-run inserts no line twice
    await db.prisma.$executeRawUnsafe(`UPDATE billing_run_chunks SET status = 'pending' WHERE id = $1`, a!.id);
    const again = await leases.leaseChunk(id, 'C', 30);
    expect(again!.id).toBe(a!.id);
    expect((await leases.writeChunk(again!, run, planA)).lines).toBe(0);
    const worker = new RunWorker(db.prisma, leases, policiesWith(simplePlanner), settings);
    clock.advance(30_001); // C's and B's leases run out
    await worker.drain();
    const done = (await repo.getRun(id))!;
    expect(done.status).toBe('completed');
    expect(done.progressDone).toBe(done.progressTotal);
    const all = await lineKeys();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expectedLines(asOf));
  });

  test('a late duplicate of a chunk, written after its run completed, leaves no empty draft invoice', async () => {
    const asOf = '2026-08-20';
    const id = (await repo.createRun({ asOf, dryRun: false, trigger: 'api', policyVersions: versions }, 40))!;
    const run = (await repo.getRun(id))!;
    // worker A leases chunk 0, plans it and stalls; the chunk is taken over and the run completes without it
    const a = (await repo.leaseChunk(id, 'A', 30))!;
    const loaded = await loadChunkBook(db.prisma, a.lo, a.hi);
    const planA = simplePlanner(loaded.book, loaded.ids, asOf);
    expect(planA.lines.length).toBeGreaterThan(0);
    await db.prisma.$executeRawUnsafe(`UPDATE billing_run_chunks SET lease_until = now() - interval '1 second' WHERE id = $1`, a.id);
    await new RunWorker(db.prisma, repo, policiesWith(simplePlanner), settings).drain();
    expect((await repo.getRun(id))!.status).toBe('completed');
    // finance discards the drafts of chunk 0's accounts: the run has no invoice for them any more
    const accounts = [...new Set(planA.lines.map((l) => l.accountId))];
    const drafts = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM invoices WHERE run_id = $1 AND account_id = ANY($2::text[])`,
      id,
      accounts,
    );
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) await db.prisma.$transaction((tx) => discardInvoiceTx(tx, d.id, null));
    const invoicesBefore = await db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM invoices WHERE run_id = $1 ORDER BY id`, id);
    // A wakes up and writes its result: nothing is written, and no invoice is (re)created for those accounts
    expect(await repo.writeChunk(a, run, planA)).toEqual({ written: false, lines: 0, holds: 0, errors: 0 });
    const empty = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT i.id FROM invoices i WHERE i.run_id = $1 AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)`,
      id,
    );
    expect(empty).toEqual([]);
    expect(await db.prisma.$queryRawUnsafe(`SELECT id FROM invoices WHERE run_id = $1 ORDER BY id`, id)).toEqual(invoicesBefore);
  });

  test('a late duplicate whose chunk is finished while it writes leaves no draft that finance could post empty', async () => {
    const asOf = '2026-09-20';
    const id = (await repo.createRun({ asOf, dryRun: false, trigger: 'api', policyVersions: versions }, 40))!;
    const run = (await repo.getRun(id))!;
    const a = (await repo.leaseChunk(id, 'A', 30))!;
    const loaded = await loadChunkBook(db.prisma, a.lo, a.hi);
    const planA = simplePlanner(loaded.book, loaded.ids, asOf);
    const accounts = [...new Set(planA.lines.map((l) => l.accountId))];
    expect(accounts.length).toBeGreaterThan(0);
    await db.prisma.$executeRawUnsafe(`UPDATE billing_run_chunks SET lease_until = now() - interval '1 second' WHERE id = $1`, a.id);
    const drafts = async (): Promise<{ id: string }[]> =>
      db.prisma.$queryRawUnsafe(`SELECT id FROM invoices WHERE run_id = $1 AND status = 'draft' ORDER BY id`, id);
    // A's writes happen in the gaps: just before its first transaction the run completes
    // without it and finance discards chunk 0's drafts; just before its second, finance
    // posts every draft the run then has
    const gaps = [
      async () => {
        await new RunWorker(db.prisma, repo, policiesWith(simplePlanner), settings).drain();
        expect((await repo.getRun(id))!.status).toBe('completed');
        const mine = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
          `SELECT id FROM invoices WHERE run_id = $1 AND account_id = ANY($2::text[])`,
          id,
          accounts,
        );
        expect(mine.length).toBeGreaterThan(0);
        for (const d of mine) await db.prisma.$transaction((tx) => discardInvoiceTx(tx, d.id, null));
      },
      async () => {
        for (const d of await drafts()) await db.prisma.$transaction((tx) => postInvoiceTx(tx, d.id, DEFAULT_NUMBERING, null));
      },
    ];
    const prisma = db.prisma;
    const inGaps = new Proxy(prisma, {
      get(target, prop) {
        if (prop === '$transaction') {
          return async (...args: Parameters<typeof prisma.$transaction>) => {
            await gaps.shift()?.();
            return (target.$transaction as (...a: unknown[]) => unknown)(...args);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const late = new BillingRunsRepository(inGaps);
    expect(await late.writeChunk(a, run, planA)).toEqual({ written: false, lines: 0, holds: 0, errors: 0 });
    await gaps.shift()?.(); // finance posts now if A never opened its second transaction
    expect(gaps).toEqual([]);
    const empty = await db.prisma.$queryRawUnsafe<{ id: string; status: string }[]>(
      `SELECT i.id, i.status FROM invoices i WHERE i.run_id = $1 AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)`,
      id,
    );
    expect(empty).toEqual([]);
    const [left] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoices WHERE run_id = $1 AND account_id = ANY($2::text[])`,
      id,
      accounts,
    );
    expect(left.n).toBe(0);
  });

  test('one scheduled run per key however many callers race', async () => {
    const key = `daily:${kind}:2026-06-01`;
    const ids = await Promise.all(
      Array.from({ length: 4 }, () => repo.createRun({ asOf: '2026-06-01', dryRun: true, trigger: 'schedule', scheduleKey: key, policyVersions: [] }, 100)),
    );
    expect(ids.filter((x) => x !== null)).toHaveLength(1);
    const [n] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM billing_runs WHERE schedule_key = $1`, key);
    expect(n.n).toBe(1);
    const worker = new RunWorker(db.prisma, repo, policiesWith(simplePlanner), settings);
    await worker.drain();
  });

  test('a chunk that keeps failing fails the run with its message, never silently', async () => {
    const failing: ChunkPlanFn = () => {
      throw new Error('planner exploded');
    };
    const worker = new RunWorker(db.prisma, repo, policiesWith(failing), settings);
    const id = (await repo.createRun({ asOf: '2026-07-01', dryRun: true, trigger: 'api', policyVersions: [] }, 100))!;
    await worker.drain();
    const run = (await repo.getRun(id))!;
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/chunk 0 .* failed 2 times: planner exploded/);
    expect(run.finishedAt).not.toBeNull();
    expect(await repo.activeRunIds()).not.toContain(id);
  });
});
