#!/usr/bin/env node
// `npm start`: builds dist/ when it is missing (or older than the Prisma
// client), then runs the service (dist/api/main.js) in this very process, so
// there is no chain of node processes to orphan: signals reach the service
// directly (Ctrl-C / SIGTERM shut it down cleanly). When npm itself is killed
// (SIGKILL cannot be forwarded), the service notices it lost its parent and
// shuts down instead of running on as an orphan.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
process.setSourceMapsEnabled(true);
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) {
    clearInterval(watch);
    process.stderr.write(`proviso: the parent process (pid ${parent}) is gone; shutting down\n`);
    process.kill(process.pid, 'SIGTERM');
  }
}, 1000);
watch.unref();
await import(pathToFileURL(entry).href);
