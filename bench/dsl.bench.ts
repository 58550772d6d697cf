// `npm run bench:dsl`: parse + bind + check of generated policy libraries.
// Prints throughput (MB/s) and ms per 1,000 policies at 2,000 and 4,000
// policies; the ratio shows the checker (conflict detection included) scales
// linearly, not quadratically. Times are the wall-clock median of 7 checks of
// the whole library after warm-up (a library is checked again and again in the
// editor and the service, so the warm figure is the one users meet); CPU time
// would also count V8's background GC and compiler threads. A last line
// splits the 2,000-policy time into syntax (lex, parse, AST) and meaning
// (bind, check, conflicts) to show where time goes.
import { checkDocuments, parseDocument } from '../dsl/index.js';
import { createRegistry } from '../engine/vocabulary/create-registry.js';
import { BENCH_ATTRIBUTES, generatePolicies } from './policy-generator.js';

const vocabulary = createRegistry({ attributes: BENCH_ATTRIBUTES }).vocabulary();

function measure(count: number): { msPer1000: number; mbPerS: number; diagnostics: number; errors: number } {
  const lib = generatePolicies(count, 17);
  checkDocuments(lib.files, vocabulary); // warm up on this very library
  const times: number[] = [];
  let diagnostics = 0;
  let errors = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    const model = checkDocuments(lib.files, vocabulary);
    times.push(performance.now() - t0);
    diagnostics = model.diagnostics.length;
    errors = model.diagnostics.filter((d) => d.severity === 'error').length;
  }
  const median = times.sort((a, b) => a - b)[3];
  return { msPer1000: (median / count) * 1000, mbPerS: lib.bytes / 1e6 / (median / 1000), diagnostics, errors };
}

measure(500); // warm up the JIT
const small = measure(2000);
const large = measure(4000);
for (const [n, r] of [[2000, small], [4000, large]] as const) {
  console.log(`dsl: ${n} policies: ${r.msPer1000.toFixed(1)} ms per 1,000 policies, ${r.mbPerS.toFixed(2)} MB/s (${r.diagnostics} diagnostics, ${r.errors} errors)`);
}
console.log(`dsl: scaling 2,000 -> 4,000 policies: ${(large.msPer1000 / small.msPer1000).toFixed(2)}x time per policy (1.00 = linear)`);

/** Best CPU times, over interleaved runs, of parseDocument alone (lex + parse + AST) and of the whole pipeline. */
function stages(count: number): { syntax: number; full: number } {
  const lib = generatePolicies(count, 17);
  let syntax = Number.POSITIVE_INFINITY;
  let full = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 7; run++) {
    const c0 = process.cpuUsage();
    for (const doc of lib.files) parseDocument(doc.text, doc.file);
    const u0 = process.cpuUsage(c0);
    syntax = Math.min(syntax, (u0.user + u0.system) / 1000);
    const c1 = process.cpuUsage();
    checkDocuments(lib.files, vocabulary);
    const u1 = process.cpuUsage(c1);
    full = Math.min(full, (u1.user + u1.system) / 1000);
  }
  return { syntax: (syntax / count) * 1000, full: (full / count) * 1000 };
}
const split = stages(2000);
console.log(
  `dsl: stages at 2,000 policies (best of 7, warm): whole pipeline ${split.full.toFixed(1)} ms per 1,000 = syntax (lex, parse, AST) ${split.syntax.toFixed(1)} + meaning (bind, check, conflicts) ${Math.max(0, split.full - split.syntax).toFixed(1)}`,
);
