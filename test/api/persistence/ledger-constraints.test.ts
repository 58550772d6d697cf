// The database itself keeps the ledger honest, on PostgreSQL and on PGlite:
// two live real charges of one order product never cover the same day, and a
// posted invoice, its lines and credit notes are never edited or deleted.
// Also: the migration converts invoices written before it (posted, numbered).
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, loadMigrations, migrate } from '../../../api/persistence/migrator.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';

jest.setTimeout(120_000);

const BOOK_SQL = `
  INSERT INTO accounts (id, name, currency, timezone) VALUES ('A1', 'Acme', 'EUR', 'UTC');
  INSERT INTO orders (id, account_id, type, status) VALUES ('O1', 'A1', 'new', 'activated');
  INSERT INTO order_products (id, order_id, product_code, product_name, charge_type, billing_frequency, billing_type,
    quantity, unit_price, start_date) VALUES ('OP1', 'O1', 'P', 'P', 'recurring', 'monthly', 'advance', 1, 100, '2026-01-01');
  INSERT INTO billing_runs (id, as_of, trigger) VALUES ('R1', '2026-03-01', 'api'), ('R2', '2026-04-01', 'api');
  INSERT INTO invoices (id, run_id, account_id, currency, invoice_date) VALUES ('I1', 'R1', 'A1', 'EUR', '2026-03-01');
  INSERT INTO invoices (id, run_id, account_id, currency, invoice_date) VALUES ('I2', 'R2', 'A1', 'EUR', '2026-04-01');`;

function line(invoice: string, run: string, start: string, end: string, extra: { kind?: string; dryRun?: boolean } = {}): string {
  return `INSERT INTO invoice_lines (invoice_id, run_id, order_product_id, period_start, period_end, billing_date,
      quantity, unit_price, proration_factor, amount, kind, dry_run)
    VALUES ('${invoice}', '${run}', 'OP1', '${start}', '${end}', '${start}', 1, 100, 1, ${extra.kind === 'credit' ? -100 : 100},
            '${extra.kind ?? 'charge'}', ${extra.dryRun ?? false})`;
}

