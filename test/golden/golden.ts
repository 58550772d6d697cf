// Golden files: the expected output lives in a file beside the test input.
// A mismatch fails with a diff; `npm run test:accept` (PROVISO_ACCEPT=1)
// rewrites the files, and CI never does (scripts/test.js refuses under CI).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from '@jest/globals';

/** True under `npm run test:accept`. Under CI accepting is refused here too,
 * not only in scripts/test.js, so no way of running jest rewrites a golden in CI. */
export function isAccepting(): boolean {
  if (process.env.PROVISO_ACCEPT !== '1') return false;
  if (process.env.CI) throw new Error('refusing to accept golden files under CI (PROVISO_ACCEPT=1 with CI set)');
  return true;
}

/** Compares `actual` with the golden file (line endings normalised); writes it when accepting. */
export function expectGolden(goldenPath: string, actual: string): void {
  const normalised = actual.replace(/\r\n/g, '\n');
  const exists = existsSync(goldenPath);
  const expected = exists ? readFileSync(goldenPath, 'utf8').replace(/\r\n/g, '\n') : undefined;
  if (isAccepting()) {
    if (expected !== normalised) {
      mkdirSync(dirname(goldenPath), { recursive: true });
      writeFileSync(goldenPath, normalised);
    }
    return;
  }
  if (expected === undefined) {
    throw new Error(`golden file ${goldenPath} is missing; run \`npm run test:accept\` to create it, then review and commit it`);
  }
  if (expected === normalised) return;
  try {
    expect(normalised).toBe(expected);
  } catch (e) {
    if (e instanceof Error) e.message = `${goldenPath} differs; if the change is intended run \`npm run test:accept\` and review the diff\n\n${e.message}`;
    throw e;
  }
}
