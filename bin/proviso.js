#!/usr/bin/env node
// The `proviso` binary: runs the compiled CLI from dist/ (built by `npm install`
// through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'api', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`proviso: not built yet; run 'npm run build' in ${root}\n`);
  process.exit(2);
}
// A closed pipe (`proviso simulate ... | head`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main, processIo } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2), processIo());
