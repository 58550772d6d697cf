// All SQL of billing runs. Raw SQL on purpose: leasing needs FOR UPDATE SKIP
// LOCKED, idempotent writes need INSERT ... ON CONFLICT DO NOTHING, and the
// scheduled run needs pg_try_advisory_xact_lock inside a transaction (session
// locks leak through Prisma's pool). Bulk rows travel as arrays through
// unnest(), so a chunk of any size is a handful of statements with ~12 params.
import { timestampKeySql } from '../common/cursor.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ChunkBounds, NextKeyset } from './chunk-planner.js';
import { planChunks } from './chunk-planner.js';
import type { EvaluationError } from '../../engine/results/index.js';
import { publicErrorMessage, sqlStateOf } from '../common/public-error.js';
import type { ChunkPlanOutput, PlannedLine } from './run-types.js';
import { screenStorableLines, unstorable } from './storable-lines.js';
import { BOOK_LOCK_KEY } from '../common/book-lock.js';
import { emitWebhookEvent } from '../webhooks/webhook-events.js';
import { auditRebillsTx, postRunTx } from '../invoices/invoice-lifecycle.js';
import { DEFAULT_NUMBERING, type NumberingConfig } from '../invoices/numbering.js';
import { type Clock, systemClock } from '../common/clock.js';
import { IdempotencyKeys, type IdempotentRequest } from '../common/idempotency-key.js';
import { keyTraces, storeTraces } from '../invoices/line-traces.js';

export type Db = PrismaClient;
type Sql = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';
export type RunTrigger = 'schedule' | 'api' | 'cli';

export interface RunHoldRow {
  orderProductId: string;
  reasons: string[];
  policies: string[];
  trace: unknown;
}

export interface RunErrorRow {
  orderProductId: string;
  code: string;
  message: string;
  policy: string | null;
}

export interface PolicyVersionRef {
  readonly document: string;
  readonly name: string;
  readonly version: number;
  readonly checksum: string;
}

export interface RunRow {
  readonly id: string;
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly trigger: RunTrigger;
  readonly scheduleKey: string | null;
  readonly status: RunStatus;
  readonly progressDone: number;
  readonly progressTotal: number;
  readonly linesCount: number;
  readonly invoicesCount: number;
  readonly holdsCount: number;
  readonly errorsCount: number;
  readonly policyVersions: PolicyVersionRef[];
  /** Post the invoices when the run completes (else they stay drafts). */
  readonly postInvoices: boolean;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

export interface NewRun {
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly trigger: RunTrigger;
  readonly scheduleKey?: string | null;
  readonly policyVersions: readonly PolicyVersionRef[];
  /** Post the invoices when the run completes; default false (drafts). Ignored for dry runs. */
  readonly postInvoices?: boolean;
  readonly createdBy?: string | null;
}

export { IdempotencyKeyReused, type IdempotentRequest } from '../common/idempotency-key.js';

export interface LeasedChunk {
  readonly id: string;
  readonly runId: string;
  readonly seq: number;
  readonly lo: string;
  readonly hi: string;
  readonly size: number;
  readonly attempts: number;
}

export interface ChunkWriteResult {
  /** False when another worker had already finished this chunk: nothing was written. */
  readonly written: boolean;
  /** Lines actually inserted (conflicts with already billed periods are not counted). */
  readonly lines: number;
  readonly holds: number;
  readonly errors: number;
}

const RUN_COLUMNS = `id, as_of::text AS "asOf", dry_run AS "dryRun", trigger, schedule_key AS "scheduleKey", status,
  progress_done AS "progressDone", progress_total AS "progressTotal", lines_count AS "linesCount",
  invoices_count AS "invoicesCount", holds_count AS "holdsCount", errors_count AS "errorsCount",
  policy_versions AS "policyVersions", post_invoices AS "postInvoices", created_by AS "createdBy", created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt", error`;

/**
 * Chunks cover id ranges of all order products, walked on the primary key
 * alone (an index-only scan per chunk, whatever the table statistics say; a
 * join here lets the planner pick a full hash join per chunk). Products of
 * draft orders are skipped when the chunk is loaded.
 */
const KEYSET_FIRST = `SELECT min(s.id) AS lo, max(s.id) AS hi, count(*)::int AS n FROM (
  SELECT id FROM order_products ORDER BY id LIMIT $1) s`;
const KEYSET_NEXT = `SELECT min(s.id) AS lo, max(s.id) AS hi, count(*)::int AS n FROM (
  SELECT id FROM order_products WHERE id > $2 ORDER BY id LIMIT $1) s`;

/**
 * The lease: one pending or expired chunk of the run, skipping rows other
 * workers hold. The time ($3, now) and the expiry ($4) come from the
 * repository's injected clock, not the database's now(): tests move a clock
 * past a lease instead of waiting for it.
 */
export const LEASE_SQL = `UPDATE billing_run_chunks
  SET status = 'leased', lease_owner = $2, lease_until = $4::timestamptz, attempts = attempts + 1
  WHERE id = (
    SELECT id FROM billing_run_chunks
    WHERE run_id = $1 AND (status = 'pending' OR (status = 'leased' AND lease_until < $3::timestamptz))
    ORDER BY seq
    FOR UPDATE SKIP LOCKED
    LIMIT 1)
  RETURNING id, run_id AS "runId", seq, lo, hi, size, attempts`;

const LONG_TX = { maxWait: 30_000, timeout: 600_000 } as const;

/**
 * Invoice lines per INSERT statement on the embedded PGlite, whose statements
 * execute on the service's own thread: a chunk's lines in one statement hold
 * the event loop (health included) for all of them (`npm run bench:run` prints
 * the PGlite statement times). PostgreSQL writes a chunk's lines in one.
 */
export const PGLITE_LINE_BATCH = 40;

export class BillingRunsRepository {
  constructor(
    private readonly db: Db,
    private readonly numbering: NumberingConfig = DEFAULT_NUMBERING,
    /** The time leases are taken, renewed and found expired by (AppOptions.clock). */
    private readonly clock: Clock = systemClock,
    /** Lines per INSERT statement of a chunk (default: all in one). */
    private readonly lineBatch: number = Number.POSITIVE_INFINITY,
    /** Idempotency-Key claims of run starts (api/common/idempotency-key.ts). */
    private readonly keys: IdempotencyKeys = new IdempotencyKeys(clock),
  ) {}

