#!/usr/bin/env node
// Type-checks every layer with its own tsconfig, so each layer sees only the
// libs it may use: dsl/ and engine/ plain ES, editor/ the DOM, the Node side
// (api, tests, benches) Node and jest. Exits non-zero when any layer fails.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
const projects = ['dsl/tsconfig.json', 'engine/tsconfig.json', 'editor/tsconfig.json', 'tsconfig.json', 'test/editor/tsconfig.json', 'test/types/tsconfig.json'];
let failed = 0;
for (const p of projects) {
  const r = spawnSync(process.execPath, [tsc, '-p', p, '--noEmit'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.error(`typecheck failed: ${p}`);
  }
}
if (failed === 0) console.log(`typecheck: ${projects.length} projects clean`);
process.exit(failed === 0 ? 0 : 1);
