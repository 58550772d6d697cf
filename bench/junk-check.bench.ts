// `npm run bench:junk`: check time for 100 KB, 400 KB and 1 MB of random junk
// text, diagnostics positioned the way the API answers them (check + one line
// index per text) and formatted the way the CLI prints them. The ratio of time
// per KB between the sizes shows the cost stays near linear (1.00 = linear);
// before the shared line index it grew with the square of the text.
import { checkDocuments, formatDiagnosticLine, LineIndex } from '../dsl/index.js';
import { createRegistry } from '../engine/vocabulary/create-registry.js';
import { positionDiagnostics } from '../api/policies/policy-library.service.js';

const vocabulary = createRegistry({}).vocabulary();

/** Deterministic junk: printable ASCII, some newlines, a few DSL-ish words. */
export function junk(bytes: number, seed = 7): string {
  let x = seed;
  const words = ['policy ', 'when ', '{', '}', '"', '= ', '\n', 'every ', 'month ', '12 ', '$'];
  let out = '';
  while (out.length < bytes) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += x % 5 === 0 ? words[x % words.length] : String.fromCharCode(32 + (x % 95));
  }
  return out.slice(0, bytes);
}

function measure(bytes: number): { ms: number; diagnostics: number } {
  const text = junk(bytes);
  const t0 = performance.now();
  const model = checkDocuments([{ file: 'junk.policy', text }], vocabulary);
  const positioned = positionDiagnostics(model.diagnostics, () => text);
  const index = new LineIndex(text);
  let chars = 0;
  for (const d of model.diagnostics) chars += formatDiagnosticLine(d, index).length;
  const ms = performance.now() - t0;
  if (chars < 0 || positioned.length !== model.diagnostics.length) throw new Error('unreachable');
  return { ms, diagnostics: model.diagnostics.length };
}

measure(20_000); // warm up the JIT
const sizes = [100_000, 400_000, 1_000_000];
const results = sizes.map((b) => ({ bytes: b, ...measure(b) }));
for (const r of results) console.log(`junk check: ${r.bytes / 1000} KB: ${r.ms.toFixed(0)} ms (${r.diagnostics} diagnostics)`);
const perKb = results.map((r) => r.ms / (r.bytes / 1000));
console.log(`junk check: time per KB 100 KB -> 400 KB: ${(perKb[1] / perKb[0]).toFixed(2)}x, 100 KB -> 1 MB: ${(perKb[2] / perKb[0]).toFixed(2)}x (1.00 = linear)`);