  /** Now and the end of a lease of `leaseSeconds` from now, on the injected clock, as SQL parameters. */
  private leaseWindow(leaseSeconds: number): { now: string; until: string } {
    const now = this.clock.now();
    return { now: now.toISOString(), until: new Date(now.getTime() + leaseSeconds * 1000).toISOString() };
  }

  /**
   * Creates a run and plans its chunks in one transaction. With a schedule key,
   * the transaction first takes `pg_try_advisory_xact_lock(hashtext(key))` and
   * inserts with ON CONFLICT (schedule_key) DO NOTHING: however many instances
   * fire the same tick, one row exists. Returns null when another instance
   * holds the lock or already created the run.
   */
  async createRun(run: NewRun, chunkSize: number): Promise<string | null> {
    return this.db.$transaction((tx) => this.insertRun(tx, run, chunkSize), LONG_TX);
  }

  /**
   * Creates a run once per idempotency key: the key row is inserted in the
   * run's own transaction, so a concurrent request with the same key waits on
   * its primary key, then finds the committed row and answers with its run
   * (`replayed`). A key seen with another request body is refused
   * (IdempotencyKeyReused); a start that fails leaves no key behind; a key
   * past its retention starts a new run (IdempotencyKeys.once).
   */
  async createRunOnce(run: NewRun, chunkSize: number, once: IdempotentRequest): Promise<{ id: string; replayed: boolean }> {
    return this.db.$transaction(
      (tx) =>
        this.keys.once(tx, once, async () => {
          const id = await this.insertRun(tx, run, chunkSize);
          if (!id) throw new Error('the billing run was not created'); // only a schedule key can conflict
          return id;
        }),
      LONG_TX,
    );
  }

