#!/usr/bin/env node
// Runs the whole jest suite as ES modules and ends the output with the plain
// summary line `N passed, N failed` that CI reads. `--accept` rewrites golden
// files (PROVISO_ACCEPT=1); CI never passes it. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes('--accept')) {
  if (process.env.CI) {
    console.error('refusing to accept golden files under CI');
    process.exit(2);
  }
  env.PROVISO_ACCEPT = '1';
}
const jestArgs = args.filter((a) => a !== '--accept');
const dir = mkdtempSync(join(tmpdir(), 'proviso-jest-'));
const out = join(dir, 'results.json');
const jestBin = join(require.resolve('jest/package.json'), '..', 'bin', 'jest.js');
const res = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jestBin, '--json', `--outputFile=${out}`, ...jestArgs],
  { stdio: 'inherit', env },
);
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(res.status === 0 && failed === 0 ? 0 : 1);
