// Billing-run benchmark (`npm run bench:run`): a full billing run over a demo
// book of N order products on PostgreSQL (leases, chunk loading, the engine's
// planner with the sample policies, idempotent writes, finalisation), against
// the reference: the same invoice lines written by plain multi-row
// `INSERT ... ON CONFLICT DO NOTHING` statements with `pg` in this process.
// The reference uses as many connections as the run writes chunks at once.
// Prints lines/s for both, their ratio, the write time of the first and the
// last chunk (flat per-line cost), posting invoices/s for one and three
// instances, and peak RSS; then a smaller PGlite run with the HTTP service on
// the same database, printing health latency p50/p99 during the run (target
// p99 < 200 ms).
//
//   node dist/bench/run.bench.js [--products 100000] [--pglite-products 10000]
//        [--as-of 2026-03-01] [--chunk-size 2000] [--pglite-chunk-size 200]
//        [--pglite-line-batch 40] [--no-pglite] [--no-postgres] [--no-reference] [--no-posting]
//
// --products 1000000 shows memory stays bounded: the book is loaded and billed
// in chunks, never held whole (the reference then streams lines back by keyset).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BillingRunsRepository, PGLITE_LINE_BATCH, type ChunkWriteResult, type LeasedChunk, type RunRow } from '../api/billing-runs/billing-runs.repository.js';
import type { ChunkPlanOutput } from '../api/billing-runs/run-types.js';
import { postInvoicesTx } from '../api/invoices/invoice-lifecycle.js';
import { systemClock } from '../api/common/clock.js';
import { DEFAULT_NUMBERING } from '../api/invoices/numbering.js';
import { RunWorker } from '../api/billing-runs/billing-runs.worker.js';
import { insertBookRows } from '../api/billing-runs/book-bulk-insert.js';
import { createRunPolicies } from '../api/billing-runs/engine-run-policies.js';
import { defaultChunkSize, readBillingRunConfig } from '../api/billing-runs/run-config.js';
import { openDatabase, type Database } from '../api/persistence/prisma-client.factory.js';
import { publishPolicyRow } from '../api/policies/policy-rows.js';
import { createApp } from '../api/server/create-app.js';
import { iterateDemoBook, type DemoBookChunk } from '../engine/book/demo-book.js';
import { withBenchDatabase } from './bench-database.js';
import { recordPgliteCalls, summarise } from './pglite-call-times.js';

const root = join(import.meta.dirname, '..', '..');
const rulesDir = join(root, 'rules');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string): boolean => process.argv.includes(name);

const products = Number(arg('--products', '100000'));
const pgliteProducts = Number(arg('--pglite-products', '10000'));
const asOf = arg('--as-of', '2026-03-01');
const chunkSize = Number(arg('--chunk-size', String(defaultChunkSize('postgres'))));
const pgliteChunkSize = Number(arg('--pglite-chunk-size', String(defaultChunkSize('pglite'))));
const pgliteLineBatch = Number(arg('--pglite-line-batch', String(PGLITE_LINE_BATCH)));
const concurrency = readBillingRunConfig(process.env).concurrency;

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
rssTimer.unref();
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en-US')} lines/s`;

/** Loads the demo book account by account in pages (the book is never whole in memory). */
async function loadBook(db: Database, n: number): Promise<void> {
  let page: DemoBookChunk[] = [];
  let rows = 0;
  const flush = async () => {
    if (!page.length) return;
    await db.prisma.$transaction(async (tx) => {
      await insertBookRows(tx, {
        accounts: page.flatMap((c) => c.accounts),
        contracts: page.flatMap((c) => c.contracts),
        orders: page.flatMap((c) => c.orders),
        orderProducts: page.flatMap((c) => c.orderProducts),
        invoiced: page.flatMap((c) => c.invoiced),
      });
    });
    page = [];
    rows = 0;
  };
  for (const chunk of iterateDemoBook({ orderProducts: n, seed: 2026 })) {
    page.push(chunk);
    rows += chunk.orderProducts.length;
    if (rows >= 5_000) await flush();
  }
  await flush();
}

/** Publishes rules/*.policy as version 1 each (what the service's seed does). */
async function publishSamplePolicies(db: Database): Promise<number> {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.policy')).sort();
  for (const name of files) await publishPolicyRow(db, name, readFileSync(join(rulesDir, name), 'utf8'), 'bench');
  return files.length;
}

