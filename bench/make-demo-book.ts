// Writes the demo order book the tutorial, the service seed and the CLI examples
// use: `npm run demo:book` (deterministic: same seed, same file).
//   node dist/bench/make-demo-book.js [--order-products N] [--seed S] [--start YYYY-MM-DD] [--out file]
//
// The `invoiced` history is what the earlier billing runs would have billed
// (coverage periodStart..periodEnd and the amount):
// the sample policies in rules/ simulated on the day before the book's start
// date, so a run on the start date shows one believable month (plus the
// catch-up of lines that were held or failed before).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocuments } from '../dsl/index.js';
import { generateDemoBook } from '../engine/book/demo-book.js';
import { addDays } from '../engine/calendar/civil-date.js';
import { compilePolicies } from '../engine/evaluate/compile-policies.js';
import { simulate } from '../engine/plan/planner.js';
import { loadProject } from '../api/config/load-project.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const orderProducts = Number(arg('--order-products', '300'));
const seed = Number(arg('--seed', '2026'));
const start = arg('--start', '2026-11-01');
const out = arg('--out', 'rules/demo-book.json');
const rulesDir = arg('--rules', 'rules');

const generated = generateDemoBook({ orderProducts, seed, start });
const project = await loadProject({ cwd: process.cwd(), configPath: join(rulesDir, 'proviso.config.json') });
const docs = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.policy'))
  .sort()
  .map((f) => ({ file: join(rulesDir, f), text: readFileSync(join(rulesDir, f), 'utf8') }));
const model = checkDocuments(docs, project.registry.vocabulary());
if (model.hasErrors || project.diagnostics.some((d) => d.severity === 'error')) {
  console.error(`${rulesDir}: the sample policies have errors; run proviso check ${rulesDir}`);
  process.exit(1);
}
const set = compilePolicies(model, project.registry);
const history = simulate({ ...generated, invoiced: [] }, addDays(start, -1), set, project.registry);
const invoiced = history.invoices.flatMap((inv) => inv.lines.map((l) => ({ orderProductId: l.orderProductId, periodStart: l.periodStart, periodEnd: l.periodEnd, amount: l.amount })));
invoiced.sort((a, b) => (a.orderProductId < b.orderProductId ? -1 : a.orderProductId > b.orderProductId ? 1 : a.periodStart < b.periodStart ? -1 : 1));
const book = { ...generated, invoiced };
writeFileSync(out, JSON.stringify(book, null, 2) + '\n');
console.log(
  `${out}: ${book.accounts.length} accounts, ${book.orders.length} orders, ${book.orderProducts.length} order products, ${book.invoiced.length} invoiced periods (runs before ${start})`,
);
