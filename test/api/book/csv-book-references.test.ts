// The CSV import checks duplicates and references in SQL over its staged rows
// (the process keeps no ids). Each problem names file, row, column and value,
// word for word as the in-memory check (`simulate --book`) names it; bad rows
// anywhere refuse the whole import; at most MAX_ERRORS problems come back.
import { Readable } from 'node:stream';
import { importCsvBook } from '../../../api/book/csv/csv-book-import.js';
import { loadCsvBook } from '../../../api/book/csv/csv-book-memory.js';
import type { CsvBookError, CsvBookSource } from '../../../api/book/csv/csv-book-reader.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { MAX_ERRORS } from '../../../engine/book/validate-book.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';

const ACCOUNTS = 'id,name,currency,timezone,billingDayOfMonth\nA1,Acme,EUR,Europe/Berlin,\nA2,Beta,EUR,Europe/Berlin,\n';
const CONTRACTS = 'id,accountId,startDate,endDate\nC1,A1,2026-01-01,\nC2,A2,2026-01-01,\n';
const ORDERS = 'id,accountId,contractId,type,status,activatedDate,poNumber\nO1,A1,C1,new,activated,2026-01-10,\nO2,A2,,new,activated,2026-01-10,\n';
const PRODUCT_HEADER = 'id,orderId,productCode,productName,chargeType,billingFrequency,billingType,quantity,unitPrice,startDate,endDate,billingDayOfMonth,amends,holdBilling\n';
const product = (id: string, orderId: string, amends = '', unitPrice = '100.00'): string =>
  `${id},${orderId},P,Product,recurring,monthly,advance,1,${unitPrice},2026-01-15,,,${amends},false\n`;
const PRODUCTS = PRODUCT_HEADER + product('OP1', 'O1') + product('OP2', 'O2');
const INVOICED = 'orderProductId,periodStart,periodEnd,amount\nOP1,2026-01-15,2026-02-14,100.00\n';
const BOOK = { 'accounts.csv': ACCOUNTS, 'contracts.csv': CONTRACTS, 'orders.csv': ORDERS, 'order-products.csv': PRODUCTS, 'invoiced.csv': INVOICED };

function source(files: Record<string, string>): CsvBookSource {
  return { open: async (f) => (f in files ? Readable.from([files[f]]) : null) };
}

const FILES = Object.keys(BOOK);
const sorted = (errors: readonly CsvBookError[]): CsvBookError[] =>
  [...errors].sort((a, b) => FILES.indexOf(a.file) - FILES.indexOf(b.file) || (a.row ?? 0) - (b.row ?? 0) || a.message.localeCompare(b.message));

const where = ({ file, row, column, message }: CsvBookError): Omit<CsvBookError, 'value'> => ({ file, row, column, message });

