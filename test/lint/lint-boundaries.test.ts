// `npm run lint` fails on a planted violation of each kind and passes on the
// allowed imports. Each run copies the real lint config into a throwaway
// project (node_modules linked), plants fixture files at the paths whose
// layer they test, and runs the project's own `npm run lint` there.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');

function lintWith(planted: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-lint-'));
  try {
    cpSync(join(root, 'eslint.config.js'), join(dir, 'eslint.config.js'));
    cpSync(join(root, 'lint'), join(dir, 'lint'), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lint-probe', type: 'module', private: true, scripts: { lint: pkg.scripts.lint } }));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const [dest, fixture] of Object.entries(planted)) {
      mkdirSync(dirname(join(dir, dest)), { recursive: true });
      cpSync(join(fixtures, fixture), join(dir, dest));
    }
    const r = spawnSync('npm', ['run', 'lint'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const violations = [
  { name: 'dsl imports engine', dest: 'dsl/planted-engine.ts', fixture: 'dsl-imports-engine.ts', expect: 'dsl/ may not import engine/' },
  { name: 'dsl imports a Node module', dest: 'dsl/planted.ts', fixture: 'dsl-imports-node.ts', expect: 'dsl/ may not import the Node module "node:fs"' },
  { name: 'engine re-exports api', dest: 'engine/plan/planted-api.ts', fixture: 'engine-imports-api.ts', expect: 'engine/ may not import api/ ("../../api/config/load-project.js"): nothing imports api/' },
  { name: 'engine imports Prisma', dest: 'engine/plan/planted-prisma.ts', fixture: 'engine-imports-prisma.ts', expect: 'engine/ may not import the server package "@prisma/client"' },
  { name: 'editor imports engine', dest: 'editor/src/planted.ts', fixture: 'editor-imports-engine.ts', expect: 'editor/ may not import engine/' },
  { name: 'a skipped test', dest: 'test/planted.test.ts', fixture: 'skipped-test.ts', expect: 'test.skip leaves tests out of the suite' },
  { name: 'a comparison with NaN', dest: 'engine/planted-nan.ts', fixture: 'compares-nan.ts', expect: 'use-isnan' },
];

describe('npm run lint', () => {
  // One run with every planted violation (each must be reported, at its file,
  // with its message), one with only allowed imports (must pass).
  let planted: { status: number | null; output: string };
  beforeAll(() => {
    planted = lintWith(Object.fromEntries(violations.map((v) => [v.dest, v.fixture])));
  });

  test('fails when anything is planted', () => {
    expect(planted.status).not.toBe(0);
  });

  test.each(violations)('reports the planted violation: $name', ({ dest, expect: message }) => {
    const block = planted.output.split(/\n(?=\/)/).find((b) => b.includes(dest)) ?? '';
    expect(block).toContain(message);
  });

  test('reports the dynamic import in the planted api file too', () => {
    expect(planted.output).toContain('("../../api/cli/main.js")');
  });

  test('passes on the allowed imports of each layer (the rules do not flag everything)', () => {
    const { status, output } = lintWith({
      'engine/plan/allowed.ts': 'engine-imports-dsl.ts',
      'editor/src/allowed.ts': 'editor-imports-dsl.ts',
      'api/cli/allowed.ts': 'api-imports-engine.ts',
    });
    expect(output).not.toContain('error');
    expect(status).toBe(0);
  });
});