  private async insertRun(tx: Prisma.TransactionClient, run: NewRun, chunkSize: number): Promise<string | null> {
    if (run.scheduleKey) {
      const [lock] = await tx.$queryRawUnsafe<{ got: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got`,
        `proviso:billing-run:${run.scheduleKey}`,
      );
      if (!lock.got) return null;
      // This schedule's run exists already (another instance made it): nothing to do, not a conflict.
      const existing = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM billing_runs WHERE schedule_key = $1`, run.scheduleKey);
      if (existing.length > 0) return null;
    }
    await assertNoActiveRunFor(tx, run.asOf, run.dryRun);
    const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO billing_runs (as_of, dry_run, trigger, schedule_key, policy_versions, created_by, post_invoices)
       VALUES ($1::date, $2, $3, $4, $5::jsonb, $6, $7)
       ON CONFLICT (schedule_key) DO NOTHING
       RETURNING id`,
      run.asOf,
      run.dryRun,
      run.trigger,
      run.scheduleKey ?? null,
      JSON.stringify(run.policyVersions),
      run.createdBy ?? null,
      !run.dryRun && (run.postInvoices ?? false),
    );
    if (inserted.length === 0) return null;
    const id = inserted[0].id;
    const chunks = await planChunks(keysetOver(tx), chunkSize);
    await insertChunks(tx, id, chunks);
    await tx.$executeRawUnsafe(
      `UPDATE billing_runs SET progress_total = $2 WHERE id = $1`,
      id,
      chunks.reduce((s, c) => s + c.size, 0),
    );
    // The audit row is part of the run's creation: both or neither.
    await tx.auditLog.create({
      data: {
        actorKeyId: run.createdBy ?? null,
        action: 'run.start',
        entityType: 'billing-run',
        subject: id,
        detail: {
          asOf: run.asOf,
          dryRun: run.dryRun,
          trigger: run.trigger,
          scheduleKey: run.scheduleKey ?? null,
          postInvoices: !run.dryRun && (run.postInvoices ?? false),
        },
      },
    });
    return id;
  }

  async getRun(id: string): Promise<RunRow | null> {
    const rows = await this.db.$queryRawUnsafe<RunRow[]>(`SELECT ${RUN_COLUMNS} FROM billing_runs WHERE id = $1`, id);
    return rows[0] ?? null;
  }

  /** Newest first; `after` = the (created_at as text, id) of the last row of the previous page. */
  async listRuns(limit: number, after?: readonly [string, string]): Promise<(RunRow & { createdAtKey: string })[]> {
    const cols = `${RUN_COLUMNS}, ${timestampKeySql('created_at')} AS "createdAtKey"`;
    return after
      ? this.db.$queryRawUnsafe(
          `SELECT ${cols} FROM billing_runs WHERE (created_at, id) < ($2::timestamptz, $3) ORDER BY created_at DESC, id DESC LIMIT $1`,
          limit,
          after[0],
          after[1],
        )
      : this.db.$queryRawUnsafe(`SELECT ${cols} FROM billing_runs ORDER BY created_at DESC, id DESC LIMIT $1`, limit);
  }

  /** Runs a worker should help with, oldest first. */
  async activeRunIds(): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM billing_runs WHERE status IN ('queued', 'running') ORDER BY created_at, id`,
    );
    return rows.map((r) => r.id);
  }

  /** By order product; with `page`, at most `limit` rows after the order product `after`. */
  async holds(runId: string, page?: { limit: number; after?: string }): Promise<RunHoldRow[]> {
    const cols = `order_product_id AS "orderProductId", reasons, policies, trace`;
    if (!page) return this.db.$queryRawUnsafe(`SELECT ${cols} FROM run_holds WHERE run_id = $1 ORDER BY order_product_id`, runId);
    return this.db.$queryRawUnsafe(
      `SELECT ${cols} FROM run_holds WHERE run_id = $1 AND ($3::text IS NULL OR order_product_id > $3) ORDER BY order_product_id LIMIT $2`,
      runId,
      page.limit,
      page.after ?? null,
    );
  }

  /** By (order product, code, message); with `page`, at most `limit` rows after that key. */
  async errors(runId: string, page?: { limit: number; after?: readonly [string, string, string] }): Promise<RunErrorRow[]> {
    const cols = `order_product_id AS "orderProductId", code, message, policy`;
    const order = 'ORDER BY order_product_id, code, message';
    if (!page) return this.db.$queryRawUnsafe(`SELECT ${cols} FROM run_errors WHERE run_id = $1 ${order}`, runId);
    if (!page.after) return this.db.$queryRawUnsafe(`SELECT ${cols} FROM run_errors WHERE run_id = $1 ${order} LIMIT $2`, runId, page.limit);
    return this.db.$queryRawUnsafe(
      `SELECT ${cols} FROM run_errors WHERE run_id = $1 AND (order_product_id, code, message) > ($3, $4, $5) ${order} LIMIT $2`,
      runId,
      page.limit,
      ...page.after,
    );
  }

  /** The last id of the chunk before this one (its exclusive lower bound), null for the first chunk. */
  async previousChunkHi(chunk: Pick<LeasedChunk, 'runId' | 'seq'>): Promise<string | null> {
    if (chunk.seq === 0) return null;
    const rows = await this.db.$queryRawUnsafe<{ hi: string }[]>(
      `SELECT hi FROM billing_run_chunks WHERE run_id = $1 AND seq = $2`,
      chunk.runId,
      chunk.seq - 1,
    );
    if (!rows[0]) throw new Error(`chunk ${chunk.seq - 1} of run ${chunk.runId} is missing: cannot bound chunk ${chunk.seq}`);
    return rows[0].hi;
  }

  /** Leases the next pending (or abandoned) chunk of the run; marks the run running. */
  async leaseChunk(runId: string, owner: string, leaseSeconds: number): Promise<LeasedChunk | null> {
    const { now, until } = this.leaseWindow(leaseSeconds);
    const rows = await this.db.$queryRawUnsafe<LeasedChunk[]>(LEASE_SQL, runId, owner, now, until);
    if (rows.length === 0) return null;
    await this.db.$executeRawUnsafe(
      `UPDATE billing_runs SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1 AND status = 'queued'`,
      runId,
    );
    return rows[0];
  }

