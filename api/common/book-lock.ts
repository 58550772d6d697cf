// A billing run reads one consistent order book. Book writes (uploads, seed)
// and the creation of a real run take the same transaction-scoped advisory
// lock; a book write then refuses (409 naming the run) while a real run is
// queued or running, so no chunk sees a different book than another.
import type { Prisma } from '../generated/prisma/client.js';
import type { SqlTransaction } from '../persistence/migrator.js';
import { ConflictProblem } from './problem.js';

export const BOOK_LOCK_KEY = 'proviso:order-book';

/** A Prisma transaction, or a transaction on a connection of its own (CSV import). */
type Sql = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'> | SqlTransaction;

const RUN_IN_PROGRESS = `SELECT id, as_of::text AS "asOf", status FROM billing_runs
     WHERE dry_run = false AND status IN ('queued', 'running') ORDER BY created_at LIMIT 1`;

/** Inside a book-writing transaction: takes the book lock, refuses while a real run is in progress. */
export async function lockBookForWrite(tx: Sql): Promise<void> {
  let rows: { id: string; asOf: string; status: string }[];
  if ('query' in tx) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, [BOOK_LOCK_KEY]);
    rows = await tx.query<{ id: string; asOf: string; status: string }>(RUN_IN_PROGRESS);
  } else {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, BOOK_LOCK_KEY);
    rows = await tx.$queryRawUnsafe<{ id: string; asOf: string; status: string }[]>(RUN_IN_PROGRESS);
  }
  const run = rows[0];
  if (run) {
    throw new ConflictProblem(
      `billing run ${run.id} (${run.asOf}) is ${run.status}: the order book cannot change until it ends; upload again then`,
      { runId: run.id, status: run.status },
    );
  }
}
