// A `proviso run` process killed with SIGKILL in the middle of a run; the
// service started again on the same PostgreSQL database takes the abandoned
// leases over once they expire and completes the run. The leases are long (10
// minutes of the system clock); the restarted service's clock is moved past
// them, so the test never waits for a lease to run out. Its lines must be exactly
// those of a clean run of the same book on a fresh database: no duplicate, no
// missing line, same amounts. A second run for the date then bills nothing.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { ManualClock } from '../../../api/common/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { publishPolicyRow } from '../../../api/policies/policy-rows.js';
import { startRunApp } from './support/run-app.js';

const root = join(import.meta.dirname, '..', '..', '..');
const BOOK = generateDemoBook({ orderProducts: 3000, seed: 21 });
const AS_OF = '2026-03-01';
const LEASE_SECONDS = 600;
const POLICY = `policy "Support bills on the 1st" {
  when product.code starts with "SUP"
  billing day of month 1
}
policy "Hold big orders for review" {
  when line.quantity > 40
  hold billing reason "Quantity needs review"
}
`;

function cli(url: string, args: string[], extraEnv: Record<string, string> = {}) {
  return spawn(process.execPath, [join(root, 'bin', 'proviso.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PROVISO_LEASE_SECONDS: String(LEASE_SECONDS), PROVISO_RUN_CHUNK_SIZE: '25', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runCli(url: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = cli(url, args);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

async function lines(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ k: string }[]>(
    `SELECT i.account_id || '|' || i.currency || '|' || l.order_product_id || '|' || l.period_start::text || '|' ||
            l.period_end::text || '|' || l.billing_date::text || '|' || l.amount::text AS k
       FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.dry_run = false ORDER BY 1`,
  );
  return rows.map((r) => r.k);
}

describe('crash in the middle of a run (PostgreSQL, SIGKILL)', () => {
  const dbs: TestDatabase[] = [];
  const opened: Database[] = [];

  async function prepared(): Promise<{ tdb: TestDatabase; db: Database }> {
    const tdb = await createTestDatabase('postgres');
    dbs.push(tdb);
    const db = await openDatabase(tdb.options);
    opened.push(db);
    await db.migrate();
    await insertBookRows(db.prisma, BOOK);
    await publishPolicyRow(db, 'review.policy', POLICY);
    return { tdb, db };
  }

  beforeAll(() => {
    // the child processes run the compiled CLI; jest's global setup builds it
    // (PROVISO_DIST_FRESH), a single-file run builds it here
    if (!process.env.PROVISO_DIST_FRESH) {
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.js'), '--no-editor'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('build failed');
    }
  }, 120_000);
  afterAll(async () => {
    for (const d of opened) await d.close();
    for (const t of dbs) await t.drop();
  });

  test('the restarted service completes the run with exactly the lines of a clean run', async () => {
    const crashed = await prepared();
    const url = crashed.tdb.url!;

    // 1. start the run in a child process and kill it with SIGKILL mid-run
    const child = cli(url, ['run', '--as-of', AS_OF]);
    let childErr = '';
    child.stderr.on('data', (d) => (childErr += d));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    const deadline = Date.now() + 60_000;
    let at: { done: number; total: number } | undefined;
    for (;;) {
      const rows = await crashed.db.prisma.$queryRawUnsafe<{ done: number; total: number }[]>(
        `SELECT progress_done AS done, progress_total AS total FROM billing_runs`,
      );
      if (rows[0] && rows[0].done >= rows[0].total / 4) {
        child.kill('SIGKILL');
        at = rows[0];
        break;
      }
      if (Date.now() > deadline) throw new Error(`the child never got a quarter through: ${childErr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await exited).toBe('SIGKILL');
    const [mid] = await crashed.db.prisma.$queryRawUnsafe<{ status: string; done: number; total: number }[]>(
      `SELECT status, progress_done AS done, progress_total AS total FROM billing_runs`,
    );
    expect(mid.status).toBe('running');
    expect(mid.done).toBeLessThan(mid.total); // really killed in the middle
    expect(mid.done).toBeGreaterThanOrEqual(at!.done);
    // the chunks the child held: leased, their leases live for minutes by the database's clock
    const abandoned = await crashed.db.prisma.$queryRawUnsafe<{ id: string; live: boolean }[]>(
      `SELECT id, lease_until > now() AS live FROM billing_run_chunks WHERE status = 'leased' ORDER BY seq`,
    );
    expect(abandoned.every((c) => c.live)).toBe(true);

    // 2. restart: a service instance on the same database, its clock past the abandoned leases, resumes the run
    const clock = new ManualClock(new Date());
    clock.advance((LEASE_SECONDS + 1) * 1000);
    const service = await startRunApp(crashed.tdb.options, { PROVISO_LEASE_SECONDS: String(LEASE_SECONDS), PROVISO_RUN_CHUNK_SIZE: '25' }, clock);
    try {
      const until = Date.now() + 90_000;
      for (;;) {
        const [r] = await crashed.db.prisma.$queryRawUnsafe<{ status: string; error: string | null }[]>(`SELECT status, error FROM billing_runs`);
        if (r.status === 'completed') break;
        if (r.status === 'failed') throw new Error(`run failed after restart: ${r.error}`);
        if (Date.now() > until) throw new Error('run did not complete after the restart');
        await new Promise((res) => setTimeout(res, 100));
      }
    } finally {
      await service.close();
    }
    const [done] = await crashed.db.prisma.$queryRawUnsafe<{ done: number; total: number; lines: number }[]>(
      `SELECT progress_done AS done, progress_total AS total, lines_count AS lines FROM billing_runs`,
    );
    expect(done.done).toBe(done.total);
    // the abandoned chunks were taken over (a second lease) and finished by the restarted service
    const taken = await crashed.db.prisma.$queryRawUnsafe<{ id: string; status: string; attempts: number }[]>(
      `SELECT id, status, attempts FROM billing_run_chunks WHERE id = ANY($1::text[]) ORDER BY seq`,
      abandoned.map((c) => c.id),
    );
    expect(taken).toEqual(abandoned.map((c) => ({ id: c.id, status: 'done', attempts: 2 })));

    // 3. a clean run of the same book on a fresh database, by the same CLI
    const clean = await prepared();
    const res = await runCli(clean.tdb.url!, ['run', '--as-of', AS_OF]);
    expect(res.err).toMatch(/progress 100% \(\d+\/\d+ order products\)/);
    expect(res.out).toMatch(/^run \S+ completed as of 2026-03-01: \d+ lines, \d+ invoices, \d+ holds, 0 errors\n/);
    expect(res.code).toBe(0);

    const after = await lines(crashed.db);
    const expected = await lines(clean.db);
    expect(expected.length).toBeGreaterThan(1000);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(expected);
    expect(done.lines).toBe(expected.length);
    const dupes = await crashed.db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT order_product_id, period_start FROM invoice_lines GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);

    // 4. a second run for the same date bills nothing new
    const second = await runCli(url, ['run', '--as-of', AS_OF]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/completed as of 2026-03-01: 0 lines, 0 invoices/);
    expect(await lines(crashed.db)).toEqual(expected);
  }, 240_000);
});
