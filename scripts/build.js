#!/usr/bin/env node
// Compiles the TypeScript sources (dsl, engine, api, bench, examples) to dist/
// with SWC (fast, keeps decorator metadata for NestJS), emits the plugin kit's
// declarations (`proviso/plugin`, tsconfig.plugin.json), then builds the
// browser editor with Vite when it exists. Type checking is `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const dirs = ['dsl', 'engine', 'api', 'bench', 'examples'].filter((d) => existsSync(join(root, d)));
// Only the folders being rebuilt are removed, so `--no-editor` keeps dist/editor.
for (const d of dirs) rmSync(join(root, 'dist', d), { recursive: true, force: true });
const swcBin = join(require.resolve('@swc/cli/package.json'), '..', 'bin', 'swc.js');
run(process.execPath, [swcBin, ...dirs, '-d', 'dist', '--config-file', '.swcrc', '--extensions', '.ts', '--quiet']);
const tscBin = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
run(process.execPath, [tscBin, '-p', 'tsconfig.plugin.json']);
if (existsSync(join(root, 'editor', 'vite.config.ts')) && !process.argv.includes('--no-editor')) {
  const viteBin = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  run(process.execPath, [viteBin, 'build', '--config', 'editor/vite.config.ts', '--logLevel', 'warn']);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build failed: ${[cmd, ...args].join(' ')}`);
    process.exit(r.status ?? 1);
  }
}
