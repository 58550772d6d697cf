// The CSV order book from the command line: `simulate --book <folder>` gives
// the same result as the JSON book it was written from; bad cells are named by
// file, row, column and value; `import-book` loads the folder into the
// embedded database and `--dry-run` reports without writing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bookToCsvFiles } from '../../api/book/csv/csv-book-writer.js';
import { generateDemoBook } from '../../engine/book/demo-book.js';
import { proviso, workspace } from './cli-harness.js';

const POLICIES = `
policy "Enterprise bills on the 1st" {
  when account.segment is present and account.segment in ["enterprise", "strategic"]
  billing day of month 1
  prorate daily rounding half-even
}
`;
const CONFIG = JSON.stringify({ attributes: { account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'] }, order: { channel: 'string' }, line: { costCenter: 'string' } } });

const book = generateDemoBook({ orderProducts: 120, seed: 3 });
const csv = bookToCsvFiles(book);
const prefixed = (dir: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));

let ws: ReturnType<typeof workspace>;
beforeEach(() => {
  const badProducts = csv['order-products.csv'].split('\n');
  const header = badProducts[0].split(',');
  const row = badProducts[2].split(',');
  row[header.indexOf('startDate')] = '2026-02-30';
  badProducts[2] = row.join(',');
  ws = workspace({
    'proviso.config.json': CONFIG,
    'policies/main.policy': POLICIES,
    'book.json': JSON.stringify(book),
    ...prefixed('book', csv),
    ...prefixed('bad', { ...csv, 'order-products.csv': badProducts.join('\n'), 'contracts.csv': 'id,accountId,startDate,endDat\n' }),
  });
});
afterEach(() => ws.cleanup());

test('simulate reads a CSV folder to the same result as the JSON book', async () => {
  const args = (b: string) => ['simulate', '--policies', 'policies', '--book', b, '--as-of', '2026-06-01', '--format', 'json'];
  const fromJson = await proviso(args('book.json'), ws.dir);
  const fromCsv = await proviso(args('book'), ws.dir);
  expect(fromCsv.err).toBe('');
  expect(fromCsv.code).toBe(0);
  expect(JSON.parse(fromCsv.out)).toEqual(JSON.parse(fromJson.out));
  expect(JSON.parse(fromCsv.out).invoices.length).toBeGreaterThan(0);
});

test('bad cells and headers are named by file, row, column and value', async () => {
  const r = await proviso(['simulate', '--policies', 'policies', '--book', 'bad', '--as-of', '2026-06-01'], ws.dir);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toContain('bad/contracts.csv:1: endDat: is not a column of contracts.csv');
  expect(r.err).toContain('bad/order-products.csv:3: startDate = "2026-02-30": 2026-02-30 is not a calendar date');
  expect(r.err).not.toMatch(/\n\s+at /);
});

describe('import-book into the embedded database', () => {
  let dataDir: string;
  const saved = { url: process.env.DATABASE_URL, dir: process.env.PROVISO_DATA_DIR };
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'proviso-import-book-'));
    delete process.env.DATABASE_URL;
    process.env.PROVISO_DATA_DIR = dataDir;
  });
  afterAll(() => {
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    if (saved.dir !== undefined) process.env.PROVISO_DATA_DIR = saved.dir;
    else delete process.env.PROVISO_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('dry run, import, re-import: created, then unchanged; a bad folder imports nothing', async () => {
    const dry = await proviso(['import-book', 'book', '--dry-run'], ws.dir);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('dry run (nothing written)');
    expect(dry.out).toContain('orderProducts: 120 created, 0 updated, 0 unchanged');

    const real = await proviso(['import-book', 'book'], ws.dir);
    expect(real.code).toBe(0);
    expect(real.out).toContain('orderProducts: 120 created, 0 updated, 0 unchanged');

    const again = await proviso(['import-book', 'book', '--dry-run'], ws.dir);
    expect(again.out).toContain('orderProducts: 0 created, 0 updated, 120 unchanged');

    const bad = await proviso(['import-book', 'bad'], ws.dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('nothing was imported');
  }, 120_000);

  test('a run on the imported book, then export-invoices as CSV and JSON Lines with the same amounts', async () => {
    expect((await proviso(['import-book', 'book'], ws.dir)).code).toBe(0);
    const run = await proviso(['run', '--as-of', '2026-03-01', '--post'], ws.dir);
    expect(run.code).toBe(0);
    const csvOut = await proviso(['export-invoices'], ws.dir);
    expect(csvOut.code).toBe(0);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(csvOut.out, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'posted' && /^INV-/.test(r.number))).toBe(true);
    const jsonl = await proviso(['export-invoices', '--format', 'jsonl', '--output', 'out.jsonl'], ws.dir);
    expect(jsonl.code).toBe(0);
    expect(jsonl.err).toMatch(/^exported \d+ documents, \d+ lines to out.jsonl/);
    const { readFileSync } = await import('node:fs');
    const docs = readFileSync(join(ws.dir, 'out.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; lines: { amount: string }[] });
    expect(docs.flatMap((d) => d.lines.map((l) => `${d.id}:${l.amount}`)).sort()).toEqual(rows.map((r) => `${r.documentId}:${r.amount}`).sort());
    expect((await proviso(['export-invoices', '--status', 'paid'], ws.dir)).code).toBe(2);
    expect((await proviso(['export-invoices', '--from', '2026-02-30'], ws.dir)).code).toBe(2);
  }, 180_000);

  test('usage errors exit 2', async () => {
    expect((await proviso(['import-book'], ws.dir)).code).toBe(2);
    expect((await proviso(['import-book', 'book', '--frobnicate'], ws.dir)).code).toBe(2);
    const notFolder = await proviso(['import-book', 'book.json'], ws.dir);
    expect(notFolder.code).toBe(1);
    expect(notFolder.err).toContain('not a folder');
  });
});
