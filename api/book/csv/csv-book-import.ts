// `proviso import-book <folder>` and POST /api/book/csv: a CSV book streamed
// into the database in batches inside ONE transaction. Any bad row anywhere
// rolls the whole transaction back (nothing half-written); a dry run does the
// same work and rolls back on purpose, so its created/updated/unchanged counts
// are exactly what a real import would do.
// The transaction runs on a connection of its own (`Database.sql`: a pg client,
// or a PGlite transaction), not in a Prisma interactive transaction, which
// keeps per-statement state for the transaction's life: memory stays flat
// whatever the number of rows.
import type { OrderBook } from '../../../engine/book/book-types.js';
import { lockBookForWrite } from '../../common/book-lock.js';
import type { SqlRunner, SqlTransaction } from '../../persistence/migrator.js';
import { INSERT_INVOICED, UPSERT_ACCOUNTS, UPSERT_CONTRACTS, UPSERT_ORDERS, UPSERT_ORDER_PRODUCTS } from '../book.repository.js';
import { readCsvBook, type CsvBookError, type CsvBookSource, type CsvReadOptions } from './csv-book-reader.js';

type Entity = keyof OrderBook;

export interface EntityChanges {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportChanges = Record<Entity, EntityChanges>;

export type CsvImportResult =
  | { readonly ok: true; readonly dryRun: boolean; readonly changes: ImportChanges }
  | { readonly ok: false; readonly errors: readonly CsvBookError[] };

/** Upserts that skip unchanged rows, so what comes back is what changed. */
const changed = (upsert: string, table: string, columns: string[]): string =>
  `WITH up AS (${upsert}
  WHERE (${columns.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})
  RETURNING (xmax = 0) AS created)
SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`;

const SQL: Record<Entity, string> = {
  accounts: changed(UPSERT_ACCOUNTS, 'accounts', ['name', 'currency', 'timezone', 'billing_day_of_month', 'attributes']),
  contracts: changed(UPSERT_CONTRACTS, 'contracts', ['account_id', 'start_date', 'end_date']),
  orders: changed(UPSERT_ORDERS, 'orders', ['account_id', 'contract_id', 'type', 'status', 'activated_date', 'po_number', 'attributes']),
  orderProducts: changed(UPSERT_ORDER_PRODUCTS, 'order_products', [
    'order_id', 'product_code', 'product_name', 'charge_type', 'billing_frequency', 'billing_type', 'quantity', 'unit_price',
    'start_date', 'end_date', 'billing_day_of_month', 'amends', 'hold_billing', 'attributes',
  ]),
  // INSERT_INVOICED already skips unchanged rows.
  invoiced: `WITH up AS (${INSERT_INVOICED} RETURNING (xmax = 0) AS created)
SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`,
};

/** Thrown inside the transaction to roll it back and carry the outcome out. */
class Rollback extends Error {
  constructor(readonly result: CsvImportResult) {
    super('rollback');
  }
}

export interface CsvImportOptions extends CsvReadOptions {
  readonly dryRun?: boolean;
  /** Rows per statement (default 5,000). */
  readonly batchSize?: number;
  /** Called inside the transaction after the book is written (the audit row). */
  readonly afterWrite?: (tx: SqlTransaction, changes: ImportChanges) => Promise<void>;
}

export async function importCsvBook(db: { readonly sql: SqlRunner }, source: CsvBookSource, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const batchSize = options.batchSize ?? 5000;
  try {
    return await db.sql.transaction(
      async (tx) => {
        // Refused (409) while a real billing run reads the book, like POST /api/book.
        await lockBookForWrite(tx);
        const changes = emptyChanges();
        const batches: Record<Entity, unknown[]> = { accounts: [], contracts: [], orders: [], orderProducts: [], invoiced: [] };
        let failed = false;
        // One statement in flight while the next batch is read and validated
        // (the transaction is one connection, so statements queue anyway).
        let inFlight: Promise<void> = Promise.resolve();
        const write = async (entity: Entity, rows: unknown[]): Promise<void> => {
          const [r] = await tx.query<{ created: number; updated: number }>(SQL[entity], [JSON.stringify(rows)]);
          changes[entity].created += r.created;
          changes[entity].updated += r.updated;
          changes[entity].unchanged += rows.length - r.created - r.updated;
        };
        const flush = async (entity: Entity, wait = false): Promise<void> => {
          const rows = batches[entity];
          batches[entity] = [];
          await inFlight;
          // After the first bad row nothing more is written: the transaction
          // will be rolled back, the rest is only validated.
          if (rows.length === 0 || failed) return;
          inFlight = write(entity, rows);
          inFlight.catch(() => undefined); // awaited later; not an unhandled rejection meanwhile
          if (wait) await inFlight;
        };
        const add = async (entity: Entity, row: unknown): Promise<void> => {
          batches[entity].push(row);
          if (batches[entity].length >= batchSize) await flush(entity);
        };
        let errorsSeen = 0;
        const read = await readCsvBook(
          source,
          {
            account: (x) => add('accounts', x),
            contract: (x) => add('contracts', x),
            order: (x) => add('orders', x),
            orderProduct: (x) => add('orderProducts', x),
            invoiced: (x) => add('invoiced', x),
            // A file's rows are all written before the next file's (references point back).
            endOfFile: async (layout) => {
              await flush(layout.entity, true);
            },
          },
          {
            ...options,
            onError: () => {
              errorsSeen++;
              failed = true;
            },
          },
        );
        await inFlight;
        if (read.errors.length > 0 || errorsSeen > 0) throw new Rollback({ ok: false, errors: read.errors });
        await options.afterWrite?.(tx, changes);
        if (options.dryRun) throw new Rollback({ ok: true, dryRun: true, changes });
        return { ok: true as const, dryRun: false, changes };
      },
    );
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
}

function emptyChanges(): ImportChanges {
  const z = (): EntityChanges => ({ created: 0, updated: 0, unchanged: 0 });
  return { accounts: z(), contracts: z(), orders: z(), orderProducts: z(), invoiced: z() };
}

/** One line per entity: `orderProducts: 3 created, 1 updated, 996 unchanged`. */
export function formatChanges(changes: ImportChanges): string {
  return (Object.keys(changes) as Entity[])
    .map((k) => `${k}: ${changes[k].created} created, ${changes[k].updated} updated, ${changes[k].unchanged} unchanged`)
    .join('\n');
}
