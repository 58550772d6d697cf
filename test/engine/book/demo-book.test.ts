import { generateDemoBook, iterateDemoBook } from '../../../engine/book/demo-book.js';
import { parseOrderBook } from '../../../engine/book/validate-book.js';

test.each([
  ['one line', 1],
  ['a small book', 37],
  ['the committed demo size', 300],
])('%s: exactly the requested number of order products, and the book validates', (_n, count) => {
  const book = generateDemoBook({ orderProducts: count, seed: 7 });
  expect(book.orderProducts).toHaveLength(count);
  const r = parseOrderBook(JSON.parse(JSON.stringify(book)));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  expect(r.ok).toBe(true);
});

test('same seed, same book; another seed, another book', () => {
  const a = JSON.stringify(generateDemoBook({ orderProducts: 120, seed: 42 }));
  expect(JSON.stringify(generateDemoBook({ orderProducts: 120, seed: 42 }))).toBe(a);
  expect(JSON.stringify(generateDemoBook({ orderProducts: 120, seed: 43 }))).not.toBe(a);
});

test('the demo book is realistic: every feature the tutorial shows is present', () => {
  const book = generateDemoBook({ orderProducts: 300, seed: 1 });
  const ratio = book.orderProducts.length / book.accounts.length;
  expect(ratio).toBeGreaterThanOrEqual(5);
  expect(ratio).toBeLessThanOrEqual(10);
  expect(new Set(book.accounts.map((a) => a.currency))).toEqual(new Set(['EUR', 'USD', 'GBP', 'JPY']));
  expect(new Set(book.accounts.map((a) => a.attributes.region))).toEqual(new Set(['EMEA', 'NA', 'APAC']));
  expect(new Set(book.accounts.map((a) => a.attributes.segment))).toEqual(new Set(['smb', 'enterprise', 'strategic']));
  expect(new Set(book.orders.map((o) => o.type))).toEqual(new Set(['new', 'amendment', 'renewal']));
  expect(book.orders.some((o) => o.status === 'draft')).toBe(true);
  expect(book.orders.some((o) => o.poNumber === null)).toBe(true);
  expect(new Set(book.orderProducts.map((p) => p.billingFrequency))).toEqual(new Set(['monthly', 'quarterly', 'semiannual', 'annual', null]));
  expect(new Set(book.orderProducts.map((p) => p.billingType))).toEqual(new Set(['advance', 'arrears']));
  expect(book.orderProducts.some((p) => p.amends && p.quantity.startsWith('-'))).toBe(true);
  expect(book.orderProducts.some((p) => p.amends && !p.quantity.startsWith('-'))).toBe(true);
  expect(book.orderProducts.some((p) => p.holdBilling)).toBe(true);
  expect(book.orderProducts.some((p) => !p.startDate.endsWith('-01'))).toBe(true);
  expect(book.invoiced.length).toBeGreaterThan(0);
  const jpy = new Set(book.accounts.filter((a) => a.currency === 'JPY').map((a) => a.id));
  const jpyOrders = new Set(book.orders.filter((o) => jpy.has(o.accountId)).map((o) => o.id));
  for (const p of book.orderProducts.filter((x) => jpyOrders.has(x.orderId))) expect(p.unitPrice).toMatch(/^\d+$/);
});

test('streaming yields self-contained chunks whose concatenation is the book', () => {
  let n = 0;
  for (const chunk of iterateDemoBook({ orderProducts: 500, seed: 3 })) {
    const lines = new Set(chunk.orderProducts.map((p) => p.id));
    for (const p of chunk.orderProducts) if (p.amends) expect(lines.has(p.amends)).toBe(true);
    n += chunk.orderProducts.length;
  }
  expect(n).toBe(500);
});
