// Two app instances on one PostgreSQL database, both with the daily cron firing
// every second and both asked for the same scheduled tick at once: exactly one
// run per (schedule, date), the instances share its chunks, and every line is
// written once — the same lines a simulation of the book shows.
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { SchedulerRegistry } from '@nestjs/schedule';
import { BILLING_CRON_JOB, BillingRunsCron } from '../../../api/billing-runs/billing-runs.cron.js';
import { todayInZone } from '../../../api/billing-runs/run-config.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { NO_POLICIES } from '../../../engine/plan/plan-evaluator.js';
import { simulate } from '../../../engine/plan/planner.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { openDatabase } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startRunApp, type RunApp } from './support/run-app.js';

const BOOK = generateDemoBook({ orderProducts: 400, seed: 3 });
const ZONE = 'Pacific/Auckland';

describe('two instances on one PostgreSQL', () => {
  let tdb: TestDatabase;
  let a: RunApp;
  let b: RunApp;
  let today: string;

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    const env = { PROVISO_BILLING_CRON: '* * * * * *', PROVISO_TIMEZONE: ZONE, PROVISO_RUN_CHUNK_SIZE: '20' };
    // the book is in place before either instance starts (their crons fire at once)
    const seed = await openDatabase(tdb.options);
    await seed.migrate();
    await insertBookRows(seed.prisma, BOOK);
    await seed.close();
    today = todayInZone(new Date(), ZONE);
    a = await startRunApp(tdb.options, env);
    b = await startRunApp(tdb.options, env);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await tdb?.drop();
  });

  test('the same scheduled tick fired by both instances (cron and direct) creates one run and one set of invoices', async () => {
    for (const inst of [a, b]) {
      const job = inst.app.get(SchedulerRegistry).getCronJob(BILLING_CRON_JOB);
      expect(job.isActive).toBe(true);
    }
    // besides the crons firing every second, both instances tick at the same moment, many times
    const now = new Date();
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).app.get(BillingRunsCron).tick(now)),
    );
    const created = ids.filter((id) => id !== null);
    expect(created.length).toBeLessThanOrEqual(1); // the cron may have won already

    // both crons fire again (twice each) after the direct ticks, then wait for the run to complete
    const jobs = [a, b].map((inst) => inst.app.get(SchedulerRegistry).getCronJob(BILLING_CRON_JOB));
    for (let firing = 0; firing < 2; firing++) {
      const after = Date.now();
      const until = after + 30_000;
      while (!jobs.every((j) => (j.lastDate()?.getTime() ?? 0) > after)) {
        if (Date.now() > until) throw new Error(`the crons did not fire: last ${jobs.map((j) => j.lastDate()?.toISOString())}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const until = Date.now() + 60_000;
    let runs: { id: string; status: string; schedule_key: string }[] = [];
    for (;;) {
      runs = await a.db.prisma.$queryRawUnsafe(`SELECT id, status, schedule_key FROM billing_runs ORDER BY created_at`);
      if (runs.length && runs.every((r) => r.status === 'completed' || r.status === 'failed')) break;
      if (Date.now() > until) throw new Error(`runs not finished: ${JSON.stringify(runs)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs).toEqual([{ id: expect.any(String), status: 'completed', schedule_key: `daily:${today}` }]);
    if (created.length) expect(created[0]).toBe(runs[0].id);

    const dupes = await a.db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT order_product_id, period_start FROM invoice_lines GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    const lines = await a.db.prisma.$queryRawUnsafe<{ k: string }[]>(
      `SELECT i.account_id || '|' || l.order_product_id || '|' || l.period_start::text AS k
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id`,
    );
    const expected = simulate(BOOK, today, NO_POLICIES, createRegistry());
    expect(lines.map((l) => l.k).sort()).toEqual(
      expected.invoices.flatMap((i) => i.lines.map((l) => `${i.accountId}|${l.orderProductId}|${l.periodStart}`)).sort(),
    );
    const [inv] = await a.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM invoices`);
    expect(inv.n).toBe(expected.invoices.length);
    // both instances leased chunks of the one run (they poll every 100 ms; 20 products a chunk)
    const owners = await a.db.prisma.$queryRawUnsafe<{ owner: string }[]>(
      `SELECT DISTINCT lease_owner AS owner FROM billing_run_chunks WHERE run_id = $1`,
      runs[0].id,
    );
    expect(owners.length).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
