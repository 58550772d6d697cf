// Editor bundle sizes (`npm run bench:editor`): every asset of the built
// editor (dist/editor/assets), raw and gzip (level 6, as the service's
// compression middleware sends it), split into what the sign-in page loads
// (the entries index.html names and what they preload), what signing in adds
// for the list screens (the application chunk `main-*` and what it imports
// statically) and what the first policy opened adds (the editor chunk with
// Monaco, the workers, the font).
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
  const app = appChunks(rows.map((r) => r.name), initial);
  const stage = (name: string, isInitial: boolean): string => (isInitial ? 'sign-in ' : app.has(name) ? 'list    ' : 'editor  ');
  console.log(`editor assets in ${dir}:`);
  for (const r of rows) console.log(`  ${stage(r.name, r.initial)} ${r.name.padEnd(34)} ${kb(r.raw)} raw ${kb(r.gzip)} gzip`);
  const sum = (xs: typeof rows, k: 'raw' | 'gzip') => xs.reduce((a, r) => a + r[k], 0);
  const first = rows.filter((r) => r.initial);
  const list = rows.filter((r) => !r.initial && app.has(r.name));
  const editor = rows.filter((r) => !r.initial && !app.has(r.name));
  console.log(`  sign-in page loads: ${kb(sum(first, 'raw'))} raw ${kb(sum(first, 'gzip'))} gzip (${first.length} files)`);
  console.log(`  signing in adds:    ${kb(sum(list, 'raw'))} raw ${kb(sum(list, 'gzip'))} gzip (${list.length} files: the list screens)`);
  console.log(`  a policy adds:      ${kb(sum(editor, 'raw'))} raw ${kb(sum(editor, 'gzip'))} gzip (${editor.length} files: Monaco, workers, font)`);
  console.log(`  total:              ${kb(sum(rows, 'raw'))} raw ${kb(sum(rows, 'gzip'))} gzip (${rows.length} files)`);
}

/** The application chunk (main-*.js, its CSS) and the chunks it imports statically, leaving out the sign-in page's. */
function appChunks(names: readonly string[], initial: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const todo = names.filter((n) => /^main-.*\.(js|css)$/.test(n));
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (out.has(name) || initial.has(name)) continue;
    out.add(name);
    if (!name.endsWith('.js')) continue;
    const code = readFileSync(join(dir, 'assets', name), 'utf8');
    // `import{..}from"./x.js"` and `import"./x.js"`; not `import(`./x.js`)`, which loads later.
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) todo.push(m[1]);
  }
  return out;
}

main();
