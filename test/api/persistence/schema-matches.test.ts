// The migrated database must match schema.prisma (the Prisma client is
// generated from it): tables, columns, types, nullability, unique constraints.
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { compareSchema, readPrismaSchema, snapshotDatabase, type DbSnapshot } from './prisma-schema-reader.js';

const SCHEMA = readFileSync(join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
const GENERATED = readFileSync(join(process.cwd(), 'api', 'generated', 'prisma', 'internal', 'class.ts'), 'utf8');


// PGlite creates its data directory (initdb) per database: slow on a busy machine.
jest.setTimeout(120_000);

describe.each(DATABASE_KINDS)('migrated %s database matches schema.prisma', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let snapshot: DbSnapshot;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
    snapshot = await snapshotDatabase((sql) => db.prisma.$queryRawUnsafe(sql));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  test('no difference in tables, columns, types, nullability or unique constraints', () => {
    const models = readPrismaSchema(SCHEMA);
    expect(models.length).toBe((SCHEMA.match(/^model /gm) ?? []).length);
    expect(compareSchema(models, snapshot)).toEqual([]);
  });

  test('the exclusion constraint that guards against billing twice exists', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ def: string }[]>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conname = 'invoice_lines_no_overlapping_live_charges' AND contype = 'x'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].def).toMatch(/EXCLUDE USING gist \(order_product_id WITH =, daterange\(period_start, period_end, '\[\]'::text\) WITH &&\)/);
    expect(rows[0].def).toMatch(/kind = 'charge'.*live.*NOT dry_run/);
  });

  test.each([
    ['a field added without a migration', (s: string) => s.replace('model Account {\n', 'model Account {\n  vatNumber String\n'), /Account\.vatNumber: column accounts\.vatNumber is missing/],
    ['a required field made optional', (s: string) => s.replace('  name              String\n  currency', '  name              String?\n  currency'), /Account\.name: database NOT NULL, schema optional/],
    ['a changed decimal scale', (s: string) => s.replace('amount          Decimal  @db.Decimal(30, 10)', 'amount          Decimal  @db.Decimal(30, 2)'), /InvoiceLine\.amount: database type numeric\(30,10\), schema says numeric\(30,2\)/],
    ['a unique constraint without a migration', (s: string) => s.replace('  @@map("contracts")', '  @@unique([accountId, startDate])\n  @@map("contracts")'), /Contract: unique \(account_id, start_date\) is missing/],
    ['a new model without a migration', (s: string) => s + '\nmodel Note {\n  id String @id\n}\n', /model Note: table Note is missing/],
  ])('the comparison catches %s', (_name, edit, message) => {
    const edited = edit(SCHEMA);
    expect(edited).not.toBe(SCHEMA);
    const diffs = compareSchema(readPrismaSchema(edited), snapshot);
    expect(diffs.join('\n')).toMatch(message);
  });
});

test('the generated Prisma client was generated from this schema.prisma (run npm run prepare after editing it)', () => {
  const inline = /"inlineSchema": ("(?:[^"\\]|\\.)*")/.exec(GENERATED);
  expect(inline).not.toBeNull();
  const models = (s: string) => JSON.stringify(readPrismaSchema(s));
  expect(models(JSON.parse(inline![1]) as string)).toBe(models(SCHEMA));
});