interface RunFigures {
  readonly runId: string;
  readonly lines: number;
  readonly seconds: number;
  readonly chunks: number;
  /** Write time (ms) per line of each chunk, in the order chunks were written. */
  readonly writeMsPerLine: number[];
}

/** The repository, timing each chunk's write (invoices + lines transaction). */
class TimedRepository extends BillingRunsRepository {
  readonly writes: { ms: number; lines: number }[] = [];
  override async writeChunk(chunk: LeasedChunk, run: Pick<RunRow, 'id' | 'asOf' | 'dryRun'>, result: ChunkPlanOutput): Promise<ChunkWriteResult> {
    const t0 = performance.now();
    const r = await super.writeChunk(chunk, run, result);
    if (r.written) this.writes.push({ ms: performance.now() - t0, lines: Math.max(1, result.lines.length) });
    return r;
  }
}

async function billingRun(db: Database, size = chunkSize): Promise<RunFigures> {
  const config = readBillingRunConfig(process.env, db.kind);
  // as the service does: on PGlite a chunk's lines in statements of PGLITE_LINE_BATCH (--pglite-line-batch 0: one statement)
  const repo = new TimedRepository(db.prisma, DEFAULT_NUMBERING, systemClock, db.kind === 'pglite' && pgliteLineBatch > 0 ? pgliteLineBatch : undefined);
  const policies = await createRunPolicies(db.prisma, { cwd: rulesDir });
  const t0 = performance.now();
  const id = await repo.createRun({ asOf, dryRun: false, trigger: 'cli', policyVersions: await policies.current() }, size);
  // the service's settings (PROVISO_WORKER_CONCURRENCY etc., defaults: 2 chunks at once) with a long lease
  const worker = new RunWorker(db.prisma, repo, policies, { ...config, leaseSeconds: 120 });
  await worker.drain();
  const seconds = (performance.now() - t0) / 1000;
  const run = (await repo.getRun(id!))!;
  if (run.status !== 'completed') throw new Error(`run ${id} ended ${run.status}: ${run.error}`);
  const [c] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM billing_run_chunks WHERE run_id = $1`, id);
  return { runId: id!, lines: run.linesCount, seconds, chunks: c.n, writeMsPerLine: repo.writes.map((w) => w.ms / w.lines) };
}

/** Mean of the first and of the last `k` chunks' per-line write time. */
function firstAndLast(perLine: readonly number[], k = 3): { first: number; last: number } {
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { first: mean(perLine.slice(0, k)), last: mean(perLine.slice(-k)) };
}

/**
 * Posts the run's drafts from `instances` separate connections pools (as
 * that many service instances would), 1,000 invoices per transaction, and
 * returns invoices/s. The series counter row serialises the numbering.
 */
async function postingRate(url: string, runId: string, instances: number): Promise<{ invoices: number; seconds: number }> {
  const dbs = await Promise.all(Array.from({ length: instances }, () => openDatabase({ databaseUrl: url, poolSize: 2 })));
  try {
    const ids = (await dbs[0].prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM invoices WHERE run_id = $1 AND status = 'draft' ORDER BY account_id, currency`,
      runId,
    )).map((r) => r.id);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += 1000) batches.push(ids.slice(i, i + 1000));
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      dbs.map(async (db) => {
        while (next < batches.length) {
          const batch = batches[next++];
          await db.prisma.$transaction((tx) => postInvoicesTx(tx, batch, DEFAULT_NUMBERING, null), { timeout: 120_000 });
        }
      }),
    );
    return { invoices: ids.length, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await Promise.all(dbs.map((d) => d.close()));
  }
}

