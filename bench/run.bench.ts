// Billing-run benchmark (`npm run bench:run`): a full billing run over a demo
// book of N order products on PostgreSQL (leases, chunk loading, the engine's
// planner with the sample policies, idempotent writes, finalisation), against
// the reference: the same invoice lines written by plain multi-row
// `INSERT ... ON CONFLICT DO NOTHING` statements with `pg` in this process.
// Prints lines/s for both, their ratio and peak RSS; then a smaller PGlite run
// with the HTTP service on the same database, printing health latency p50/p99
// during the run (target p99 < 200 ms).
//
//   node dist/bench/run.bench.js [--products 100000] [--pglite-products 10000]
//        [--as-of 2026-03-01] [--chunk-size 2000] [--pglite-chunk-size 200] [--no-pglite] [--no-reference]
//
// --products 1000000 shows memory stays bounded: the book is loaded and billed
// in chunks, never held whole (the reference then streams lines back by keyset).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { BillingRunsRepository } from '../api/billing-runs/billing-runs.repository.js';
import { RunWorker } from '../api/billing-runs/billing-runs.worker.js';
import { insertBookRows } from '../api/billing-runs/book-bulk-insert.js';
import { createRunPolicies } from '../api/billing-runs/engine-run-policies.js';
import { defaultChunkSize, readBillingRunConfig } from '../api/billing-runs/run-config.js';
import { openDatabase, type Database } from '../api/persistence/prisma-client.factory.js';
import { publishPolicyRow } from '../api/policies/policy-rows.js';
import { createApp } from '../api/server/create-app.js';
import { iterateDemoBook, type DemoBookChunk } from '../engine/book/demo-book.js';

const root = join(import.meta.dirname, '..', '..');
const rulesDir = join(root, 'rules');
const ADMIN_URL = process.env.PROVISO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
}

async function billingRun(db: Database, size = chunkSize): Promise<RunFigures> {
  const config = readBillingRunConfig(process.env, db.kind);
  const repo = new BillingRunsRepository(db.prisma);
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
  return { runId: id!, lines: run.linesCount, seconds, chunks: c.n };
}

/** GET health one request after another (50 ms apart) until stopped; latency percentiles. */
function probeHealth(url: string): { stop(): void; result: Promise<{ count: number; errors: number; p50: number; p99: number; max: number }> } {
  let stopped = false;
  let errors = 0;
  const times: number[] = [];
  const result = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
      } catch {
        errors++; // a kept-alive socket the server closed meanwhile: counted, timed like an answer
      }
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: sorted.length, errors, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
  })();
  return { stop: () => (stopped = true), result };
}

const COLUMNS = [
  'invoice_id', 'run_id', 'order_product_id', 'period_start', 'period_end', 'billing_date',
  'quantity', 'unit_price', 'proration_factor', 'amount', 'trace', 'dry_run',
] as const;

/**
 * The reference: the run's lines, read back page by page (not timed), written
 * into a table of the same shape, indexes and foreign key by multi-row INSERT ... ON
 * CONFLICT DO NOTHING, 1,000 rows per statement (timed).
 */
