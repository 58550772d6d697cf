import { jest } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, loadMigrations, migrate, checksumOf, MigrationError } from '../../../api/persistence/migrator.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';

function migrationsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'proviso-migrations-'));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

// PGlite creates its data directory (initdb) per database: slow on a busy machine.
jest.setTimeout(120_000);

describe.each(DATABASE_KINDS)('migrator on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let dir: string;

  beforeEach(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    dir = migrationsCopy();
  });
  afterEach(async () => {
    await db.close();
    await tdb.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('applies every migration in name order and records it like prisma migrate deploy', async () => {
    addMigration(dir, '29990101000000_b_second', 'CREATE TABLE "zz_order_probe" (n int); INSERT INTO "zz_order_probe" VALUES (2);');
    addMigration(dir, '29990101000000_a_first', 'CREATE TABLE "zz_first" (n int);');
    const migrations = loadMigrations(dir);
    const result = await migrate(db.sql, migrations);
    expect(result.applied).toEqual(migrations.map((m) => m.name));
    expect(result.applied.slice(-2)).toEqual(['29990101000000_a_first', '29990101000000_b_second']);
    const rows = await db.prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null; logs: string | null; rolled_back_at: Date | null; applied_steps_count: number }[]
    >('SELECT migration_name, checksum, finished_at, logs, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i].checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test('a second run applies nothing and changes nothing', async () => {
    const first = await migrate(db.sql, loadMigrations(dir));
    const second = await migrate(db.sql, loadMigrations(dir));
    expect(first.applied.length).toBeGreaterThan(0);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    const [{ n }] = await db.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(n).toBe(first.applied.length);
  });

  test('a migration edited after it was applied is refused with its name', async () => {
    await migrate(db.sql, loadMigrations(dir));
    const [first] = loadMigrations(dir);
    writeFileSync(join(dir, first.name, 'migration.sql'), first.sql + '\n-- edited\n');
    await expect(migrate(db.sql, loadMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(migrate(db.sql, loadMigrations(dir))).rejects.toThrow(new RegExp(`${first.name} was changed after it was applied`));
  });

  test('a failing migration leaves nothing applied (one transaction)', async () => {
    addMigration(dir, '29990101000000_broken', 'CREATE TABLE "zz_half" (n int); SELECT no_such_function();');
    await expect(migrate(db.sql, loadMigrations(dir))).rejects.toThrow(/29990101000000_broken failed/);
    const [{ n }] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('zz_half', 'accounts', '_prisma_migrations')`,
    );
    expect(n).toBe(0);
  });

  test('checksum is sha256 of the file bytes', () => {
    const [m] = loadMigrations(dir);
    expect(m.checksum).toBe(checksumOf(Buffer.from(m.sql, 'utf8')));
  });
});

describe('concurrent migrators on one PostgreSQL database', () => {
  test('four instances migrating at once apply each migration exactly once', async () => {
    const tdb = await createTestDatabase('postgres');
    const dbs = await Promise.all([0, 1, 2, 3].map(() => openDatabase(tdb.options)));
    try {
      const results = await Promise.all(dbs.map((d) => d.migrate()));
      const names = loadMigrations().map((m) => m.name);
      const appliedBy = results.filter((r) => r.applied.length > 0);
      expect(appliedBy).toHaveLength(1);
      expect(appliedBy[0].applied).toEqual(names);
      const rows = await dbs[0].prisma.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM "_prisma_migrations"');
      expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
      await tdb.drop();
    }
  });
});