  /** Extends a lease this owner still holds; false when it was lost (expired and taken over). */
  async renewLease(chunkId: string, owner: string, leaseSeconds: number): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE billing_run_chunks SET lease_until = $3::timestamptz
       WHERE id = $1 AND lease_owner = $2 AND status = 'leased'`,
      chunkId,
      owner,
      this.leaseWindow(leaseSeconds).until,
    );
    return n > 0;
  }

  /**
   * Writes what the planner produced for one chunk and marks the chunk done.
   * A chunk already done writes and creates nothing. The chunk's distinct
   * line traces (stored once, `line-traces.ts`) and its invoices (drafts,
   * one per account and currency) are created first in their own short
   * transaction (ON CONFLICT (run_id, account_id, currency) DO NOTHING) that
   * holds the chunk row FOR SHARE: two chunks sharing a boundary account
   * never wait on each other's open transaction, a late duplicate whose
   * chunk is done creates no invoice, and any invoice created is committed
   * before the chunk can be marked done, so the run's finalisation sees it
   * and removes it if it stayed empty (a completed run never shows an empty
   * draft that could be posted). Then, all or nothing: the chunk
   * row is locked (if another worker already finished it, nothing is
   * written), lines, holds and errors are inserted with ON CONFLICT DO
   * NOTHING, so a duplicated chunk writes nothing twice. The write
   * transaction plans every statement for its own parameters
   * (`plan_cache_mode = force_custom_plan`): the foreign-key check of
   * invoice_lines -> invoices, planned once per connection while `invoices`
   * was small, would otherwise stay a sequential scan and make the per-line
   * cost grow with the invoice count.
   */
  async writeChunk(
    chunk: LeasedChunk,
    run: Pick<RunRow, 'id' | 'asOf' | 'dryRun'>,
    result: ChunkPlanOutput,
  ): Promise<ChunkWriteResult> {
    const nothing: ChunkWriteResult = { written: false, lines: 0, holds: 0, errors: 0 };
    const traces = keyTraces(result.lines.map((l) => l.trace));
    const traceOf = new Map(result.lines.map((l, i) => [l, traces.keys[i]]));
    // The chunk row FOR SHARE: a late duplicate (the chunk finished by another
    // worker) creates no invoice; otherwise the chunk cannot be marked done,
    // nor the run finalised, before these invoices are committed, so
    // finalisation drops those left empty and a completed run never shows an
    // empty draft that could be posted.
    const invoiceOf = await this.db.$transaction(async (tx) => {
      const [before] = await tx.$queryRawUnsafe<{ status: string }[]>(`SELECT status FROM billing_run_chunks WHERE id = $1 FOR SHARE`, chunk.id);
      if (!before || before.status === 'done') return null;
      await storeTraces(tx, traces.distinct);
      return ensureInvoices(tx, run, result.lines);
    }, LONG_TX);
    if (!invoiceOf) return nothing;
    return this.db.$transaction(async (tx) => {
      // plan_cache_mode set for this transaction in the same round trip as the chunk lock
      const [state] = await tx.$queryRawUnsafe<{ status: string }[]>(
        `SELECT status, set_config('plan_cache_mode', 'force_custom_plan', true) AS mode FROM billing_run_chunks WHERE id = $1 FOR UPDATE`,
        chunk.id,
      );
      if (!state || state.status === 'done') return nothing;

      const written = await writeLinesIsolatingFailures(tx, run, result.lines, { invoiceOf, traceOf }, this.lineBatch);
      const lines = written.lines;
      const holds = await insertHolds(tx, run.id, result);
      const errors = await insertErrors(tx, run.id, { ...result, errors: [...result.errors, ...written.errors] });

      // the chunk done and the run's progress in one statement (the run row is held only until commit)
      await tx.$executeRawUnsafe(
        `WITH done AS (
           UPDATE billing_run_chunks SET status = 'done', done_at = now(), lease_until = NULL,
             lines_count = $3, holds_count = $4, errors_count = $5 WHERE id = $1 RETURNING id)
         UPDATE billing_runs SET progress_done = progress_done + $6, lines_count = lines_count + $3,
           holds_count = holds_count + $4, errors_count = errors_count + $5 WHERE id = $2`,
        chunk.id,
        run.id,
        lines,
        holds,
        errors,
        chunk.size,
      );
      return { written: true, lines, holds, errors };
    }, LONG_TX);
  }

  /**
   * A chunk failed with an unexpected error: gives the lease back for another
   * attempt, or fails the run (with the message) once it was tried `maxAttempts` times.
   */
  async failChunk(chunk: LeasedChunk, owner: string, message: string, maxAttempts: number): Promise<'retry' | 'failed'> {
    await this.db.$executeRawUnsafe(
      `UPDATE billing_run_chunks SET status = 'pending', lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2 AND status = 'leased'`,
      chunk.id,
      owner,
    );
    if (chunk.attempts < maxAttempts) return 'retry';
    await this.failRun(chunk.runId, `chunk ${chunk.seq} (${chunk.lo}..${chunk.hi}) failed ${chunk.attempts} times: ${message}`);
    return 'failed';
  }

  /**
   * Puts a failed run back to work once its cause is fixed: its unfinished
   * chunks become pending with fresh attempts, done chunks stay done (nothing
   * is written twice). Refused (ActiveRunExists) while another run for the same
   * date and kind is active. False when the run is not failed.
   */
  async resumeRun(runId: string, actorKeyId: string | null): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const [run] = await tx.$queryRawUnsafe<{ status: string; asOf: string; dryRun: boolean }[]>(
        `SELECT status, as_of::text AS "asOf", dry_run AS "dryRun" FROM billing_runs WHERE id = $1 FOR UPDATE`,
        runId,
      );
      if (!run || run.status !== 'failed') return false;
      await assertNoActiveRunFor(tx, run.asOf, run.dryRun);
      await tx.$executeRawUnsafe(
        `UPDATE billing_run_chunks SET status = 'pending', attempts = 0, lease_owner = NULL, lease_until = NULL
          WHERE run_id = $1 AND status <> 'done'`,
        runId,
      );
      await tx.$executeRawUnsafe(`UPDATE billing_runs SET status = 'queued', error = NULL, finished_at = NULL WHERE id = $1`, runId);
      await tx.auditLog.create({ data: { actorKeyId, action: 'run.resume', subject: runId, detail: { asOf: run.asOf } } });
      return true;
    }, LONG_TX);
  }

  /** Fails the run and announces it (webhook `run.failed`) in the same transaction. */
  async failRun(runId: string, message: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const n = await tx.$executeRawUnsafe(
        `UPDATE billing_runs SET status = 'failed', error = $2, finished_at = now()
         WHERE id = $1 AND status IN ('queued', 'running')`,
        runId,
        message,
      );
      if (n > 0) await emitWebhookEvent(tx, 'run.failed', await runEventData(tx, runId));
    });
  }

  /**
   * Completes the run once every chunk is done (invoice totals are already the
   * sum of their lines: each chunk adds its lines' amounts as it writes them),
   * invoices left without lines (their periods were billed by another
   * run meanwhile) removed, counts recomputed, `invoice.rebill` audit rows
   * for invoices billing coverage a voided invoice released, and, for a run
   * that posts directly, every invoice posted (numbered in this transaction). Exactly one caller wins (a
   * transaction-scoped advisory lock plus a conditional UPDATE on the status).
   */
  async finalize(runId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const [lock] = await tx.$queryRawUnsafe<{ got: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got`,
        `proviso:billing-run-finalize:${runId}`,
      );
      if (!lock.got) return false;
      const [run] = await tx.$queryRawUnsafe<{ status: string; postInvoices: boolean; dryRun: boolean; createdBy: string | null }[]>(
        `SELECT status, post_invoices AS "postInvoices", dry_run AS "dryRun", created_by AS "createdBy"
           FROM billing_runs WHERE id = $1 FOR UPDATE`,
        runId,
      );
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return false;
      const [open] = await tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM billing_run_chunks WHERE run_id = $1 AND status <> 'done'`,
        runId,
      );
      if (open.n > 0) return false;
      await tx.$executeRawUnsafe(
        `DELETE FROM invoices i WHERE i.run_id = $1 AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)`,
        runId,
      );
      if (!run.dryRun) await auditRebillsTx(tx, runId);
      if (run.postInvoices && !run.dryRun) await postRunTx(tx, runId, this.numbering, null, { fromFinalize: true });
      const n = await tx.$executeRawUnsafe(
        `UPDATE billing_runs SET status = 'completed', finished_at = now(), started_at = coalesce(started_at, now()),
           progress_done = progress_total,
           lines_count = (SELECT count(*) FROM invoice_lines WHERE run_id = $1),
           invoices_count = (SELECT count(*) FROM invoices WHERE run_id = $1),
           holds_count = (SELECT count(*) FROM run_holds WHERE run_id = $1),
           errors_count = (SELECT count(*) FROM run_errors WHERE run_id = $1)
         WHERE id = $1 AND status IN ('queued', 'running')`,
        runId,
      );
      if (n > 0) await emitWebhookEvent(tx, 'run.completed', await runEventData(tx, runId));
      return n > 0;
    }, LONG_TX);
  }
}

/** What a run webhook says about the run (the same names as GET /api/billing-runs/:id). */
async function runEventData(tx: Sql, runId: string): Promise<Record<string, unknown>> {
  const [r] = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT id AS "runId", to_char(as_of, 'YYYY-MM-DD') AS "asOf", dry_run AS "dryRun", status, trigger,
            lines_count AS "linesCount", invoices_count AS "invoicesCount", holds_count AS "holdsCount",
            errors_count AS "errorsCount", error, finished_at AS "finishedAt"
       FROM billing_runs WHERE id = $1`,
    runId,
  );
  return r;
}

