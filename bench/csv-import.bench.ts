// CSV order-book import benchmark (`npm run bench:csv`): writes a demo book of
// N order products as CSV files (streamed to disk), then imports the folder
// with `importCsvBook` (csv-parse -> book validator -> batched upserts in one
// transaction) into a fresh PostgreSQL database (PGlite with --pglite).
// Prints order products/s, peak RSS and the CSV size; then the reference: the
// same book as one JSON document through parseOrderBook + BookRepository.upsert
// (the POST /api/book path, which holds the whole book), at --reference-products.
//
//   node dist/bench/csv-import.bench.js [--products 1000000] [--reference-products 100000] [--pglite] [--no-reference]
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import pg from 'pg';
import { BookRepository } from '../api/book/book.repository.js';
import { importCsvBook } from '../api/book/csv/csv-book-import.js';
import { CSV_BOOK_FILES, ATTRIBUTE_PREFIX } from '../api/book/csv/csv-book-layout.js';
import { folderSource } from '../api/book/csv/csv-book-sources.js';
import { csvLine } from '../api/book/csv/csv-book-writer.js';
import { openDatabase, type Database } from '../api/persistence/prisma-client.factory.js';
import { generateDemoBook, iterateDemoBook } from '../engine/book/demo-book.js';
import { parseOrderBook } from '../engine/book/validate-book.js';

const ADMIN_URL = process.env.PROVISO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string): boolean => process.argv.includes(name);
const products = Number(arg('--products', '1000000'));
const referenceProducts = Number(arg('--reference-products', '100000'));

let peakRss = 0;
const sample = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const rssTimer = setInterval(sample, 50);
rssTimer.unref();
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const perSecond = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} order products/s`;

/** Attribute columns the demo book uses, per entity. */
const ATTRS: Record<string, string[]> = { accounts: ['region', 'segment'], orders: ['channel'], orderProducts: ['costCenter'], contracts: [], invoiced: [] };

async function writeCsvBook(dir: string, n: number): Promise<number> {
  const streams = new Map<string, WriteStream>();
  for (const layout of CSV_BOOK_FILES) {
    const s = createWriteStream(join(dir, layout.file));
    s.write(csvLine([...Object.keys(layout.columns), ...ATTRS[layout.entity].map((a) => ATTRIBUTE_PREFIX + a)]));
    streams.set(layout.entity, s);
  }
  for (const chunk of iterateDemoBook({ orderProducts: n, seed: 42 })) {
    for (const layout of CSV_BOOK_FILES) {
      const s = streams.get(layout.entity)!;
      let text = '';
      for (const r of chunk[layout.entity] as unknown as Record<string, unknown>[]) {
        const attrs = (r.attributes as Record<string, unknown> | undefined) ?? {};
        text += csvLine([...Object.keys(layout.columns).map((c) => r[c]), ...ATTRS[layout.entity].map((a) => attrs[a])]);
      }
      if (text && !s.write(text)) await once(s, 'drain');
    }
  }
  let bytes = 0;
  for (const [entity, s] of streams) {
    s.end();
    await once(s, 'finish');
    bytes += statSync(join(dir, CSV_BOOK_FILES.find((f) => f.entity === entity)!.file)).size;
  }
  return bytes;
}

async function freshDatabase(): Promise<{ db: Database; drop(): Promise<void> }> {
  if (flag('--pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'proviso-bench-csv-pglite-'));
    const db = await openDatabase({ dataDir: dir });
    await db.migrate();
    return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `proviso_bench_csv_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
  await db.migrate();
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-bench-csv-'));
  try {
    let t = Date.now();
    const bytes = await writeCsvBook(dir, products);
    console.log(`wrote a CSV book of ${products.toLocaleString('en-US')} order products: ${mb(bytes)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const target = await freshDatabase();
    global.gc?.();
    peakRss = process.memoryUsage().rss;
    const baseline = peakRss;
    t = Date.now();
    const r = await importCsvBook(target.db.prisma, folderSource(dir));
    const ms = Date.now() - t;
    sample();
    if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
    console.log(
      `CSV import (${flag('--pglite') ? 'PGlite' : 'PostgreSQL'}): ${r.changes.orderProducts.created.toLocaleString('en-US')} order products in ${(ms / 1000).toFixed(1)} s = ${perSecond(products, ms)}; ` +
        `peak RSS ${mb(peakRss)} (${mb(peakRss - baseline)} above the ${mb(baseline)} before the import)`,
    );
    await target.drop();
    if (flag('--no-reference')) return;

    const ref = await freshDatabase();
    const book = generateDemoBook({ orderProducts: referenceProducts, seed: 42 });
    global.gc?.();
    const refBase = process.memoryUsage().rss;
    peakRss = refBase;
    t = Date.now();
    const parsed = parseOrderBook(JSON.parse(JSON.stringify(book)));
    if (!parsed.ok) throw new Error('reference book invalid');
    await ref.db.prisma.$transaction((tx) => new BookRepository(ref.db.prisma as never).upsert(tx, parsed.book), { timeout: 3_600_000 });
    const refMs = Date.now() - t;
    sample();
    console.log(
      `reference, JSON book through parseOrderBook + upsert: ${referenceProducts.toLocaleString('en-US')} order products in ${(refMs / 1000).toFixed(1)} s = ${perSecond(referenceProducts, refMs)}; ` +
        `peak RSS ${mb(peakRss)} (the whole book in memory)`,
    );
    console.log(`ratio CSV/JSON throughput: ${((products / ms) / (referenceProducts / refMs)).toFixed(2)}`);
    await ref.drop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