const CASES: [string, Partial<Record<keyof typeof BOOK, string>>, Partial<CsvBookError>[]][] = [
  ['a contract of an unknown account', { 'contracts.csv': CONTRACTS + 'C3,A9,2026-01-01,\n' },
    [{ file: 'contracts.csv', row: 4, column: 'accountId', value: 'A9', message: 'unknown account "A9"' }]],
  ['an order of an unknown account and contract', { 'orders.csv': ORDERS + 'O3,A9,C9,new,draft,,\n' },
    [{ file: 'orders.csv', row: 4, column: 'accountId', value: 'A9', message: 'unknown account "A9"' },
      { file: 'orders.csv', row: 4, column: 'contractId', value: 'C9', message: 'unknown contract "C9"' }]],
  ['an order on the contract of another account', { 'orders.csv': ORDERS + 'O3,A2,C1,new,draft,,\n' },
    [{ file: 'orders.csv', row: 4, column: 'contractId', value: 'C1', message: 'contract "C1" belongs to account "A1", not "A2"' }]],
  ['a line of an unknown order', { 'order-products.csv': PRODUCTS + product('OP3', 'O9') },
    [{ file: 'order-products.csv', row: 4, column: 'orderId', value: 'O9', message: 'unknown order "O9"' }]],
  ['duplicate ids in every file', {
    'accounts.csv': ACCOUNTS + 'A1,Again,EUR,UTC,\n', 'contracts.csv': CONTRACTS + 'C1,A1,2026-01-01,\n',
    'orders.csv': ORDERS + 'O2,A2,,new,draft,,\n', 'order-products.csv': PRODUCTS + product('OP1', 'O1'),
  }, [
    { file: 'accounts.csv', row: 4, column: 'id', value: 'A1', message: 'duplicate id "A1" (first at accounts.csv row 2)' },
    { file: 'contracts.csv', row: 4, column: 'id', value: 'C1', message: 'duplicate id "C1" (first at contracts.csv row 2)' },
    { file: 'orders.csv', row: 4, column: 'id', value: 'O2', message: 'duplicate id "O2" (first at orders.csv row 3)' },
    { file: 'order-products.csv', row: 4, column: 'id', value: 'OP1', message: 'duplicate id "OP1" (first at order-products.csv row 2)' },
  ]],
  ['amendments: of an unknown line, of itself, of another account\'s line', {
    'order-products.csv': PRODUCTS + product('OP3', 'O1', 'OP9') + product('OP4', 'O1', 'OP4') + product('OP5', 'O1', 'OP2') + product('OP6', 'O1', 'OP7') + product('OP7', 'O1'),
  }, [
    { file: 'order-products.csv', row: 4, column: 'amends', value: 'OP9', message: 'unknown order product "OP9"' },
    { file: 'order-products.csv', row: 5, column: 'amends', value: 'OP4', message: 'an order product cannot amend itself' },
    { file: 'order-products.csv', row: 6, column: 'amends', value: 'OP2', message: 'order product "OP2" belongs to another account (A2)' },
  ]],
  ['an invoiced period of an unknown line', { 'invoiced.csv': INVOICED + 'OP9,2026-01-15,,\n' },
    [{ file: 'invoiced.csv', row: 3, column: 'orderProductId', value: 'OP9', message: 'unknown order product "OP9"' }]],
  ['a bad cell and, in an earlier file, a reference: both, in file order', {
    'orders.csv': ORDERS + 'O3,A9,,new,draft,,\n', 'order-products.csv': PRODUCTS + product('OP3', 'O9', '', '12;5'),
  }, [
    { file: 'orders.csv', row: 4, column: 'accountId', value: 'A9', message: 'unknown account "A9"' },
    { file: 'order-products.csv', row: 4, column: 'unitPrice', value: '12;5' },
    { file: 'order-products.csv', row: 4, column: 'orderId', value: 'O9', message: 'unknown order "O9"' },
  ]],
];

describe.each(DATABASE_KINDS)('CSV import reference checks on %s', (kind) => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await openDatabase(database.options);
    await db.migrate();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const counts = (): Promise<number[]> =>
    Promise.all([db.prisma.account.count(), db.prisma.contract.count(), db.prisma.order.count(), db.prisma.orderProduct.count(), db.prisma.invoicedPeriod.count()]);

  test('a clean book imports (references to rows of earlier files and batches)', async () => {
    const r = await importCsvBook(db, source(BOOK), { dryRun: true, batchSize: 1 });
    expect(r).toEqual({
      ok: true,
      dryRun: true,
      changes: expect.objectContaining({ orderProducts: { created: 2, updated: 0, unchanged: 0 }, invoiced: { created: 1, updated: 0, unchanged: 0 } }),
    });
  });

  test.each(CASES)('%s', async (_name, over, expected) => {
    const files = { ...BOOK, ...over };
    const before = await counts();
    const r = await importCsvBook(db, source(files), { batchSize: 2 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expected.map((e) => expect.objectContaining(e)));
    // Word for word what the in-memory check (simulate --book) says (which
    // names no value for an amendment: it finds those after reading).
    const memory = await loadCsvBook(source(files));
    expect(memory.ok).toBe(false);
    if (!memory.ok) expect(sorted(r.errors).map(where)).toEqual(sorted(memory.errors).map(where));
    expect(await counts()).toEqual(before);
  });

  test(`at most ${MAX_ERRORS} problems come back, the first ones by row; nothing is written`, async () => {
    let products = PRODUCTS;
    for (let i = 0; i < MAX_ERRORS + 50; i++) products += product(`OPX${i}`, `O-MISSING-${i}`);
    const r = await importCsvBook(db, source({ ...BOOK, 'order-products.csv': products }), { batchSize: 40 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errors.map((e) => e.row)).toEqual(Array.from({ length: MAX_ERRORS }, (_, i) => i + 4));
    expect(r.errors[0]).toEqual({ file: 'order-products.csv', row: 4, column: 'orderId', value: 'O-MISSING-0', message: 'unknown order "O-MISSING-0"' });
    expect(await counts()).toEqual([0, 0, 0, 0, 0]);
  });
});