function keysetOver(tx: Sql): NextKeyset {
  return async (afterId, limit) => {
    const rows =
      afterId === null
        ? await tx.$queryRawUnsafe<{ lo: string | null; hi: string | null; n: number }[]>(KEYSET_FIRST, limit)
        : await tx.$queryRawUnsafe<{ lo: string | null; hi: string | null; n: number }[]>(KEYSET_NEXT, limit, afterId);
    const r = rows[0];
    return r && r.n > 0 && r.lo !== null && r.hi !== null ? { firstId: r.lo, lastId: r.hi, count: r.n } : null;
  };
}

/** Thrown by createRun when a run for the same date (and kind) is queued or running. */
export class ActiveRunExists extends Error {
  constructor(
    readonly runId: string,
    readonly asOf: string,
    readonly status: string,
  ) {
    super(`a billing run for ${asOf} is already ${status}: ${runId}`);
    this.name = 'ActiveRunExists';
  }
}

/**
 * One active run per (date, real or dry) across every instance: a
 * transaction-scoped advisory lock on the date, then a look for a queued or
 * running run. Real runs also take the book lock, so an upload either commits
 * before the run is planned or sees the run and is refused.
 */
async function assertNoActiveRunFor(tx: Sql, asOf: string, dryRun: boolean): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `proviso:billing-run-date:${asOf}:${dryRun ? 'dry' : 'real'}`);
  if (!dryRun) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, BOOK_LOCK_KEY);
  const active = await tx.$queryRawUnsafe<{ id: string; status: string }[]>(
    `SELECT id, status FROM billing_runs WHERE as_of = $1::date AND dry_run = $2 AND status IN ('queued', 'running')
     ORDER BY created_at LIMIT 1`,
    asOf,
    dryRun,
  );
  if (active[0]) throw new ActiveRunExists(active[0].id, asOf, active[0].status);
}

