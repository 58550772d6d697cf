// `proviso import-book <folder>` and POST /api/book/csv: a CSV book streamed
// into the database inside ONE transaction. Rows go in batches into temporary
// staging tables (csv-book-staging.ts); duplicates and references are then
// checked in SQL over the staged book, so the process keeps no id and its
// memory does not grow with the book. Any bad row anywhere refuses the whole
// import (the transaction is rolled back: nothing half-written); a clean book
// is moved into the real tables, and a dry run does that too and rolls back on
// purpose, so its created/updated/unchanged counts are exactly what a real
// import would do.
// The transaction runs on a connection of its own (`Database.sql`: a pg client,
// or a PGlite transaction), not in a Prisma interactive transaction, which
// keeps per-statement state for the transaction's life.
import { MAX_ERRORS } from '../../../engine/book/validate-book.js';
import { lockBookForWrite } from '../../common/book-lock.js';
import type { SqlRunner, SqlTransaction } from '../../persistence/migrator.js';
import { CSV_BOOK_FILES } from './csv-book-layout.js';
import { readCsvBook, type CsvBookError, type CsvBookSource, type CsvReadOptions } from './csv-book-reader.js';
import { ANALYZE_STAGING, CREATE_STAGING, ENTITIES, MOVE, REFERENCE_PROBLEMS, stageRows, type Entity } from './csv-book-staging.js';

export interface EntityChanges {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportChanges = Record<Entity, EntityChanges>;

export type CsvImportResult =
  | { readonly ok: true; readonly dryRun: boolean; readonly changes: ImportChanges }
  | { readonly ok: false; readonly errors: readonly CsvBookError[] };

/** Thrown inside the transaction to roll it back and carry the outcome out. */
class Rollback extends Error {
  constructor(readonly result: CsvImportResult) {
    super('rollback');
  }
}

export interface CsvImportOptions extends Omit<CsvReadOptions, 'references'> {
  readonly dryRun?: boolean;
  /** Rows per staging statement (default 5,000). */
  readonly batchSize?: number;
  /** Called inside the transaction after the book is written (the audit row). */
  readonly afterWrite?: (tx: SqlTransaction, changes: ImportChanges) => Promise<void>;
  /** Told when a phase starts: rows into staging, the SQL checks, the move into the real tables (the bench times them). */
  readonly onPhase?: (phase: 'stage' | 'check' | 'move') => void;
}

export async function importCsvBook(db: { readonly sql: SqlRunner }, source: CsvBookSource, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const batchSize = options.batchSize ?? 5000;
  try {
    return await db.sql.transaction(
      async (tx) => {
        // Refused (409) while a real billing run reads the book, like POST /api/book.
        await lockBookForWrite(tx);
        options.onPhase?.('stage');
        for (const ddl of CREATE_STAGING) await tx.exec(ddl);
        const staged: Record<Entity, number> = { accounts: 0, contracts: 0, orders: 0, orderProducts: 0, invoiced: 0 };
        const batches: Record<Entity, unknown[]> = { accounts: [], contracts: [], orders: [], orderProducts: [], invoiced: [] };
        // One statement in flight while the next batch is read and validated
        // (the transaction is one connection, so statements queue anyway).
        let inFlight: Promise<void> = Promise.resolve();
        const flush = async (entity: Entity, wait = false): Promise<void> => {
          const rows = batches[entity];
          batches[entity] = [];
          await inFlight;
          if (rows.length === 0) return;
          staged[entity] += rows.length;
          inFlight = tx.query(stageRows(entity), [JSON.stringify(rows)]).then(() => undefined);
          inFlight.catch(() => undefined); // awaited later; not an unhandled rejection meanwhile
          if (wait) await inFlight;
        };
        // Bad rows are staged too: a reference to them, or from them, is still checked.
        const add = async (entity: Entity, row: object, at: number): Promise<void> => {
          batches[entity].push({ csv_row: at, ...row });
          if (batches[entity].length >= batchSize) await flush(entity);
        };
        const read = await readCsvBook(
          source,
          {
            account: (x, at) => add('accounts', x, at),
            contract: (x, at) => add('contracts', x, at),
            order: (x, at) => add('orders', x, at),
            orderProduct: (x, at) => add('orderProducts', x, at),
            invoiced: (x, at) => add('invoiced', x, at),
            endOfFile: (layout) => flush(layout.entity, true),
          },
          { ...options, references: false },
        );
        await inFlight;
        options.onPhase?.('check');
        // After MAX_ERRORS reading stopped: the staged book is partial, its references are not worth checking.
        const errors = read.stopped ? [...read.errors] : [...read.errors, ...(await referenceProblems(tx, MAX_ERRORS - read.errors.length))];
        if (errors.length > 0) throw new Rollback({ ok: false, errors: inFileOrder(errors).slice(0, MAX_ERRORS) });
        options.onPhase?.('move');
        const changes = emptyChanges();
        for (const entity of ENTITIES) {
          if (staged[entity] === 0) continue;
          const [r] = await tx.query<{ created: number; updated: number }>(MOVE[entity]);
          changes[entity] = { created: r.created, updated: r.updated, unchanged: staged[entity] - r.created - r.updated };
        }
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

/** Duplicates and references over the staged book: the first `limit` problems, in file and row order. */
async function referenceProblems(tx: SqlTransaction, limit: number): Promise<CsvBookError[]> {
  if (limit <= 0) return [];
  await tx.exec(ANALYZE_STAGING);
  const rows = await tx.query<CsvBookError & Record<string, unknown>>(REFERENCE_PROBLEMS, [limit]);
  return rows.map((r) => ({ file: r.file, row: r.row, column: r.column, value: r.value, message: r.message }));
}

/** Problems by file (in reading order), then row; a file's own problems (row null) first. Stable otherwise. */
function inFileOrder(errors: readonly CsvBookError[]): CsvBookError[] {
  const rank = (file: string): number => {
    const i = CSV_BOOK_FILES.findIndex((f) => f.file === file);
    return i < 0 ? CSV_BOOK_FILES.length : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.file) - rank(b.e.file) || (a.e.row ?? 0) - (b.e.row ?? 0) || a.i - b.i)
    .map((x) => x.e);
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