async function referenceInsert(url: string, runId: string): Promise<{ lines: number; seconds: number }> {
  const reader = new pg.Client({ connectionString: url });
  const writer = new pg.Client({ connectionString: url });
  await reader.connect();
  await writer.connect();
  try {
    // the same table shape as invoice_lines: columns, defaults, primary key, the
    // two unique keys, the lookup indexes and the foreign key to invoices
    await writer.query(`CREATE TABLE bench_reference_lines (LIKE invoice_lines INCLUDING ALL)`);
    await writer.query(`ALTER TABLE bench_reference_lines ADD FOREIGN KEY (invoice_id) REFERENCES invoices (id)`);
    let after = '';
    let lines = 0;
    let ms = 0;
    for (;;) {
      const { rows } = await reader.query(
        `SELECT id, ${COLUMNS.join(', ')} FROM invoice_lines WHERE run_id = $1 AND id > $2 ORDER BY id LIMIT 5000`,
        [runId, after],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const params: unknown[] = [];
        const tuples = part.map((r) => {
          const base = params.length;
          for (const c of COLUMNS) params.push(c === 'trace' ? JSON.stringify(r[c]) : r[c]);
          return `(${COLUMNS.map((_, j) => `$${base + j + 1}`).join(', ')})`;
        });
        const t0 = performance.now();
        const res = await writer.query(
          `INSERT INTO bench_reference_lines (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
          params,
        );
        ms += performance.now() - t0;
        lines += res.rowCount ?? 0;
      }
    }
    return { lines, seconds: ms / 1000 };
  } finally {
    await reader.end();
    await writer.end();
  }
}

async function withPostgres<T>(fn: (db: Database, url: string) => Promise<T>): Promise<T> {
  const name = `proviso_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  try {
    await db.migrate();
    return await fn(db, u.toString());
  } finally {
    await db.close();
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  }
}

async function main(): Promise<void> {
  console.log(
    `billing-run bench: ${products.toLocaleString('en-US')} order products, as of ${asOf}, chunks of ${chunkSize}, ` +
      `${concurrency} chunks at once (PROVISO_WORKER_CONCURRENCY)`,
  );
  await withPostgres(async (db, url) => {
    let t = performance.now();
    await loadBook(db, products);
    const policies = await publishSamplePolicies(db);
    console.log(`  PostgreSQL: book loaded in ${((performance.now() - t) / 1000).toFixed(1)} s, ${policies} sample policies published`);
    t = performance.now();
    const run = await billingRun(db);
    console.log(
      `  billing run:       ${run.lines.toLocaleString('en-US')} lines in ${run.seconds.toFixed(2)} s = ${rate(run.lines, run.seconds)} (${run.chunks} chunks)`,
    );
    if (!flag('--no-reference')) {
      const ref = await referenceInsert(url, run.runId);
      if (ref.lines !== run.lines) throw new Error(`reference wrote ${ref.lines} lines, the run ${run.lines}`);
      console.log(`  reference INSERT:  ${ref.lines.toLocaleString('en-US')} lines in ${ref.seconds.toFixed(2)} s = ${rate(ref.lines, ref.seconds)}`);
      const ratio = run.lines / run.seconds / (ref.lines / ref.seconds);
      console.log(`  ratio run/reference: ${ratio.toFixed(2)}x (target >= 0.5x)`);
    }
    console.log(`  peak RSS so far: ${mb(peakRss)}`);
  });
  if (!flag('--no-pglite') && pgliteProducts > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'proviso-bench-'));
    const db = await openDatabase({ dataDir: dir });
    try {
      await db.migrate();
      await loadBook(db, pgliteProducts);
      await publishSamplePolicies(db);
      // The HTTP service on the same embedded database, probed while the run works (as `npm start` + a run).
      const app = await createApp(db, { logger: false, billingRuns: false });
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      const probe = probeHealth(`http://127.0.0.1:${address.port}/api/health`);
      let run: RunFigures;
      try {
        run = await billingRun(db, pgliteChunkSize);
      } finally {
        probe.stop();
      }
      const health = await probe.result;
      await app.close();
      console.log(
        `  PGlite (embedded, ${pgliteProducts.toLocaleString('en-US')} order products in chunks of ${pgliteChunkSize} — smaller N, one connection): ` +
          `${run.lines.toLocaleString('en-US')} lines in ${run.seconds.toFixed(2)} s = ${rate(run.lines, run.seconds)}`,
      );
      console.log(
        `  PGlite health during the run: ${health.count} requests (${health.errors} connection errors), p50 ${health.p50.toFixed(0)} ms, p99 ${health.p99.toFixed(0)} ms, ` +
          `max ${health.max.toFixed(0)} ms (target p99 < 200 ms: ${health.p99 < 200 ? 'ok' : 'MISSED'})`,
      );
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(`  peak RSS: ${mb(peakRss)}${products >= 1_000_000 ? ` (limit 512 MB: ${peakRss < 512 * 1024 * 1024 ? 'ok' : 'EXCEEDED'})` : ''}`);
}

main().catch((e) => {
  console.error(`bench failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
