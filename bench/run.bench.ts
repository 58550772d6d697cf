// Billing-run benchmark (`npm run bench:run`): a full billing run over a demo
// book of N order products on PostgreSQL (leases, chunk loading, the engine's
// planner with the sample policies, idempotent writes, finalisation), against
// the reference: the same invoice lines written by plain multi-row
// `INSERT ... ON CONFLICT DO NOTHING` statements with `pg` in this process.
// The reference uses as many connections as the run writes chunks at once.
// For each worker concurrency (`--concurrency 1,2`) and each repeat, on a
// fresh database: lines/s for both, their ratio, the write time per line of
// the first and the last chunks (medians of the first and last 5% of the
// chunks: flat per-line cost); then the medians over the repeats (the machine
// may be shared: ratios are measured in one process, run and reference back to
// back, and every figure prints the load average). Then posting invoices/s
// for one and three instances posting `--posting-invoices` drafts (default
// 100,000); then one run worked by one and by two separate processes
// (`--instances 1,2`, `--instance-products`, `--instance-concurrency` chunks
// at once each; order alternating per repeat); peak RSS; then a smaller
// PGlite run with the HTTP service on the same database, printing health
// latency p50/p99 during the run (target p99 < 200 ms).
//
//   node dist/bench/run.bench.js [--products 100000] [--pglite-products 10000]
//        [--as-of 2026-03-01] [--chunk-size 2000] [--pglite-chunk-size 200]
//        [--concurrency 1,2] [--repeat 1] [--posting-invoices 100000]
//        [--instances 1,2] [--instance-products 100000] [--instance-concurrency 1]
//        [--no-pglite] [--no-reference] [--no-posting] [--no-run] [--no-instances]
//
// --products 1000000 shows memory stays bounded: the book is loaded and billed
// in chunks, never held whole (the reference then streams lines back by keyset).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
import { withBenchDatabase } from './bench-database.js';
import { recordPgliteCalls, summarise } from './pglite-call-times.js';
import { iterateDemoBook, type DemoBookChunk } from '../engine/book/demo-book.js';

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
const concurrencies = arg('--concurrency', '1,2').split(',').map(Number);
const repeats = Number(arg('--repeat', '1'));
const postingInvoices = Number(arg('--posting-invoices', '100000'));
const instanceCounts = arg('--instances', '1,2').split(',').map(Number);
const instanceProducts = Number(arg('--instance-products', '100000'));
const instanceConcurrency = Number(arg('--instance-concurrency', '1'));

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
rssTimer.unref();
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** RSS and V8 heap in use now. */
const memoryNow = (): string => {
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)}, heap used ${mb(m.heapUsed)}`;
};
/** The machine's load averages (1, 5, 15 min): the box is shared, every figure says how loaded it was. */
const load = (): string => `load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en-US')} lines/s`;

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

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

/**
 * Loads the book and publishes the policies in a child process, so the
 * RSS this process prints is the billing run's (a service instance's), not
 * the demo-book generator's.
 */
async function loadInChild(url: string, n: number): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--load-book-into', url, '--products', String(n)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`loading the book failed (exit ${code})`);
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