async function insertChunks(tx: Sql, runId: string, chunks: readonly ChunkBounds[]): Promise<void> {
  const page = 5_000;
  for (let i = 0; i < chunks.length; i += page) {
    const part = chunks.slice(i, i + page);
    await tx.$executeRawUnsafe(
      `INSERT INTO billing_run_chunks (run_id, seq, lo, hi, size)
       SELECT $1, seq, lo, hi, size FROM unnest($2::int[], $3::text[], $4::text[], $5::int[]) AS t(seq, lo, hi, size)`,
      runId,
      part.map((c) => c.seq),
      part.map((c) => c.firstId),
      part.map((c) => c.lastId),
      part.map((c) => c.size),
    );
  }
}

/** A unique or exclusion constraint refused a row: the line is billed already. */
function isConflict(e: unknown): boolean {
  const state = sqlStateOf(e);
  return state === '23505' || state === '23P01';
}

/** SQLSTATEs of a line's own data (overflow, bad text, a check): that line's failure, not the chunk's. */
function isLineDataError(e: unknown): boolean {
  const state = sqlStateOf(e);
  return state !== undefined && (state.startsWith('22') || state === '23514');
}

/**
 * Writes a chunk's lines with their invoices' totals. Lines that cannot fit
 * the columns are screened out first (PV6001); if the database still refuses
 * the batch for a data reason, the batch is undone to a savepoint and written
 * one order product at a time, each product the database refuses becoming a
 * PV6001 error: one bad line never stops the rest of the chunk (or the run).
 */
