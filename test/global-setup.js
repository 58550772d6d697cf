// Builds dist/ once before the suite when sources are newer than the last
// build, so suites that start the real service or a child process (browser
// e2e, crash tests) run the code under test. Suites never build themselves
// while PROVISO_DIST_FRESH is set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['dsl', 'engine', 'api', 'bench', 'editor', 'prisma', 'examples'];

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'generated') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function globalSetup() {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(...sources.map((s) => newest(join(root, s))));
  if (changed > built) {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed before tests');
    writeFileSync(stamp, new Date().toISOString());
  }
  process.env.PROVISO_DIST_FRESH = '1';
}