async function billingRun(db: Database, size = chunkSize, concurrency?: number): Promise<RunFigures> {
  const env = readBillingRunConfig(process.env, db.kind);
  const config = { ...env, concurrency: concurrency ?? env.concurrency };
  // as the service does: on PGlite a chunk's lines in statements of PGLITE_LINE_BATCH
  const repo = new TimedRepository(db.prisma, DEFAULT_NUMBERING, systemClock, db.kind === 'pglite' ? PGLITE_LINE_BATCH : undefined);
  const policies = await createRunPolicies(db.prisma, { cwd: rulesDir });
  const t0 = performance.now();
  const id = await repo.createRun({ asOf, dryRun: false, trigger: 'cli', policyVersions: await policies.current() }, size);
  // the service's settings (PROVISO_WORKER_CONCURRENCY unless given, etc.) with a long lease
  const worker = new RunWorker(db.prisma, repo, policies, { ...config, leaseSeconds: 120 });
  await worker.drain();
  const seconds = (performance.now() - t0) / 1000;
  const run = (await repo.getRun(id!))!;
  if (run.status !== 'completed') throw new Error(`run ${id} ended ${run.status}: ${run.error}`);
  const [c] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM billing_run_chunks WHERE run_id = $1`, id);
  return { runId: id!, lines: run.linesCount, seconds, chunks: c.n, writeMsPerLine: repo.writes.map((w) => w.ms / w.lines) };
}

/**
 * The per-line write time of the first and of the last chunks: the median of
 * the first and of the last 5% of the chunks written (at least 3), so a
 * moment of load from elsewhere on the shared machine does not decide it.
 */
function firstAndLast(perLine: readonly number[]): { first: number; last: number; k: number } {
  const k = Math.max(3, Math.round(perLine.length / 20));
  return { first: median(perLine.slice(0, k)), last: median(perLine.slice(-k)), k };
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

/**
 * `n` draft invoices of one completed run, one per new account (bench data
 * for posting: a run over 100,000 accounts would need about a million order
 * products). Returns the run's id.
 */
async function makeDrafts(url: string, n: number): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO accounts (id, name, currency, timezone, attributes)
       SELECT 'PB-' || lpad(g::text, 7, '0'), 'Posting bench ' || g, 'EUR', 'UTC', '{}'::jsonb FROM generate_series(1, $1) g`,
      [n],
    );
    const { rows } = await c.query(
      `INSERT INTO billing_runs (as_of, trigger, status, started_at, finished_at) VALUES ($1::date, 'cli', 'completed', now(), now()) RETURNING id`,
      [asOf],
    );
    await c.query(
      `INSERT INTO invoices (run_id, account_id, currency, invoice_date, total)
       SELECT $1, 'PB-' || lpad(g::text, 7, '0'), 'EUR', $2::date, 100 FROM generate_series(1, $3) g`,
      [rows[0].id, asOf, n],
    );
    await c.query(`ANALYZE invoices`);
    return rows[0].id as string;
  } finally {
    await c.end();
  }
}

