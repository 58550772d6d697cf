// `npm run bench:eval`: the same policies and facts evaluated by the compiled
// engine (evaluateLine: scope, holds, billing day, alignment, proration) and by
// json-rules-engine running the exported rules. Before timing, the decisions
// (which policies apply to each line) are asserted identical. Last line:
//   eval: <N> line evaluations/s, <R>x json-rules-engine
import { Engine } from 'json-rules-engine';
import { checkDocuments } from '../dsl/index.js';
import { generateDemoBook } from '../engine/book/demo-book.js';
import { compilePolicies } from '../engine/evaluate/compile-policies.js';
import { evaluateLine } from '../engine/evaluate/evaluate-line.js';
import { evaluatePeriod } from '../engine/evaluate/evaluate-period.js';
import type { LineContext } from '../engine/results/index.js';
import { exportJre } from '../engine/interop/jre-export.js';
import { jreFacts } from '../engine/interop/jre-facts.js';
import { JRE_CUSTOM_OPERATORS } from '../engine/interop/jre-types.js';
import { indexBook, lineContext } from '../engine/plan/plan-line.js';
import { createRegistry } from '../engine/vocabulary/create-registry.js';
import { BENCH_ATTRIBUTES, generatePolicies } from './policy-generator.js';

const POLICIES = Number(process.env.BENCH_POLICIES ?? 100);
const LINES = Number(process.env.BENCH_LINES ?? 2000);

const registry = createRegistry({ attributes: BENCH_ATTRIBUTES });
const lib = generatePolicies(POLICIES, 5, { exportable: true });
const model = checkDocuments(lib.files, registry.vocabulary());
if (model.hasErrors) throw new Error('generated policies have errors');
const set = compilePolicies(model, registry);
const exported = exportJre(model);
if (exported.skipped.length) throw new Error(`not exportable: ${exported.skipped.join(', ')}`);

const book = generateDemoBook({ orderProducts: LINES, seed: 9 });
const index = indexBook(book);
// each line with one period's billing date bound, so per-period policies decide too
const contexts: LineContext[] = book.orderProducts
  .map((l) => lineContext(index, l, '2026-02-01'))
  .filter((c): c is LineContext => c !== null)
  .map((c, i) => ({ ...c, billingDate: i % 2 === 0 ? '2026-12-28' : c.line.startDate }));
const facts = contexts.map((ctx) => jreFacts(registry, ctx));

const engine = new Engine([], { allowUndefinedFacts: true });
for (const [name, op] of Object.entries(JRE_CUSTOM_OPERATORS)) engine.addOperator(name, op.fn);
for (const rule of exported.document.rules) engine.addRule(rule as never);

// 1. identical decisions: the policies whose `when` holds, per line
function ours(ctx: LineContext): string[] {
  const out: string[] = [];
  for (const p of set.policies) {
    try {
      if (!p.when || p.when.test(ctx)) out.push(p.name);
    } catch {
      out.push(`${p.name} (error)`);
    }
  }
  return out.sort();
}
let compared = 0;
let errors = 0;
for (let i = 0; i < contexts.length; i++) {
  const mine = ours(contexts[i]);
  if (mine.some((n) => n.endsWith('(error)'))) {
    errors++; // a missing fact is an evaluation error for us, `false` for json-rules-engine
    continue;
  }
  const run = await engine.run(facts[i]);
  const theirs = run.events.map((e) => String((e.params as { policy: string }).policy)).sort();
  if (theirs.join('|') !== mine.join('|')) {
    throw new Error(`decisions differ on ${contexts[i].line.id}: compiled [${mine.join(', ')}] vs json-rules-engine [${theirs.join(', ')}]`);
  }
  compared++;
}
console.log(`eval: ${POLICIES} policies x ${compared} lines: decisions identical (${errors} lines with evaluation errors skipped)`);

// 2. compiled engine: the full decision for a line and one of its periods
// (evaluateLine: scope, holds, billing day, alignment, proration; evaluatePeriod: overrides)
const decide = (ctx: LineContext): void => {
  evaluateLine(set, ctx);
  evaluatePeriod(set, ctx, ctx.billingDate!);
};
// Rates are per CPU second (user + system of this process): the machine is
// shared, and wall time would measure the neighbours as much as the engines.
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
let n = 0;
for (const ctx of contexts) decide(ctx); // warm up
const c0 = process.cpuUsage();
while (cpuSeconds(c0) < 2) {
  for (const ctx of contexts) decide(ctx);
  n += contexts.length;
}
const compiledRate = n / cpuSeconds(c0);

// 3. json-rules-engine: engine.run per line (facts prepared beforehand)
let m = 0;
for (let i = 0; i < 20; i++) await engine.run(facts[i % facts.length]); // warm up
const c1 = process.cpuUsage();
while (cpuSeconds(c1) < 3) {
  await engine.run(facts[m % facts.length]);
  m++;
}
const jreRate = m / cpuSeconds(c1);

console.log(`eval: compiled ${Math.round(compiledRate).toLocaleString('en-US')} lines/s; json-rules-engine ${Math.round(jreRate).toLocaleString('en-US')} lines/s (${POLICIES} rules per line; per CPU second)`);
console.log(`eval: ${Math.round(compiledRate)} line evaluations/s, ${Math.round(compiledRate / jreRate)}x json-rules-engine`);