/** Makes the run's invoices drafts again (bench only: unposts through a trigger-free path). */
async function resetToDrafts(url: string, runId: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    await c.query(`UPDATE invoices SET status = 'draft', series = NULL, seq = NULL, number = NULL, posted_at = NULL WHERE run_id = $1`, [runId]);
    await c.query(`DELETE FROM number_series`);
    await c.query(`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
  } finally {
    await c.end();
  }
}

/** GET health one request after another (50 ms apart) until stopped; latency percentiles. */
function probeHealth(url: string): { stop(): void; result: Promise<{ count: number; errors: number; busy: number; p50: number; p99: number; max: number }> } {
  let stopped = false;
  let errors = 0;
  let busy = 0;
  const times: number[] = [];
  const result = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(url);
        const body = (await res.json()) as { database?: { busy?: boolean } };
        if (body.database?.busy) busy++; // answered without waiting for the run's transaction
      } catch {
        errors++; // a kept-alive socket the server closed meanwhile: counted, timed like an answer
      }
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: sorted.length, errors, busy, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
  })();
  return { stop: () => (stopped = true), result };
}

const COLUMNS = [
  'invoice_id', 'run_id', 'order_product_id', 'period_start', 'period_end', 'billing_date',
  'quantity', 'unit_price', 'proration_factor', 'amount', 'trace', 'dry_run', 'kind', 'live',
] as const;

/**
 * The reference: the run's lines, read back page by page (not timed), written
 * into a table of the same shape, indexes and foreign key by multi-row INSERT ... ON
 * CONFLICT DO NOTHING, 1,000 rows per statement (timed).
 */
async function referenceInsert(url: string, runId: string, connections: number): Promise<{ lines: number; seconds: number }> {
  const reader = new pg.Client({ connectionString: url });
  const writers = Array.from({ length: connections }, () => new pg.Client({ connectionString: url }));
  await reader.connect();
  for (const w of writers) await w.connect();
  try {
    // the same table shape as invoice_lines: columns, defaults, primary key, the
    // unique keys, the lookup indexes, the foreign key to invoices and the
    // exclusion constraint over coverage (LIKE ... INCLUDING ALL copies it)
    await writers[0].query(`CREATE TABLE bench_reference_lines (LIKE invoice_lines INCLUDING ALL)`);
    await writers[0].query(`ALTER TABLE bench_reference_lines ADD FOREIGN KEY (invoice_id) REFERENCES invoices (id)`);
    let after = '';
    let lines = 0;
    let ms = 0;
    for (;;) {
      const { rows } = await reader.query(
        `SELECT id, ${COLUMNS.join(', ')} FROM invoice_lines WHERE run_id = $1 AND id > $2 ORDER BY id LIMIT ${5000 * connections}`,
        [runId, after],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const statements: { text: string; params: unknown[] }[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const params: unknown[] = [];
        const tuples = part.map((r) => {
          const base = params.length;
          for (const c of COLUMNS) params.push(c === 'trace' ? JSON.stringify(r[c]) : r[c]);
          return `(${COLUMNS.map((_, j) => `$${base + j + 1}`).join(', ')})`;
        });
        statements.push({ text: `INSERT INTO bench_reference_lines (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, params });
      }
      // the statements of this page spread over the writers, all at once (timed)
      const t0 = performance.now();
      let k = 0;
      const counts = await Promise.all(
        writers.map(async (w) => {
          let n = 0;
          for (let s = k++; s < statements.length; s = k++) n += (await w.query(statements[s].text, statements[s].params)).rowCount ?? 0;
          return n;
        }),
      );
      ms += performance.now() - t0;
      lines += counts.reduce((a, b) => a + b, 0);
    }
    return { lines, seconds: ms / 1000 };
  } finally {
    await reader.end();
    for (const w of writers) await w.end();
  }
}

