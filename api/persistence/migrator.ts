// Applies the hand-written SQL migrations in prisma/migrations/<name>/migration.sql
// (prisma migrate cannot run on machines without the schema engine). All pending
// migrations run in ONE transaction under a transaction-scoped advisory lock, so
// concurrent instances apply each migration once and a failure leaves nothing
// half-applied. Applied migrations are recorded in `_prisma_migrations` exactly
// as `prisma migrate deploy` records them, so the two tools agree.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The advisory lock key prisma migrate uses; sharing it keeps both tools apart. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface Migration {
  readonly name: string;
  readonly sql: string;
  /** sha256 of the file's bytes, hex (what prisma stores). */
  readonly checksum: string;
}

/** One transaction on one connection: what the migrator needs from a database. */
export interface SqlTransaction {
  exec(sql: string): Promise<void>;
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlRunner {
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

export interface MigrationResult {
  /** Names applied by this call, in order. */
  readonly applied: readonly string[];
  /** Names that were already applied. */
  readonly alreadyApplied: readonly string[];
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** prisma/migrations of this package, found from this file (source or dist). */
export function defaultMigrationsDir(): string {
  if (process.env.PROVISO_MIGRATIONS_DIR) return resolve(process.env.PROVISO_MIGRATIONS_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new MigrationError('cannot find prisma/migrations (set PROVISO_MIGRATIONS_DIR)');
}

export function checksumOf(sql: string | Buffer): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** The migrations in a directory, ordered by name (the timestamp prefix). */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    });
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Applies the pending migrations; refuses when an applied one was edited. */
export async function migrate(runner: SqlRunner, migrations: readonly Migration[] = loadMigrations()): Promise<MigrationResult> {
  return runner.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})::text AS locked`);
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await tx.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const applied = new Map<string, AppliedRow>();
    for (const row of rows) {
      if (row.rolled_back_at != null) continue;
      if (row.finished_at == null) {
        throw new MigrationError(
          `migration ${row.migration_name} failed earlier and is marked unfinished in _prisma_migrations; ` +
            'repair the database and mark it rolled back before starting again',
        );
      }
      applied.set(row.migration_name, row);
    }
    const done: string[] = [];
    const already: string[] = [];
    for (const m of migrations) {
      const row = applied.get(m.name);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new MigrationError(
            `migration ${m.name} was changed after it was applied (checksum in database ${row.checksum}, ` +
              `file ${m.checksum}); restore the file and put the change in a new migration`,
          );
        }
        already.push(m.name);
        continue;
      }
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new MigrationError(`migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, now(), $3, NULL, NULL, now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      done.push(m.name);
    }
    return { applied: done, alreadyApplied: already };
  });
}
