// The golden writer itself refuses to accept under CI (not only
// scripts/test.js), so `PROVISO_ACCEPT=1 jest` in CI cannot rewrite a golden.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectGolden, isAccepting } from './golden.js';

describe('accepting goldens', () => {
  const saved = { accept: process.env.PROVISO_ACCEPT, ci: process.env.CI };
  afterEach(() => {
    for (const [k, v] of [['PROVISO_ACCEPT', saved.accept], ['CI', saved.ci]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test.each([
    ['neither set', undefined, undefined, false],
    ['accept outside CI', '1', undefined, true],
  ])('%s', (_n, accept, ci, expected) => {
    if (accept === undefined) delete process.env.PROVISO_ACCEPT;
    else process.env.PROVISO_ACCEPT = accept;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    expect(isAccepting()).toBe(expected);
  });

  test('accept under CI throws and writes nothing', () => {
    process.env.PROVISO_ACCEPT = '1';
    process.env.CI = 'true';
    const dir = mkdtempSync(join(tmpdir(), 'proviso-golden-'));
    try {
      const file = join(dir, 'x.golden.txt');
      expect(() => expectGolden(file, 'new text')).toThrow(/refusing to accept golden files under CI/);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
