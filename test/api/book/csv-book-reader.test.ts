// The CSV layer alone (no database): quoting, BOM, empty cells, booleans,
// declared attributes, header and row-shape problems, each named by cell.
import { Readable } from 'node:stream';
import { loadCsvBook } from '../../../api/book/csv/csv-book-memory.js';
import type { CsvBookSource } from '../../../api/book/csv/csv-book-reader.js';

const ACCOUNTS = 'id,name,currency,timezone,billingDayOfMonth,attributes.region,attributes.vip\nA1,"Acme, ""the"" GmbH",EUR,Europe/Berlin,,EMEA,true\n';
const CONTRACTS = 'id,accountId,startDate,endDate\n';
const ORDERS = 'id,accountId,contractId,type,status,activatedDate,poNumber\nO1,A1,,new,activated,2026-01-10,\n';
const PRODUCTS =
  'id,orderId,productCode,productName,chargeType,billingFrequency,billingType,quantity,unitPrice,startDate,endDate,billingDayOfMonth,amends,holdBilling\n' +
  'OP1,O1,007,"Gold\nsupport",recurring,monthly,advance,10,100.00,2026-01-15,,15,,FALSE\n';

function source(files: Record<string, string>): CsvBookSource {
  return { open: async (f) => (f in files ? Readable.from([files[f]]) : null) };
}
const attributes = { account: { region: 'string', vip: 'boolean' } } as const;

test('quoted cells, a BOM, empty cells as null, true/false and declared attributes', async () => {
  const r = await loadCsvBook(source({ 'accounts.csv': '\uFEFF' + ACCOUNTS, 'contracts.csv': CONTRACTS, 'orders.csv': ORDERS, 'order-products.csv': PRODUCTS }), { attributes });
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.book.accounts).toEqual([
    { id: 'A1', name: 'Acme, "the" GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA', vip: true } },
  ]);
  expect(r.book.orders[0]).toMatchObject({ contractId: null, poNumber: null, attributes: {} });
  expect(r.book.orderProducts[0]).toMatchObject({ productCode: '007', productName: 'Gold\nsupport', billingDayOfMonth: 15, endDate: null, holdBilling: false });
  expect(r.book.invoiced).toEqual([]);
});

test.each([
  ['a declared boolean that is not true/false', { 'accounts.csv': ACCOUNTS.replace(',true\n', ',yes\n') }, { file: 'accounts.csv', row: 2, column: 'attributes.vip', value: 'yes', message: 'must be true or false' }],
  ['a billing day out of range', { 'order-products.csv': PRODUCTS.replace(',15,', ',32,') }, { file: 'order-products.csv', row: 2, column: 'billingDayOfMonth', value: '32' }],
  ['an unknown order', { 'order-products.csv': PRODUCTS.replace('OP1,O1,', 'OP1,O9,') }, { file: 'order-products.csv', row: 2, column: 'orderId', value: 'O9', message: 'unknown order "O9"' }],
  ['a duplicate id', { 'orders.csv': ORDERS + 'O1,A1,,new,draft,,\n' }, { file: 'orders.csv', row: 3, column: 'id', message: 'duplicate id "O1" (first at orders.csv row 2)' }],
  ['an amendment of an unknown line (checked at the end)', { 'order-products.csv': PRODUCTS.replace(',15,,FALSE', ',15,OP7,FALSE') }, { file: 'order-products.csv', row: 2, column: 'amends', message: 'unknown order product "OP7"' }],
  ['a missing required column', { 'contracts.csv': 'id,accountId\n' }, { file: 'contracts.csv', row: 1, column: 'startDate', message: 'is a required column and missing from the header' }],
  ['a row with too many cells', { 'orders.csv': ORDERS + 'O2,A1,,new,draft,,,extra\n' }, { file: 'orders.csv', row: 3, column: null, message: 'has 8 cells, the header has 7' }],
  ['a missing required file', { 'orders.csv': null }, { file: 'orders.csv', row: null, message: expect.stringContaining('is missing') }],
])('%s', async (_name, over, expected) => {
  const files: Record<string, string> = { 'accounts.csv': ACCOUNTS, 'contracts.csv': CONTRACTS, 'orders.csv': ORDERS, 'order-products.csv': PRODUCTS };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete files[k];
    else files[k] = v;
  }
  const r = await loadCsvBook(source(files), { attributes });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors[0]).toEqual(expect.objectContaining(expected));
});
