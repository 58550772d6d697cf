// Throwaway databases for the benches: a fresh PostgreSQL database on the
// server of PROVISO_BENCH_PG_URL (default the local one, user postgres) or a
// PGlite data dir in a temp folder, migrated, and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../api/persistence/prisma-client.factory.js';

export const BENCH_ADMIN_URL = process.env.PROVISO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly db: Database;
  /** The PostgreSQL URL of the database (undefined for PGlite). */
  readonly url?: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A migrated, empty database; `drop()` closes it and removes it. */
export async function freshBenchDatabase(kind: 'postgres' | 'pglite', options: { poolSize?: number } = {}): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'proviso-bench-pglite-'));
    const db = await openDatabase({ dataDir: dir });
    await db.migrate();
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `proviso_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(BENCH_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openDatabase({ databaseUrl: url, poolSize: options.poolSize ?? 4 });
  const drop = async (): Promise<void> => {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    await db.migrate();
  } catch (e) {
    await drop();
    throw e;
  }
  return { db, url, drop };
}

/** Runs `fn` on a fresh database and drops it afterwards, whatever happens. */
export async function withBenchDatabase<T>(
  kind: 'postgres' | 'pglite',
  fn: (db: Database, url: string | undefined) => Promise<T>,
  options: { poolSize?: number } = {},
): Promise<T> {
  const b = await freshBenchDatabase(kind, options);
  try {
    return await fn(b.db, b.url);
  } finally {
    await b.drop();
  }
}
