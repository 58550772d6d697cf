// The embedded database (PGlite) has one owner: a process opening a data
// directory takes `<dir>/proviso.lock` (created exclusively, holding its pid,
// host and command). A second `serve` or `run` on the same directory is refused
// with a message naming the holder and what to do; a lock left by a process
// that died (its pid no longer runs on this host) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'proviso.lock';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another Proviso process (pid ${holder.pid} on ${holder.host}, ` +
        `'${holder.command}', since ${holder.since}). Only one process may open it: stop that process, ` +
        `or use its HTTP API (for a billing run: POST /api/billing-runs), ` +
        `or set DATABASE_URL to a PostgreSQL database, which several processes can share. ` +
        `If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** True when a process with this pid runs on this host (EPERM: it runs under another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return { pid: Number(h.pid), host: String(h.host ?? ''), command: String(h.command ?? ''), since: String(h.since ?? '') };
  } catch {
    return null; // unreadable or half-written: treated as stale below only if still so
  }
}

function describeCommand(): string {
  return process.argv.slice(1).map((a) => a.replace(/^.*[\\/]/, '')).join(' ').slice(0, 200) || 'node';
}

/** Takes the lock of `dataDir` or throws DataDirLockedError naming the holder. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command: describeCommand(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      if (holder && (holder.host !== me.host || pidAlive(holder.pid))) throw new DataDirLockedError(dataDir, holder);
      // Stale (dead pid on this host) or unreadable: take it over, unless it changed meanwhile.
      const again = readHolder(path);
      if (JSON.stringify(again) === JSON.stringify(holder)) {
        try {
          unlinkSync(path);
        } catch {
          /* removed by someone else: retry */
        }
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      const holder = readHolder(path);
      if (holder?.pid === me.pid && holder.since === me.since) {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      }
    };
    // A process that exits without closing the database (Ctrl-C, process.exit) still frees it.
    process.on('exit', release);
    return { path, release };
  }
  const holder = readHolder(path);
  throw new DataDirLockedError(dataDir, holder ?? { pid: 0, host: 'unknown', command: 'unknown', since: 'unknown' });
}
