// The embedded database has one owner: a second process (`proviso run` while
// a service holds the directory) is refused with the holder's pid and what to
// do; a lock left by a dead process is taken over; closing frees it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../../api/persistence/data-dir-lock.js';
import { openDatabase } from '../../../api/persistence/prisma-client.factory.js';

const root = process.cwd();

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'proviso.js'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('PGlite data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'proviso-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a second `proviso run` on a held directory is refused, naming the holder pid and the ways out', async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      await db.migrate();
      const r = await run(['run', '--as-of', '2026-12-01'], { PROVISO_DATA_DIR: dir, DATABASE_URL: '' });
      expect(r.code).toBe(1);
      expect(r.out).toContain(`pid ${process.pid}`);
      expect(r.out).toMatch(/stop that process/);
      expect(r.out).toMatch(/POST \/api\/billing-runs/);
      expect(r.out).toMatch(/DATABASE_URL/);
      expect(r.out).not.toMatch(/completed/);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  test('opening the same directory twice in one process is refused too, and allowed again after close', async () => {
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  test('a lock left by a process that died is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid, host: hostname(), command: 'proviso serve', since: '2026-01-01T00:00:00Z' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  test('a lock held by a live process is not taken over', () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), command: 'proviso serve', since: '2026-01-01T00:00:00Z' }));
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${process.ppid} on ${hostname()}, 'proviso serve'`));
  });
});
