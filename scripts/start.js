#!/usr/bin/env node
// `npm start`: builds dist/ when it is missing (or older than the Prisma
// client), then runs the service `node dist/api/main.js` in this process's
// place, passing signals through so Ctrl-C shuts it down cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'dist', 'api', 'main.js');
if (!existsSync(join(root, 'api', 'generated', 'prisma', 'client.ts'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'prepare.js')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(entry)) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ['--enable-source-maps', entry, ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
