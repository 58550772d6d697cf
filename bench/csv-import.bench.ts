// CSV order-book import benchmark (`npm run bench:csv`): writes a demo book of
// N order products as CSV files (streamed to disk), then imports the folder
// with `importCsvBook` (csv-parse -> book validator -> staging tables -> SQL
// reference checks -> upserts, in one transaction) into a fresh PostgreSQL
// database (PGlite with --pglite). Prints order products/s, peak RSS, the CSV
// size and the time of each phase; then the reference: the
// same book as one JSON document through parseOrderBook + BookRepository.upsert
// (the POST /api/book path, which holds the whole book), at --reference-products.
//
//   node dist/bench/csv-import.bench.js [--products 100000,1000000] [--reference-products 100000] [--pglite] [--no-reference]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { BookRepository } from '../api/book/book.repository.js';
import { importCsvBook } from '../api/book/csv/csv-book-import.js';
import { CSV_BOOK_FILES, ATTRIBUTE_PREFIX } from '../api/book/csv/csv-book-layout.js';
import { folderSource } from '../api/book/csv/csv-book-sources.js';
import { csvLine } from '../api/book/csv/csv-book-writer.js';
import { generateDemoBook, iterateDemoBook } from '../engine/book/demo-book.js';
import { parseOrderBook } from '../engine/book/validate-book.js';
import { freshBenchDatabase } from './bench-database.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string): boolean => process.argv.includes(name);
/** One import per size, each into a fresh database (a list shows whether memory grows with rows). */
const sizes = arg('--products', '100000,1000000').split(',').map(Number);
const kind = flag('--pglite') ? 'pglite' : 'postgres';
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

/** Writes a book of n order products and imports it into a fresh database; prints and returns the figures. */
async function importOnce(n: number): Promise<{ n: number; ms: number; peakAbove: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-bench-csv-'));
  try {
    let t = Date.now();
    const bytes = await writeCsvBook(dir, n);
    console.log(`wrote a CSV book of ${n.toLocaleString('en-US')} order products: ${mb(bytes)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const target = await freshBenchDatabase(kind, { poolSize: 2 });
    try {
      global.gc?.();
      peakRss = process.memoryUsage().rss;
      const baseline = peakRss;
      t = Date.now();
      const phases: [string, number][] = [];
      const r = await importCsvBook(target.db, folderSource(dir), { onPhase: (p) => void phases.push([p, Date.now()]) });
      const ms = Date.now() - t;
      const end = t + ms;
      sample();
      if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
      console.log(
        `CSV import (${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}): ${r.changes.orderProducts.created.toLocaleString('en-US')} order products in ${(ms / 1000).toFixed(1)} s = ${perSecond(n, ms)}; ` +
          `peak RSS ${mb(peakRss)} (${mb(peakRss - baseline)} above the ${mb(baseline)} before the import; target < 400 MB)`,
      );
      const spans = phases.map(([p, at], i) => `${p} ${(((phases[i + 1]?.[1] ?? end) - at) / 1000).toFixed(1)} s`);
      console.log(`  phases: ${spans.join(', ')} (stage = read, validate and copy into staging; check = SQL duplicates and references; move = upserts)`);
      return { n, ms, peakAbove: peakRss - baseline };
    } finally {
      await target.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const figures = [];
  for (const n of sizes) figures.push(await importOnce(n));
  if (figures.length > 1) {
    const [first, last] = [figures[0], figures[figures.length - 1]];
    console.log(
      `peak RSS above baseline, ${last.n.toLocaleString('en-US')} vs ${first.n.toLocaleString('en-US')} order products: ` +
        `${(last.peakAbove / Math.max(1, first.peakAbove)).toFixed(2)}x for ${(last.n / first.n).toFixed(0)}x the rows (flat = independent of row count)`,
    );
  }
  if (flag('--no-reference')) return;
  const last = figures[figures.length - 1];
  const ref = await freshBenchDatabase(kind, { poolSize: 2 });
  try {
    const book = generateDemoBook({ orderProducts: referenceProducts, seed: 42 });
    global.gc?.();
    peakRss = process.memoryUsage().rss;
    const t = Date.now();
    const parsed = parseOrderBook(JSON.parse(JSON.stringify(book)));
    if (!parsed.ok) throw new Error('reference book invalid');
    await ref.db.prisma.$transaction((tx) => new BookRepository(ref.db.prisma as never).upsert(tx, parsed.book), { timeout: 3_600_000 });
    const refMs = Date.now() - t;
    sample();
    console.log(
      `reference, JSON book through parseOrderBook + upsert: ${referenceProducts.toLocaleString('en-US')} order products in ${(refMs / 1000).toFixed(1)} s = ${perSecond(referenceProducts, refMs)}; ` +
        `peak RSS ${mb(peakRss)} (the whole book in memory)`,
    );
    console.log(`ratio CSV/JSON throughput: ${(last.n / last.ms / (referenceProducts / refMs)).toFixed(2)}`);
  } finally {
    await ref.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
