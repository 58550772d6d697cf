// Throwaway databases for integration tests: a fresh PostgreSQL database on the
// local server (127.0.0.1:5432, user postgres, trust auth) or a PGlite data dir
// in a temp folder. Each returns options for openDatabase() and a drop().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from '../../../api/persistence/prisma-client.factory.js';

export type TestDatabaseKind = 'postgres' | 'pglite';

export interface TestDatabase {
  readonly kind: TestDatabaseKind;
  readonly options: DatabaseOptions;
  /** For PostgreSQL: the URL of the throwaway database. */
  readonly url?: string;
  drop(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.PROVISO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'proviso-pglite-'));
    return {
      kind,
      options: { dataDir: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `proviso_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    kind,
    url,
    options: { databaseUrl: url, poolSize: 4 },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Both kinds, for `describe.each`. */
export const DATABASE_KINDS: readonly TestDatabaseKind[] = ['postgres', 'pglite'];
