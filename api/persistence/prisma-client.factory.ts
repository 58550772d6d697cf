// Opens the database: PGlite (embedded, data under PROVISO_DATA_DIR, default
// ./.proviso) when DATABASE_URL is unset, a PostgreSQL server through
// @prisma/adapter-pg (explicit pool size) when it is `postgres://...`.
// The same Database also runs the migrator on its own connection.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate, type MigrationResult, type SqlRunner, type SqlTransaction } from './migrator.js';

/** The Prisma client the app uses (a named subclass: the Nest injection token). */
export class PrismaService extends PrismaClient {}

export interface DatabaseOptions {
  /** `postgres://...` or `postgresql://...`; unset: embedded PGlite. */
  readonly databaseUrl?: string;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  readonly dataDir?: string;
  /** Connections in the pg pool (PostgreSQL only). */
  readonly poolSize?: number;
  /** Interactive transaction timeout, ms (Prisma's default of 5 s is short for book uploads). */
  readonly transactionTimeoutMs?: number;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives: the data dir, or the URL without its password. */
  readonly location: string;
  readonly prisma: PrismaService;
  /** Runs `fn` in one transaction on a connection outside Prisma (migrator, bulk SQL). */
  readonly sql: SqlRunner;
  migrate(): Promise<MigrationResult>;
  close(): Promise<void>;
}

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const poolSize = env.PROVISO_DB_POOL_SIZE ? Number(env.PROVISO_DB_POOL_SIZE) : undefined;
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1)) {
    throw new Error(`PROVISO_DB_POOL_SIZE must be a positive integer, got '${env.PROVISO_DB_POOL_SIZE}'`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.PROVISO_DATA_DIR || './.proviso',
    poolSize,
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

export async function openDatabase(options: DatabaseOptions = databaseOptionsFromEnv()): Promise<Database> {
  const timeout = options.transactionTimeoutMs ?? 120_000;
  const transactionOptions = { maxWait: 60_000, timeout };
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got '${redactUrl(url)}')`);
    }
    const adapter = new PrismaPg({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
    const prisma = new PrismaService({ adapter, transactionOptions });
    const sql: SqlRunner = {
      async transaction(fn) {
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
        await client.connect();
        try {
          await client.query('BEGIN');
          const tx: SqlTransaction = {
            exec: async (text) => {
              await client.query(text);
            },
            query: async (text, params) => (await client.query(text, params as unknown[] | undefined)).rows,
          };
          const result = await fn(tx);
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    };
    return {
      kind: 'postgres',
      location: redactUrl(url),
      prisma,
      sql,
      migrate: () => migrate(sql),
      close: async () => {
        await prisma.$disconnect();
      },
    };
  }
  const dataDir = options.dataDir ?? './.proviso';
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(location, { recursive: true });
  // btree_gist: the exclusion constraint over invoice coverage (no overlapping live charges).
  const lite = new PGlite(inMemory ? undefined : location, { extensions: { btree_gist } });
  await lite.waitReady;
  const adapter = new PrismaPGlite(lite);
  const prisma = new PrismaService({ adapter, transactionOptions });
  const sql: SqlRunner = {
    transaction: (fn) =>
      lite.transaction((t) =>
        fn({
          exec: async (text) => {
            await t.exec(text);
          },
          query: async <R extends Record<string, unknown>>(text: string, params?: readonly unknown[]) =>
            (await t.query<R>(text, params as unknown[] | undefined)).rows,
        }),
      ),
  };
  let closed = false;
  return {
    kind: 'pglite',
    location,
    prisma,
    sql,
    migrate: () => migrate(sql),
    close: async () => {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await lite.close();
    },
  };
}