describe.each(DATABASE_KINDS)('ledger constraints on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  const exec = (sql: string) => db.prisma.$executeRawUnsafe(sql);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
  });
  // Each test starts from the same rows (TRUNCATE fires no row triggers).
  beforeEach(async () => {
    await exec(`TRUNCATE credit_note_lines, credit_notes, invoice_lines, invoices, number_series, billing_runs, order_products, orders, accounts CASCADE`);
    for (const s of BOOK_SQL.split(';').map((x) => x.trim()).filter(Boolean)) await exec(s);
    await exec(line('I1', 'R1', '2026-01-01', '2026-01-31'));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  test.each([
    ['the same period again, from another run', '2026-01-01', '2026-01-31'],
    ['a period starting inside the billed one', '2026-01-15', '2026-02-14'],
    ['a period ending on its first day', '2025-12-01', '2026-01-01'],
    ['a period ending on its last day', '2026-01-31', '2026-02-27'],
  ])('refuses an overlapping live charge: %s', async (_name, start, end) => {
    await expect(exec(line('I2', 'R2', start, end))).rejects.toThrow(/invoice_lines_no_overlapping_live_charges/);
    const [n] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM invoice_lines`);
    expect(n.n).toBe(1);
  });

  test.each([
    ['the adjacent period', '2026-02-01', '2026-02-28', {}],
    ['a credit over the billed coverage', '2026-01-15', '2026-01-31', { kind: 'credit' }],
    ['a dry-run charge over the billed coverage', '2026-01-01', '2026-01-31', { dryRun: true }],
  ])('accepts %s', async (_name, start, end, extra) => {
    await expect(exec(line('I2', 'R2', start, end, extra))).resolves.toBe(1);
  });

  test('a voided charge releases its coverage: the period can be billed again', async () => {
    await exec(`INSERT INTO number_series (prefix, kind, last_value) VALUES ('INV-', 'invoice', 1)`);
    await exec(`UPDATE invoices SET status = 'posted', series = 'INV-', seq = 1, number = 'INV-1', posted_at = now() WHERE id = 'I1'`);
    await expect(exec(line('I2', 'R2', '2026-01-01', '2026-01-31'))).rejects.toThrow(/no_overlapping_live_charges/);
    await exec(`UPDATE invoices SET status = 'void', voided_at = now() WHERE id = 'I1'`);
    await exec(`UPDATE invoice_lines SET live = false WHERE invoice_id = 'I1'`);
    await expect(exec(line('I2', 'R2', '2026-01-01', '2026-01-31'))).resolves.toBe(1);
  });

  test.each([
    ['editing a posted invoice', `UPDATE invoices SET total = 1 WHERE id = 'I1'`, /invoice INV-1 is posted: it cannot be edited/],
    ['deleting a posted invoice', `DELETE FROM invoices WHERE id = 'I1'`, /invoice INV-1 is posted: it cannot be deleted/],
    ['renumbering a posted invoice', `UPDATE invoices SET number = 'INV-9' WHERE id = 'I1'`, /cannot be edited/],
    ['voiding and editing at once', `UPDATE invoices SET status = 'void', voided_at = now(), total = 5 WHERE id = 'I1'`, /cannot be edited/],
    ['un-posting', `UPDATE invoices SET status = 'draft', number = NULL, series = NULL, seq = NULL, posted_at = NULL WHERE id = 'I1'`, /cannot be edited/],
    ['editing a line of a posted invoice', `UPDATE invoice_lines SET amount = 1 WHERE invoice_id = 'I1'`, /lines of posted invoices cannot be edited/],
    ['releasing a line of a posted (not void) invoice', `UPDATE invoice_lines SET live = false WHERE invoice_id = 'I1'`, /lines of posted invoices cannot be edited/],
    ['deleting a line of a posted invoice', `DELETE FROM invoice_lines WHERE invoice_id = 'I1'`, /lines of posted invoices cannot be deleted/],
  ])('refuses %s', async (_name, sql, message) => {
    await exec(`INSERT INTO number_series (prefix, kind, last_value) VALUES ('INV-', 'invoice', 1)`);
    await exec(`UPDATE invoices SET status = 'posted', series = 'INV-', seq = 1, number = 'INV-1', posted_at = now() WHERE id = 'I1'`);
    await expect(exec(sql)).rejects.toThrow(message);
    const [row] = await db.prisma.$queryRawUnsafe<{ status: string; number: string; total: string; lines: number }[]>(
      `SELECT status, number, total::text, (SELECT count(*)::int FROM invoice_lines WHERE invoice_id = 'I1' AND live) AS lines
         FROM invoices WHERE id = 'I1'`,
    );
    expect(row).toEqual({ status: 'posted', number: 'INV-1', total: '0.0000000000', lines: 1 });
  });

  test('a posted invoice needs a number, and a draft has none', async () => {
    await expect(exec(`UPDATE invoices SET status = 'posted', posted_at = now() WHERE id = 'I1'`)).rejects.toThrow(/invoices_number_check/);
    await expect(exec(`UPDATE invoices SET number = 'X' WHERE id = 'I1'`)).rejects.toThrow(/invoices_number_check/);
  });

  test('drafts stay editable and deletable (a run writes them; discard deletes them)', async () => {
    await expect(exec(`UPDATE invoices SET total = 100 WHERE id = 'I1'`)).resolves.toBe(1);
    await expect(exec(`DELETE FROM invoice_lines WHERE invoice_id = 'I1'`)).resolves.toBe(1);
    await expect(exec(`DELETE FROM invoices WHERE id = 'I1'`)).resolves.toBe(1);
  });
});

describe('the lifecycle migration converts invoices written before it (PGlite)', () => {
  test('real invoices become posted, numbered INV-1.. in creation order; dry runs stay drafts; lines are live charges', async () => {
    const all = loadMigrations(defaultMigrationsDir());
    const before = all.filter((m) => m.name < '20261201110000');
    const dir = mkdtempSync(join(tmpdir(), 'proviso-ledger-mig-'));
    const db = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      await migrate(db.sql, before);
      for (const s of BOOK_SQL.split(';').map((x) => x.trim()).filter(Boolean)) await db.prisma.$executeRawUnsafe(s);
      await db.prisma.$executeRawUnsafe(`INSERT INTO billing_runs (id, as_of, trigger, dry_run) VALUES ('R3', '2026-04-01', 'api', true)`);
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO invoices (id, run_id, account_id, currency, invoice_date, dry_run) VALUES ('I3', 'R3', 'A1', 'EUR', '2026-04-01', true)`,
      );
      await db.prisma.$executeRawUnsafe(`UPDATE invoices SET created_at = '2026-01-01' WHERE id = 'I2'`);
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO invoice_lines (invoice_id, run_id, order_product_id, period_start, period_end, billing_date, quantity, unit_price, proration_factor, amount)
         VALUES ('I1', 'R1', 'OP1', '2026-01-01', '2026-01-31', '2026-01-01', 1, 100, 1, 100)`,
      );
      const result = await migrate(db.sql, all);
      expect(result.applied).toContain('20261201110000_invoice_lifecycle');
      const rows = await db.prisma.$queryRawUnsafe(`SELECT id, status, number FROM invoices ORDER BY id`);
      expect(rows).toEqual([
        { id: 'I1', status: 'posted', number: 'INV-2' },
        { id: 'I2', status: 'posted', number: 'INV-1' },
        { id: 'I3', status: 'draft', number: null },
      ]);
      expect(await db.prisma.$queryRawUnsafe(`SELECT prefix, last_value FROM number_series`)).toEqual([{ prefix: 'INV-', last_value: 2 }]);
      expect(await db.prisma.$queryRawUnsafe(`SELECT kind, live FROM invoice_lines`)).toEqual([{ kind: 'charge', live: true }]);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