/** Makes the run's invoices drafts again (bench only: unposts through a trigger-free path). */
async function resetToDrafts(url: string, runId: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    await c.query(`UPDATE invoices SET status = 'draft', series = NULL, seq = NULL, number = NULL, posted_at = NULL WHERE run_id = $1`, [runId]);
    await c.query(`DELETE FROM webhook_events`).catch(() => undefined);
    await c.query(`DELETE FROM audit_log WHERE action = 'invoice.post'`);
    await c.query(`DELETE FROM number_series`);
    await c.query(`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
  } finally {
    await c.end();
  }
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
      // each line with its full trace (the run stores a trace once per distinct trace; the reference writes it per line)
      const { rows } = await reader.query(
        `SELECT l.id, ${COLUMNS.map((c) => (c === 'trace' ? `coalesce(t.trace, l.trace) AS trace` : `l.${c}`)).join(', ')}
           FROM invoice_lines l LEFT JOIN line_traces t ON t.hash = l.trace_hash
          WHERE l.run_id = $1 AND l.id > $2 ORDER BY l.id LIMIT ${5000 * connections}`,
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

/**
 * One run over `instanceProducts` order products worked by `instances`
 * separate processes (service instances: their own connection pool and
 * event loop, `instanceConcurrency` chunks at once each), on a fresh
 * database. Lines/s from the run's own started_at .. finished_at (the first
 * lease to the finalisation; process start-up not counted).
 */
async function instancesRate(instances: number): Promise<{ lines: number; seconds: number }> {
  return withBenchDatabase('postgres', async (db, maybeUrl) => {
    const url = maybeUrl!;
    await loadInChild(url, instanceProducts);
    const repo = new BillingRunsRepository(db.prisma);
    const policies = await createRunPolicies(db.prisma, { cwd: rulesDir });
    const id = await repo.createRun({ asOf, dryRun: false, trigger: 'cli', policyVersions: await policies.current() }, chunkSize);
    const children = Array.from({ length: instances }, () =>
      spawn(process.execPath, [...process.execArgv, process.argv[1], '--work-run-in', url], { stdio: ['ignore', 'inherit', 'inherit'] }),
    );
    const codes = await Promise.all(children.map(async (c) => ((await once(c, 'exit')) as [number | null])[0]));
    if (codes.some((c) => c !== 0)) throw new Error(`an instance failed (exit codes ${codes.join(', ')})`);
    const [r] = await db.prisma.$queryRawUnsafe<{ status: string; lines: number; seconds: number }[]>(
      `SELECT status, lines_count AS lines, extract(epoch FROM finished_at - started_at)::float8 AS seconds FROM billing_runs WHERE id = $1`,
      id,
    );
    if (r.status !== 'completed') throw new Error(`run ${id} ended ${r.status}`);
    return { lines: r.lines, seconds: r.seconds };
  });
}

/** Child mode: one service instance working every active run on the database at `url` until none is left. */
async function workRunsIn(url: string): Promise<void> {
  const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
  try {
    const repo = new BillingRunsRepository(db.prisma);
    const policies = await createRunPolicies(db.prisma, { cwd: rulesDir });
    const config = readBillingRunConfig(process.env, db.kind);
    await new RunWorker(db.prisma, repo, policies, { ...config, concurrency: instanceConcurrency, leaseSeconds: 120 }).drain();
  } finally {
    await db.close();
  }
}


/** One run and its reference on a fresh database at `concurrency` chunks at once (and as many reference connections). */
async function runAndReference(concurrency: number): Promise<{ ratio: number | null; lastOverFirst: number }> {
  return withBenchDatabase('postgres', async (db, maybeUrl) => {
    const url = maybeUrl!;
    let t = performance.now();
    await loadInChild(url, products);
    console.log(`    book loaded and sample policies published in ${((performance.now() - t) / 1000).toFixed(1)} s by a child process (here: ${memoryNow()})`);
    t = performance.now();
    const run = await billingRun(db, chunkSize, concurrency);
    console.log(
      `    billing run:       ${run.lines.toLocaleString('en-US')} lines in ${run.seconds.toFixed(2)} s = ${rate(run.lines, run.seconds)} (${run.chunks} chunks, ${load()})`,
    );
    const rssAfterRun = peakRss;
    const fl = firstAndLast(run.writeMsPerLine);
    console.log(
      `    chunk write time per line (median of the first / last ${fl.k} chunks): first ${(fl.first * 1000).toFixed(1)} µs, last ${(fl.last * 1000).toFixed(1)} µs ` +
        `(last/first ${(fl.last / fl.first).toFixed(2)}x; all chunks ${(median(run.writeMsPerLine) * 1000).toFixed(1)} µs median)`,
    );
    let ratio: number | null = null;
    if (!flag('--no-reference')) {
      const ref = await referenceInsert(url, run.runId, concurrency);
      if (ref.lines !== run.lines) throw new Error(`reference wrote ${ref.lines} lines, the run ${run.lines}`);
      ratio = run.lines / run.seconds / (ref.lines / ref.seconds);
      console.log(
        `    reference INSERT:  ${ref.lines.toLocaleString('en-US')} lines in ${ref.seconds.toFixed(2)} s = ${rate(ref.lines, ref.seconds)} ` +
          `(${concurrency} connection${concurrency === 1 ? '' : 's'}); ratio run/reference ${ratio.toFixed(2)}x (${load()})`,
      );
    }
    console.log(`    peak RSS so far: ${mb(peakRss)} (after the run ${mb(rssAfterRun)}, now ${memoryNow()})`);
    return { ratio, lastOverFirst: fl.last / fl.first };
  });
}

async function main(): Promise<void> {
  console.log(
    `billing-run bench: ${products.toLocaleString('en-US')} order products, as of ${asOf}, chunks of ${chunkSize}, ` +
      `concurrency ${concurrencies.join(' and ')}, ${repeats} repeat${repeats === 1 ? '' : 's'}`,
  );
  for (const concurrency of flag('--no-run') ? [] : concurrencies) {
    const ratios: number[] = [];
    const growth: number[] = [];
    for (let r = 1; r <= repeats; r++) {
      console.log(`  PostgreSQL, ${concurrency} chunk${concurrency === 1 ? '' : 's'} at once, repeat ${r}:`);
      const f = await runAndReference(concurrency);
      if (f.ratio !== null) ratios.push(f.ratio);
      growth.push(f.lastOverFirst);
    }
    console.log(
      `  median at concurrency ${concurrency}: chunk write last/first ${median(growth).toFixed(2)}x (target <= 1.5x)` +
        (ratios.length ? `, ratio run/reference ${median(ratios).toFixed(2)}x (target >= 0.7x, coverage constraint in place on both)` : ''),
    );
  }
  if (!flag('--no-posting') && postingInvoices > 0) {
    await withBenchDatabase('postgres', async (_db, url) => {
      const runId = await makeDrafts(url!, postingInvoices);
      for (const instances of [1, 3]) {
        const p = await postingRate(url!, runId, instances);
        console.log(
          `  posting: ${p.invoices.toLocaleString('en-US')} invoices in ${p.seconds.toFixed(2)} s = ` +
            `${Math.round(p.invoices / p.seconds).toLocaleString('en-US')} invoices/s with ${instances} instance${instances === 1 ? '' : 's'} (${load()})`,
        );
        await resetToDrafts(url!, runId);
      }
    });
  }
  if (!flag('--no-instances') && instanceCounts.length > 0) {
    for (let r = 1; r <= repeats; r++) {
      for (const k of r % 2 ? instanceCounts : [...instanceCounts].reverse()) {
        const f = await instancesRate(k);
        console.log(
          `  instances: ${k} process${k === 1 ? '' : 'es'} (${instanceConcurrency} chunk${instanceConcurrency === 1 ? '' : 's'} at once each), ` +
            `${instanceProducts.toLocaleString('en-US')} order products: ${f.lines.toLocaleString('en-US')} lines in ${f.seconds.toFixed(2)} s = ${rate(f.lines, f.seconds)} (${load()})`,
        );
      }
    }
  }
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
        `  PGlite (embedded, ${pgliteProducts.toLocaleString('en-US')} order products in chunks of ${pgliteChunkSize} — smaller N, one connection): ` +
          `${run.lines.toLocaleString('en-US')} lines in ${run.seconds.toFixed(2)} s = ${rate(run.lines, run.seconds)}`,
      );
      console.log(
        `  PGlite health during the run: ${health.count} requests (${health.errors} connection errors), p50 ${health.p50.toFixed(0)} ms, p99 ${health.p99.toFixed(0)} ms, ` +
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
  console.log(`  peak RSS: ${mb(peakRss)} (${load()})${products >= 1_000_000 ? ` (limit 512 MB: ${peakRss < 512 * 1024 * 1024 ? 'ok' : 'EXCEEDED'})` : ''}`);
}

/** Child mode: load the demo book and publish the sample policies into the database at `url`, then exit. */
async function loadBookInto(url: string): Promise<void> {
  const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await loadBook(db, products);
    await publishSamplePolicies(db);
  } finally {
    await db.close();
  }
}

const loadInto = arg('--load-book-into', '');
const workIn = arg('--work-run-in', '');
(loadInto ? loadBookInto(loadInto) : workIn ? workRunsIn(workIn) : main()).catch((e) => {
  console.error(`bench failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
