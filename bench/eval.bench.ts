// `npm run bench:eval`: the same policies and facts evaluated by the compiled
// engine (evaluateLine: scope, holds, billing day, alignment, proration) and by
// json-rules-engine running the exported rules, configured two ways: its
// default (paths resolved by JSONPath) and tuned as its docs recommend for
// speed (the `pathResolver` option with plain property access). Before timing,
// the decisions (which policies apply to each line) are asserted identical for
// both, and the timed evaluateLine/evaluatePeriod (which skip policies by their
// applicability index) identical to running every condition. All three are warmed up, then measured in turns (BENCH_REPEATS, default
// 5); the medians of the repeats are reported with the spread. Last line:
//   eval: <N> line evaluations/s, <R>x json-rules-engine (default), <T>x json-rules-engine (tuned)
import { Engine } from 'json-rules-engine';
import { checkDocuments } from '../dsl/index.js';
import { generateDemoBook } from '../engine/book/demo-book.js';
import { ApplicabilityIndex } from '../engine/evaluate/applicability-index.js';
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

/** Plain property access for `$.a.b` paths (json-rules-engine's `pathResolver` option), each path split once. */
const splitPaths = new Map<string, string[]>();
function plainPathResolver(value: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.replace(/^\$\.?/, '').split('.').filter((k) => k !== '')));
  let at = value;
  for (const k of keys) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[k];
  }
  return at;
}

function jreEngine(options: { pathResolver?: (value: unknown, path: string) => unknown }): Engine {
  const e = new Engine([], { allowUndefinedFacts: true, ...(options as object) });
  for (const [name, op] of Object.entries(JRE_CUSTOM_OPERATORS)) e.addOperator(name, op.fn);
  for (const rule of exported.document.rules) e.addRule(rule as never);
  return e;
}
const engine = jreEngine({});
const tuned = jreEngine({ pathResolver: plainPathResolver });

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
  for (const [name, e] of [['default', engine], ['tuned', tuned]] as const) {
    const run = await e.run(facts[i]);
    const theirs = run.events.map((ev) => String((ev.params as { policy: string }).policy)).sort();
    if (theirs.join('|') !== mine.join('|')) {
      throw new Error(`decisions differ on ${contexts[i].line.id}: compiled [${mine.join(', ')}] vs json-rules-engine ${name} [${theirs.join(', ')}]`);
    }
  }
  compared++;
}
console.log(`eval: ${POLICIES} policies x ${compared} lines: decisions identical, default and tuned json-rules-engine (${errors} lines with evaluation errors skipped)`);

// the timed path skips policies by its applicability index (engine/evaluate/applicability-index.ts):
// its full decisions (holds, settings, traces, errors) must be those of running every condition in order
const plain: typeof set = {
  ...set,
  lineIndex: new ApplicabilityIndex(set.linePolicies.map(() => undefined)),
  periodIndex: new ApplicabilityIndex(set.periodPolicies.map(() => undefined)),
};
for (const ctx of contexts) {
  const a = JSON.stringify([evaluateLine(set, ctx), evaluatePeriod(set, ctx, ctx.billingDate!)]);
  const b = JSON.stringify([evaluateLine(plain, ctx), evaluatePeriod(plain, ctx, ctx.billingDate!)]);
  if (a !== b) throw new Error(`indexed evaluation differs on ${ctx.line.id}: ${a} vs ${b}`);
}
console.log(`eval: evaluateLine and evaluatePeriod decide every line as running every condition in order does`);

// 2. compiled engine: the full decision for a line and one of its periods
// (evaluateLine: scope, holds, billing day, alignment, proration; evaluatePeriod: overrides)
const decide = (ctx: LineContext): void => {
  evaluateLine(set, ctx);
  evaluatePeriod(set, ctx, ctx.billingDate!);
};
// Rates are per CPU second (user + system of this process): the machine is
// shared, and wall time would measure the neighbours as much as the engines.
// The three are measured in turns, REPEATS times (compiled, default, tuned,
// then again), so a change of load hits all of them alike; each repeat gives
// its own ratios, and the medians are reported with their spread.
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
function compiledRate(seconds: number): number {
  let n = 0;
  const c0 = process.cpuUsage();
  while (cpuSeconds(c0) < seconds) {
    for (const ctx of contexts) decide(ctx);
    n += contexts.length;
  }
  return n / cpuSeconds(c0);
}

// 3. json-rules-engine: engine.run per line (facts prepared beforehand), default then tuned
async function jreRate(e: Engine, seconds: number): Promise<number> {
  let m = 0;
  const c1 = process.cpuUsage();
  while (cpuSeconds(c1) < seconds) {
    await e.run(facts[m % facts.length]);
    m++;
  }
  return m / cpuSeconds(c1);
}

// warm-up for all three: every line through each engine once
for (const ctx of contexts) decide(ctx);
for (const f of facts) await engine.run(f);
for (const f of facts) await tuned.run(f);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const spread = (xs: number[]): string => `${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}x`;
const rates = { compiled: [] as number[], default: [] as number[], tuned: [] as number[] };
const ratios = { default: [] as number[], tuned: [] as number[] };
for (let r = 0; r < REPEATS; r++) {
  const c = compiledRate(1);
  const d = await jreRate(engine, 1.5);
  const t = await jreRate(tuned, 1.5);
  rates.compiled.push(c);
  rates.default.push(d);
  rates.tuned.push(t);
  ratios.default.push(c / d);
  ratios.tuned.push(c / t);
  console.log(`eval: repeat ${r + 1}/${REPEATS}: compiled ${fmt(c)} lines/s, default ${fmt(d)}, tuned ${fmt(t)}: ${Math.round(c / d)}x / ${Math.round(c / t)}x`);
}

console.log(
  `eval: compiled ${fmt(median(rates.compiled))} lines/s; json-rules-engine ${fmt(median(rates.default))} lines/s default, ${fmt(median(rates.tuned))} lines/s tuned (pathResolver: plain property access) (${POLICIES} rules per line; per CPU second; medians of ${REPEATS} repeats)`,
);
console.log(`eval: ratio spread over the repeats: ${spread(ratios.default)} default, ${spread(ratios.tuned)} tuned`);
console.log(
  `eval: ${Math.round(median(rates.compiled))} line evaluations/s, ${Math.round(median(ratios.default))}x json-rules-engine (default), ${Math.round(median(ratios.tuned))}x json-rules-engine (tuned)`,
);
