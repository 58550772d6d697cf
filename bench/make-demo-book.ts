// Writes the demo order book the tutorial, the service seed and the CLI examples
// use: `npm run demo:book` (deterministic: same seed, same file).
//   node dist/bench/make-demo-book.js [--order-products N] [--seed S] [--start YYYY-MM-DD] [--out file]
import { writeFileSync } from 'node:fs';
import { generateDemoBook } from '../engine/book/demo-book.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const orderProducts = Number(arg('--order-products', '300'));
const seed = Number(arg('--seed', '2026'));
const start = arg('--start', '2026-01-01');
const out = arg('--out', 'rules/demo-book.json');
const book = generateDemoBook({ orderProducts, seed, start });
writeFileSync(out, JSON.stringify(book, null, 2) + '\n');
console.log(
  `${out}: ${book.accounts.length} accounts, ${book.orders.length} orders, ${book.orderProducts.length} order products, ${book.invoiced.length} invoiced periods`,
);
