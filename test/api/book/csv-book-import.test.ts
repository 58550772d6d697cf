// A CSV order book into the real PostgreSQL and PGlite: imported rows equal the
// JSON book they were written from; a re-import changes nothing; a dry run
// counts and writes nothing; a bad row anywhere (even after earlier batches
// were written) leaves the database exactly as it was.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCsvBook } from '../../../api/book/csv/csv-book-import.js';
import { bookToCsvFiles } from '../../../api/book/csv/csv-book-writer.js';
import { folderSource } from '../../../api/book/csv/csv-book-sources.js';
import { BookRepository } from '../../../api/book/book.repository.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';

function folderOf(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-csv-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));

async function tableCounts(db: Database): Promise<number[]> {
  const p = db.prisma;
  return Promise.all([p.account.count(), p.contract.count(), p.order.count(), p.orderProduct.count(), p.invoicedPeriod.count(), p.auditLog.count()]);
}

describe.each(DATABASE_KINDS)('CSV book import on %s', (kind) => {
  let database: TestDatabase;
  let db: Database;
  const book: OrderBook = generateDemoBook({ orderProducts: 400, seed: 11 });
  const folders: { cleanup(): void }[] = [];
  const folder = (files: Record<string, string>): string => {
    const f = folderOf(files);
    folders.push(f);
    return f.dir;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await openDatabase(database.options);
    await db.migrate();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    for (const f of folders) f.cleanup();
  });

  test('a dry run counts every row as created and writes nothing', async () => {
    const before = await tableCounts(db);
    const r = await importCsvBook(db, folderSource(folder(bookToCsvFiles(book))), { dryRun: true, batchSize: 50 });
    expect(r).toMatchObject({ ok: true, dryRun: true });
    if (!r.ok) return;
    expect(r.changes.orderProducts).toEqual({ created: 400, updated: 0, unchanged: 0 });
    expect(r.changes.accounts.created).toBe(book.accounts.length);
    expect(await tableCounts(db)).toEqual(before);
  });

  test('an import stores the book as the JSON contract describes it; a second one changes nothing', async () => {
    const dir = folder(bookToCsvFiles(book));
    const r = await importCsvBook(db, folderSource(dir), { batchSize: 50 });
    expect(r.ok).toBe(true);
    const stored = await new BookRepository(db.prisma as never).loadAll();
    expect(byId(stored.accounts)).toEqual(byId(book.accounts));
    expect(byId(stored.contracts)).toEqual(byId(book.contracts));
    expect(byId(stored.orders)).toEqual(byId(book.orders));
    const norm = (p: OrderBook['orderProducts'][number]) => ({ ...p, quantity: String(Number(p.quantity)), unitPrice: Number(p.unitPrice).toFixed(2) });
    expect(byId(stored.orderProducts).map(norm)).toEqual(byId(book.orderProducts).map(norm));

    const again = await importCsvBook(db, folderSource(dir), { dryRun: true });
    expect(again.ok && again.changes.orderProducts).toEqual({ created: 0, updated: 0, unchanged: 400 });
    expect(again.ok && again.changes.accounts).toEqual({ created: 0, updated: 0, unchanged: book.accounts.length });
  });

  test('one changed price and one new line are counted as updated and created', async () => {
    const [first, ...rest] = book.orderProducts;
    const changed: OrderBook = {
      ...book,
      orderProducts: [{ ...first, unitPrice: '123.45' }, ...rest, { ...rest[0], id: 'OP-NEW', amends: null }],
    };
    const r = await importCsvBook(db, folderSource(folder(bookToCsvFiles(changed))), { dryRun: true, batchSize: 64 });
    expect(r.ok && r.changes.orderProducts).toEqual({ created: 1, updated: 1, unchanged: 399 });
  });

  test('a bad row after written batches refuses the whole import and leaves every table as it was', async () => {
    const before = await tableCounts(db);
    const files = bookToCsvFiles({ ...book, accounts: [...book.accounts, { ...book.accounts[0], id: 'A-LATE', name: 'Late GmbH' }] });
    const lines = files['order-products.csv'].split('\n');
    // row 301 of the spreadsheet = data row 300: far past the first batches of 50
    const cells = lines[300].split(',');
    const header = lines[0].split(',');
    cells[header.indexOf('unitPrice')] = '12,5'.replace(',', ';');
    lines[300] = cells.join(',');
    files['order-products.csv'] = lines.join('\n');
    const r = await importCsvBook(db, folderSource(folder(files)), { batchSize: 50 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'order-products.csv', row: 301, column: 'unitPrice', value: '12;5', message: expect.stringContaining('decimal string') }),
    ]);
    expect(await tableCounts(db)).toEqual(before);
    expect(await db.prisma.account.findUnique({ where: { id: 'A-LATE' } })).toBeNull();
  });
});
