// Editor bundle sizes (`npm run bench:editor`): every asset of the built
// editor (dist/editor/assets), raw and gzip (level 6, as the service's
// compression middleware sends it), split into what the sign-in page loads
// (the entries index.html names and what they preload) and what is loaded
// after sign-in (the application chunk with Monaco, the workers, the font).
//
//   node dist/bench/editor-bundle.bench.js [--dir dist/editor]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const i = process.argv.indexOf('--dir');
const dir = i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : join(root, 'dist', 'editor');

const kb = (n: number): string => `${(n / 1024).toFixed(1).padStart(8)} KB`;

function main(): void {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]));
  const rows = readdirSync(join(dir, 'assets'))
    .map((name) => {
      const bytes = readFileSync(join(dir, 'assets', name));
      return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length, initial: initial.has(name) };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.raw - a.raw);
  console.log(`editor assets in ${dir}:`);
  for (const r of rows) console.log(`  ${r.initial ? 'sign-in ' : 'lazy    '} ${r.name.padEnd(34)} ${kb(r.raw)} raw ${kb(r.gzip)} gzip`);
  const sum = (xs: typeof rows, k: 'raw' | 'gzip') => xs.reduce((a, r) => a + r[k], 0);
  const first = rows.filter((r) => r.initial);
  console.log(`  sign-in page loads: ${kb(sum(first, 'raw'))} raw ${kb(sum(first, 'gzip'))} gzip (${first.length} files)`);
  console.log(`  total:              ${kb(sum(rows, 'raw'))} raw ${kb(sum(rows, 'gzip'))} gzip (${rows.length} files)`);
}

main();
