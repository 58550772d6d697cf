#!/usr/bin/env node
// Runs on `npm install` in this checkout: generates the Prisma client offline
// (the schema engine is not needed for generation; any existing file satisfies
// the CLI's lookup) and builds dist/ so `npx proviso` and `npm start` work.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
if (existsSync(join(root, 'prisma', 'schema.prisma'))) {
  const prismaBin = join(require.resolve('prisma/package.json'), '..', 'build', 'index.js');
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  const r = spawnSync(process.execPath, [prismaBin, 'generate'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit' });
process.exit(b.status ?? 1);