async function main(): Promise<void> {
  console.log(
    `billing-run bench: ${products.toLocaleString('en-US')} order products, as of ${asOf}, chunks of ${chunkSize}, ` +
      `${concurrency} chunks at once (PROVISO_WORKER_CONCURRENCY)`,
  );
  if (!flag('--no-postgres')) await withBenchDatabase('postgres', async (db, maybeUrl) => {
    const url = maybeUrl!;
    let t = performance.now();
    await loadBook(db, products);
    const policies = await publishSamplePolicies(db);
    console.log(`  PostgreSQL: book loaded in ${((performance.now() - t) / 1000).toFixed(1)} s, ${policies} sample policies published`);
    t = performance.now();
    const run = await billingRun(db);
    console.log(
      `  billing run:       ${run.lines.toLocaleString('en-US')} lines in ${run.seconds.toFixed(2)} s = ${rate(run.lines, run.seconds)} (${run.chunks} chunks)`,
    );
    const fl = firstAndLast(run.writeMsPerLine);
    console.log(
      `  chunk write time per line: first ${(fl.first * 1000).toFixed(1)} µs, last ${(fl.last * 1000).toFixed(1)} µs ` +
        `(last/first ${(fl.last / fl.first).toFixed(2)}x, target <= 1.5x)`,
    );
    if (!flag('--no-reference')) {
      const ref = await referenceInsert(url, run.runId, concurrency);
      if (ref.lines !== run.lines) throw new Error(`reference wrote ${ref.lines} lines, the run ${run.lines}`);
      console.log(
        `  reference INSERT:  ${ref.lines.toLocaleString('en-US')} lines in ${ref.seconds.toFixed(2)} s = ${rate(ref.lines, ref.seconds)} ` +
          `(${concurrency} connection${concurrency === 1 ? '' : 's'}, as many as the run's chunks at once)`,
      );
      const ratio = run.lines / run.seconds / (ref.lines / ref.seconds);
      console.log(`  ratio run/reference: ${ratio.toFixed(2)}x (target >= 0.7x, coverage constraint in place on both)`);
    }
    if (!flag('--no-posting')) {
      for (const instances of [1, 3]) {
        const p = await postingRate(url, run.runId, instances);
        console.log(
          `  posting: ${p.invoices.toLocaleString('en-US')} invoices in ${p.seconds.toFixed(2)} s = ` +
            `${Math.round(p.invoices / p.seconds).toLocaleString('en-US')} invoices/s with ${instances} instance${instances === 1 ? '' : 's'}`,
        );
        await resetToDrafts(url, run.runId);
      }
    }
    console.log(`  peak RSS so far: ${mb(peakRss)}`);
  });
  if (!flag('--no-pglite') && pgliteProducts > 0) {
    await withBenchDatabase('pglite', async (db) => {
      await loadBook(db, pgliteProducts);
      await publishSamplePolicies(db);
      // The HTTP service on the same embedded database, probed while the run works (as `npm start` + a run).
      const app = await createApp(db, { logger: false, billingRuns: false });
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      const probe = probeHealth(`http://127.0.0.1:${address.port}/api/health`);
      const pgliteCalls = recordPgliteCalls();
      let run: RunFigures;
      try {
        run = await billingRun(db, pgliteChunkSize);
      } finally {
        probe.stop();
      }
      const calls = summarise(pgliteCalls.stop());
      const health = await probe.result;
      await app.close();
      console.log(
        `  PGlite (embedded, ${pgliteProducts.toLocaleString('en-US')} order products in chunks of ${pgliteChunkSize}, lines in statements of ${pgliteLineBatch > 0 ? pgliteLineBatch : 'a whole chunk'} — smaller N, one connection): ` +
          `${run.lines.toLocaleString('en-US')} lines in ${run.seconds.toFixed(2)} s = ${rate(run.lines, run.seconds)}`,
      );
      console.log(
        `  PGlite health during the run: ${health.count} requests (${health.errors} connection errors, ${health.busy} answered busy: the ping waited on the run's transaction), p50 ${health.p50.toFixed(0)} ms, p99 ${health.p99.toFixed(0)} ms, ` +
          `max ${health.max.toFixed(0)} ms (target p99 < 200 ms: ${health.p99 < 200 ? 'ok' : 'MISSED'})`,
      );
      // PGlite executes each statement on this thread: its longest calls bound what health can get
      console.log(
        `  PGlite statements during the run (synchronous on the event loop): ${calls.count}, p50 ${calls.p50.toFixed(1)} ms, p99 ${calls.p99.toFixed(1)} ms, max ${calls.max.toFixed(0)} ms; slowest:`,
      );
      for (const g of calls.slowest) console.log(`    max ${g.max.toFixed(0)} ms, ${g.n} calls, ${g.total.toFixed(0)} ms in all: ${g.sql}`);
    });
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(`  peak RSS: ${mb(peakRss)}${products >= 1_000_000 ? ` (limit 512 MB: ${peakRss < 512 * 1024 * 1024 ? 'ok' : 'EXCEEDED'})` : ''}`);
}

main().catch((e) => {
  console.error(`bench failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
