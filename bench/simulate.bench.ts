// `npm run bench:simulate`: 100,000 order products x 20 policies, about a year
// of catch-up (lines started 6-18 months before the run), planned in memory by
// simulate(). Prints invoice lines/s and peak RSS; a smaller book runs first in
// its own process to show memory grows with the book (linear), not with
// policies x lines. Then the same book where a quarter of the order products
// carry billed history (what a run on HISTORY_AS_OF billed: coverage and
// amounts), so the planner reconciles every period of those lines with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkDocuments } from '../dsl/index.js';
import type { OrderBook } from '../engine/book/book-types.js';
import { iterateDemoBook } from '../engine/book/demo-book.js';
import { compilePolicies } from '../engine/evaluate/compile-policies.js';
import { simulate } from '../engine/plan/planner.js';
import { createRegistry } from '../engine/vocabulary/create-registry.js';
import { TWENTY_POLICIES } from './bench-policies.js';
import { BENCH_ATTRIBUTES } from './policy-generator.js';

const POLICIES = 20;
const AS_OF = '2026-01-01';
const HISTORY_AS_OF = '2025-10-01';

interface ChildResult {
  readonly orderProducts: number;
  readonly history: number;
  readonly lines: number;
  readonly invoices: number;
  readonly holds: number;
  readonly errors: number;
  readonly seconds: number;
  /** CPU time of the simulation (user + system; GC threads included), steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  readonly rssMb: number;
  readonly bookMb: number;
}

function child(count: number, withHistory: boolean): ChildResult {
  const registry = createRegistry({ attributes: BENCH_ATTRIBUTES });
  const model = checkDocuments([{ file: 'bench.policy', text: TWENTY_POLICIES }], registry.vocabulary());
  if (model.hasErrors) throw new Error(`bench policies have errors: ${model.diagnostics.map((d) => d.message).join('; ')}`);
  if (model.policies.length !== POLICIES) throw new Error(`expected ${POLICIES} policies`);
  const set = compilePolicies(model, registry);
  const book = { accounts: [], contracts: [], orders: [], orderProducts: [], invoiced: [] } as { [K in keyof OrderBook]: OrderBook[K][number][] };
  for (const chunk of iterateDemoBook({ orderProducts: count, seed: 1, start: '2025-07-01' })) {
    book.accounts.push(...chunk.accounts);
    book.contracts.push(...chunk.contracts);
    book.orders.push(...chunk.orders);
    book.orderProducts.push(...chunk.orderProducts);
  }
  if (withHistory) {
    const quarter = book.orderProducts.filter((_l, i) => i % 4 === 0);
    const billed = simulate({ ...book, orderProducts: quarter }, HISTORY_AS_OF, set, registry);
    for (const inv of billed.invoices) {
      for (const l of inv.lines) book.invoiced.push({ orderProductId: l.orderProductId, periodStart: l.periodStart, periodEnd: l.periodEnd, amount: l.amount });
    }
  }
  const before = process.memoryUsage().heapUsed;
  simulate({ ...book, orderProducts: book.orderProducts.slice(0, 2000) }, AS_OF, set, registry); // warm up
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = simulate(book, AS_OF, set, registry);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const lines = r.invoices.reduce((n, i) => n + i.lines.length, 0);
  return {
    orderProducts: count,
    history: book.invoiced.length,
    lines,
    invoices: r.invoices.length,
    holds: r.holds.length,
    errors: r.errors.length,
    seconds,
    cpuSeconds,
    rssMb: process.resourceUsage().maxRSS / 1024,
    bookMb: before / 1024 / 1024,
  };
}

const childArg = process.argv.indexOf('--child');
if (childArg >= 0) {
  console.log(JSON.stringify(child(Number(process.argv[childArg + 1]), process.argv.includes('--history'))));
} else {
  const self = fileURLToPath(import.meta.url);
  const results: ChildResult[] = [];
  for (const [n, history] of [[25_000, false], [100_000, false], [100_000, true]] as const) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', self, '--child', String(n), ...(history ? ['--history'] : [])], { encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(1);
    }
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
    results.push(res);
    console.log(
      `simulate: ${res.orderProducts.toLocaleString('en-US')} order products x ${POLICIES} policies as of ${AS_OF}${res.history ? ` (a quarter with billed history: ${res.history.toLocaleString('en-US')} invoiced entries)` : ''}: ${res.lines.toLocaleString('en-US')} invoice lines on ${res.invoices.toLocaleString('en-US')} invoices, ${res.holds.toLocaleString('en-US')} holds, ${res.errors.toLocaleString('en-US')} errors in ${res.seconds.toFixed(2)} s (${res.cpuSeconds.toFixed(2)} s CPU); peak RSS ${res.rssMb.toFixed(0)} MB`,
    );
  }
  const [small, large, history] = results;
  console.log(`simulate: memory ${small.orderProducts.toLocaleString('en-US')} -> ${large.orderProducts.toLocaleString('en-US')} order products: peak RSS x${(large.rssMb / small.rssMb).toFixed(2)} for x${(large.orderProducts / small.orderProducts).toFixed(0)} the book`);
  console.log(`simulate: without history ${Math.round(large.lines / large.seconds)} invoice lines/s (${Math.round(large.lines / large.cpuSeconds)} per CPU second), peak RSS ${large.rssMb.toFixed(0)} MB`);
  console.log(`simulate: with history ${Math.round(history.lines / history.seconds)} invoice lines/s (${Math.round(history.lines / history.cpuSeconds)} per CPU second), peak RSS ${history.rssMb.toFixed(0)} MB`);
}