async function writeLinesIsolatingFailures(
  tx: Sql,
  run: Pick<RunRow, 'id' | 'asOf' | 'dryRun'>,
  planned: readonly PlannedLine[],
  keys: LineKeys,
  lineBatch: number,
): Promise<{ lines: number; errors: EvaluationError[] }> {
  const { storable, errors } = screenStorableLines(planned);
  await tx.$executeRawUnsafe('SAVEPOINT chunk_lines');
  // First without ON CONFLICT: the planner left out what is billed already, so
  // a chunk's lines rarely conflict, and a plain insert skips the speculative
  // pre-check of every arbiter index (the GiST exclusion constraint included)
  // per line. A conflict (a chunk written again, coverage another run billed
  // meanwhile) undoes it to the savepoint and writes with ON CONFLICT DO NOTHING.
  for (const onConflict of [false, true]) {
    try {
      const lines = await insertLines(tx, run, storable, keys, lineBatch, onConflict);
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT chunk_lines');
      return { lines, errors };
    } catch (e) {
      const conflict = !onConflict && isConflict(e);
      if (!conflict && !isLineDataError(e)) throw e;
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT chunk_lines');
      if (!conflict) break;
    }
  }
  const byProduct = new Map<string, PlannedLine[]>();
  for (const l of storable) {
    const group = byProduct.get(l.orderProductId);
    if (group) group.push(l);
    else byProduct.set(l.orderProductId, [l]);
  }
  let lines = 0;
  for (const [orderProductId, group] of [...byProduct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    await tx.$executeRawUnsafe('SAVEPOINT product_lines');
    try {
      lines += await insertLines(tx, run, group, keys, lineBatch, true);
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT product_lines');
    } catch (e) {
      if (!isLineDataError(e)) throw e;
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT product_lines');
      errors.push(unstorable(orderProductId, publicErrorMessage(e)));
    }
  }
  return { lines, errors };
}

/**
 * The run's invoices for the chunk's (account, currency) pairs, created when
 * missing in a short transaction of their own (so concurrent chunks do not
 * hold each other's invoice inserts open); sorted so concurrent chunks sharing
 * accounts take the unique-index locks in the same order (no deadlock).
 * Returns invoice id by pair.
 */
async function ensureInvoices(tx: Sql, run: Pick<RunRow, 'id' | 'asOf' | 'dryRun'>, planned: readonly PlannedLine[]): Promise<Map<string, string>> {
  if (planned.length === 0) return new Map();
  const keys = [...new Set(planned.map((l) => `${l.accountId}\u0000${l.currency}`))].sort();
  const accounts = keys.map((k) => k.split('\u0000')[0]);
  const currencies = keys.map((k) => k.split('\u0000')[1]);
  // one round trip: the invoices inserted (RETURNING) and those that existed
  // (the outer SELECT's snapshot does not see the CTE's rows, so none twice)
  const select = `SELECT i.id, i.account_id AS "accountId", i.currency FROM invoices i
       JOIN unnest($4::text[], $5::text[]) AS t(a, c) ON i.account_id = t.a AND i.currency = t.c
      WHERE i.run_id = $1`;
  let invoices = await tx.$queryRawUnsafe<{ id: string; accountId: string; currency: string }[]>(
    `WITH ins AS (
       INSERT INTO invoices (run_id, account_id, currency, invoice_date, dry_run)
       SELECT $1, a, c, $2::date, $3 FROM unnest($4::text[], $5::text[]) AS t(a, c)
       ON CONFLICT (run_id, account_id, currency) DO NOTHING
       RETURNING id, account_id, currency)
     SELECT id, account_id AS "accountId", currency FROM ins
     UNION ALL
     ${select}`,
    run.id,
    run.asOf,
    run.dryRun,
    accounts,
    currencies,
  );
  // a concurrent chunk committed one of these pairs after this statement's
  // snapshot (its insert was skipped, the SELECT could not see it): read again
  if (invoices.length < keys.length) {
    invoices = await tx.$queryRawUnsafe(`${select.replace('$4', '$2').replace('$5', '$3')}`, run.id, accounts, currencies);
  }
  return new Map(invoices.map((i) => [`${i.accountId}\u0000${i.currency}`, i.id]));
}

/** Where a chunk's planned lines go: the invoice of each (account, currency) pair, the stored trace of each line. */
interface LineKeys {
  readonly invoiceOf: ReadonlyMap<string, string>;
  readonly traceOf: ReadonlyMap<PlannedLine, string>;
}

/**
 * The live real charge line of order product `op` that holds the coverage
 * `cps..cpe` a credit corrects (live charges of one product never overlap,
 * so at most one contains it); none when that coverage is imported history.
 */
const CORRECTED_CHARGE_SQL = `SELECT c.id FROM invoice_lines c
   WHERE c.order_product_id = op AND c.kind = 'charge' AND c.live AND NOT c.dry_run
     AND c.period_start <= cps AND c.period_end >= cpe
   ORDER BY c.period_start LIMIT 1`;

/**
 * Inserts the lines and adds the inserted lines' amounts to their invoices'
 * totals in the same statement: a committed chunk always leaves total = sum
 * of lines, mid-run and after a crash. The invoices are locked in id order
 * first, so chunks sharing an invoice add to its total one after the other
 * (no deadlock).
 */
async function insertLines(
  tx: Sql,
  run: Pick<RunRow, 'id' | 'asOf' | 'dryRun'>,
  planned: readonly PlannedLine[],
  { invoiceOf, traceOf }: LineKeys,
  lineBatch: number,
  onConflict: boolean,
): Promise<number> {
  if (planned.length === 0) return 0;
  const lines = [...planned].sort((a, b) =>
    a.orderProductId < b.orderProductId ? -1 : a.orderProductId > b.orderProductId ? 1 : a.periodStart < b.periodStart ? -1 : 1,
  );
  const invoiceIds = lines.map((l) => invoiceOf.get(`${l.accountId}\u0000${l.currency}`)!);
  await tx.$queryRawUnsafe(`SELECT id FROM invoices WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [...new Set(invoiceIds)]);
  if (lines.length <= lineBatch) return insertLineRows(tx, run, lines, invoiceIds, traceOf, onConflict);
  let n = 0;
  for (let i = 0; i < lines.length; i += lineBatch) {
    n += await insertLineRows(tx, run, lines.slice(i, i + lineBatch), invoiceIds.slice(i, i + lineBatch), traceOf, onConflict);
  }
  return n;
}

/** One statement: the (sorted) lines (with `onConflict`, skipping those a constraint refuses), and their amounts added to their invoices' totals. */
async function insertLineRows(
  tx: Sql,
  run: Pick<RunRow, 'id' | 'asOf' | 'dryRun'>,
  lines: readonly PlannedLine[],
  invoiceIds: readonly string[],
  traceOf: ReadonlyMap<PlannedLine, string>,
  onConflict: boolean,
): Promise<number> {
  const [inserted] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `WITH ins AS (
       INSERT INTO invoice_lines (invoice_id, run_id, order_product_id, period_start, period_end, billing_date,
         quantity, unit_price, proration_factor, amount, trace_hash, dry_run, kind,
         corrects_period_start, corrects_period_end, corrects_amount, corrects_line_id)
       SELECT i, $1, op, ps, pe, bd, q, up, pf, am, tr, $2, k, cps, cpe, cam,
              CASE WHEN cps IS NOT NULL THEN (${CORRECTED_CHARGE_SQL}) END
         FROM unnest($3::text[], $4::text[], $5::date[], $6::date[], $7::date[], $8::numeric[], $9::numeric[],
                     $10::numeric[], $11::numeric[], $12::text[], $13::text[], $14::date[], $15::date[], $16::numeric[])
              AS t(i, op, ps, pe, bd, q, up, pf, am, tr, k, cps, cpe, cam)
       ${onConflict ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING invoice_id, amount),
     totals AS (
       UPDATE invoices inv SET total = inv.total + s.amount
         FROM (SELECT invoice_id, sum(amount) AS amount FROM ins GROUP BY invoice_id) s
        WHERE inv.id = s.invoice_id
       RETURNING inv.id)
     SELECT (SELECT count(*) FROM ins)::int AS n, (SELECT count(*) FROM totals)::int AS invoices`,
    run.id,
    run.dryRun,
    invoiceIds,
    lines.map((l) => l.orderProductId),
    lines.map((l) => l.periodStart),
    lines.map((l) => l.periodEnd),
    lines.map((l) => l.billingDate),
    lines.map((l) => l.quantity),
    lines.map((l) => l.unitPrice),
    lines.map((l) => l.prorationFactor),
    lines.map((l) => l.amount),
    lines.map((l) => traceOf.get(l)!),
    lines.map((l) => l.kind),
    lines.map((l) => l.corrects?.periodStart ?? null),
    lines.map((l) => l.corrects?.periodEnd ?? null),
    lines.map((l) => l.corrects?.amount ?? null),
  );
  return inserted.n;
}

async function insertHolds(tx: Sql, runId: string, result: ChunkPlanOutput): Promise<number> {
  if (result.holds.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO run_holds (run_id, order_product_id, reasons, policies, trace)
     SELECT $1, op, r, p, t FROM unnest($2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[]) AS x(op, r, p, t)
     ON CONFLICT (run_id, order_product_id) DO NOTHING`,
    runId,
    result.holds.map((h) => h.orderProductId),
    result.holds.map((h) => JSON.stringify(h.reasons)),
    result.holds.map((h) => JSON.stringify(h.policies)),
    result.holds.map((h) => (h.trace ? JSON.stringify(h.trace) : null)),
  );
}

async function insertErrors(tx: Sql, runId: string, result: ChunkPlanOutput): Promise<number> {
  if (result.errors.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO run_errors (run_id, order_product_id, code, message, policy)
     SELECT $1, op, c, m, p FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(op, c, m, p)
     ON CONFLICT DO NOTHING`,
    runId,
    result.errors.map((e) => e.orderProductId),
    result.errors.map((e) => e.code),
    result.errors.map((e) => e.message),
    result.errors.map((e) => e.policy ?? null),
  );
}
