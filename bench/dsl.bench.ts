// `npm run bench:dsl`: parse + bind + check of generated policy libraries.
// Prints throughput (MB/s) and ms per 1,000 policies at 2,000 and 4,000
// policies; the ratio shows the checker (conflict detection included) scales
// linearly, not quadratically. Times are CPU time of this process.
import { checkDocuments } from '../dsl/index.js';
import { createRegistry } from '../engine/vocabulary/create-registry.js';
import { BENCH_ATTRIBUTES, generatePolicies } from './policy-generator.js';

const vocabulary = createRegistry({ attributes: BENCH_ATTRIBUTES }).vocabulary();

function measure(count: number): { msPer1000: number; mbPerS: number; diagnostics: number; errors: number } {
  const lib = generatePolicies(count, 17);
  let best = Number.POSITIVE_INFINITY;
  let diagnostics = 0;
  let errors = 0;
  for (let run = 0; run < 5; run++) {
    // CPU time of this process: steadier than wall time on a shared machine
    const c0 = process.cpuUsage();
    const model = checkDocuments(lib.files, vocabulary);
    const u = process.cpuUsage(c0);
    const ms = (u.user + u.system) / 1000;
    best = Math.min(best, ms);
    diagnostics = model.diagnostics.length;
    errors = model.diagnostics.filter((d) => d.severity === 'error').length;
  }
  return { msPer1000: (best / count) * 1000, mbPerS: lib.bytes / 1e6 / (best / 1000), diagnostics, errors };
}

measure(500); // warm up the JIT
const small = measure(2000);
const large = measure(4000);
for (const [n, r] of [[2000, small], [4000, large]] as const) {
  console.log(`dsl: ${n} policies: ${r.msPer1000.toFixed(1)} ms per 1,000 policies, ${r.mbPerS.toFixed(2)} MB/s (${r.diagnostics} diagnostics, ${r.errors} errors)`);
}
console.log(`dsl: scaling 2,000 -> 4,000 policies: ${(large.msPer1000 / small.msPer1000).toFixed(2)}x time per policy (1.00 = linear)`);
