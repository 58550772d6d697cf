// The `Idempotency-Key` request header: a client-chosen value that makes a
// retried POST answer with what the first one created. Bounded (1-255
// visible ASCII characters); the request body is fingerprinted so a key
// reused with another body is refused instead of answered wrongly.
//
// `IdempotencyKeys.once` is the one place the keys are claimed (POST
// /api/billing-runs, POST /api/quotes/:id/accept): in the caller's own
// transaction, so a concurrent retry waits on the key's primary key and then
// answers with what the first request committed. A key is honoured for the
// retention (PROVISO_IDEMPOTENCY_RETENTION_HOURS, default 24 h, timed by the
// injected clock); after it the same key is a new request. Each new key
// deletes a bounded batch of expired ones, so the table holds about one
// retention's worth of keys.
import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';
import { type Clock, systemClock } from './clock.js';
import { UnprocessableProblem, ValidationProblem } from './problem.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The header's value, or undefined when absent; a malformed value is a 400 naming the header. */
export function idempotencyKeyFrom(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const raw = headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw : [raw];
  const problem = (message: string) => new ValidationProblem(`Idempotency-Key: ${message}`, [{ path: 'headers.idempotency-key', message }]);
  if (value.length !== 1) throw problem('give the header once');
  if (!KEY.test(value[0])) throw problem('must be 1 to 255 visible ASCII characters (letters, digits, punctuation; no spaces), e.g. a UUID');
  return value[0];
}

/** sha256 (hex) of a JSON value with its object keys sorted: the same body gives the same fingerprint. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A request made with an `Idempotency-Key` header, scoped to its API key and route. */
export interface IdempotentRequest {
  /** The API key's id (`anonymous` without one). */
  readonly scope: string;
  /** e.g. `POST /api/billing-runs` */
  readonly route: string;
  readonly key: string;
  /** sha256 (hex) of the request (`requestFingerprint`). */
  readonly requestHash: string;
}

/** The idempotency key was used before (within its retention) with another request body. */
export class IdempotencyKeyReused extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key '${key}' was used with another request body`);
  }
}

/** The 422 answering an IdempotencyKeyReused, naming the header. */
export function idempotencyKeyReusedProblem(e: IdempotencyKeyReused): UnprocessableProblem {
  return new UnprocessableProblem(`${e.message}; a retry must repeat the body exactly, a new request needs a new key`, [
    { path: 'headers.idempotency-key', message: 'already used with another request body' },
  ]);
}

export const DEFAULT_IDEMPOTENCY_RETENTION_HOURS = 24;
const MAX_RETENTION_HOURS = 8760;
/** Expired keys a new key deletes at most (in its own transaction). */
export const IDEMPOTENCY_PRUNE_BATCH = 100;

/** PROVISO_IDEMPOTENCY_RETENTION_HOURS: whole hours 1-8760, default 24; a bad value is an error naming the variable. */
export function idempotencyRetentionHoursFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = (env.PROVISO_IDEMPOTENCY_RETENTION_HOURS ?? '').trim();
  if (raw === '') return DEFAULT_IDEMPOTENCY_RETENTION_HOURS;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_RETENTION_HOURS) {
    throw new Error(`PROVISO_IDEMPOTENCY_RETENTION_HOURS: '${raw}' must be a whole number of hours from 1 to ${MAX_RETENTION_HOURS}`);
  }
  return n;
}

type Sql = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

export class IdempotencyKeys {
  constructor(
    /** "Now" for stamping and expiring keys (AppOptions.clock). */
    private readonly clock: Clock = systemClock,
    readonly retentionHours: number = DEFAULT_IDEMPOTENCY_RETENTION_HOURS,
    private readonly pruneBatch: number = IDEMPOTENCY_PRUNE_BATCH,
  ) {}

  /** Keys stamped at or before this are expired. */
  private expiredAt(now: Date): Date {
    return new Date(now.getTime() - this.retentionHours * 3_600_000);
  }

  /**
   * `create` (which returns the id of what it made) once per key, inside the
   * caller's transaction `tx`: the first request claims the key and records
   * the id; a retry within the retention answers with that id (`replayed`),
   * waiting for a concurrent first request to commit; the same key with
   * another request is IdempotencyKeyReused. An expired key is claimed anew.
   * A `create` that throws rolls back the key with everything else.
   */
  async once(tx: Sql, request: IdempotentRequest, create: () => Promise<string>): Promise<{ id: string; replayed: boolean }> {
    const now = this.clock.now();
    // an expired row is taken over (its old answer forgotten); a live one is only locked, and answered below
    const claimed = await tx.$queryRawUnsafe<unknown[]>(
      `INSERT INTO idempotency_keys (scope, route, key, request_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, route, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, resource_id = NULL, created_at = EXCLUDED.created_at
       WHERE idempotency_keys.created_at <= $6
       RETURNING key`,
      request.scope,
      request.route,
      request.key,
      request.requestHash,
      now,
      this.expiredAt(now),
    );
    if (claimed.length === 0) {
      const [seen] = await tx.$queryRawUnsafe<{ requestHash: string; resourceId: string | null }[]>(
        `SELECT request_hash AS "requestHash", resource_id AS "resourceId" FROM idempotency_keys WHERE scope = $1 AND route = $2 AND key = $3`,
        request.scope,
        request.route,
        request.key,
      );
      if (!seen || seen.resourceId === null) throw new Error('idempotency key row vanished'); // key and id are written in one transaction
      if (seen.requestHash !== request.requestHash) throw new IdempotencyKeyReused(request.key);
      return { id: seen.resourceId, replayed: true };
    }
    const id = await create();
    await tx.$executeRawUnsafe(
      `UPDATE idempotency_keys SET resource_id = $4 WHERE scope = $1 AND route = $2 AND key = $3`,
      request.scope,
      request.route,
      request.key,
      id,
    );
    await this.prune(tx, now);
    return { id, replayed: false };
  }

  /**
   * Deletes at most `batch` expired keys (oldest first; rows another
   * transaction holds are skipped, not waited for); returns how many.
   */
  async prune(sql: Sql, now: Date = this.clock.now(), batch: number = this.pruneBatch): Promise<number> {
    return sql.$executeRawUnsafe(
      `DELETE FROM idempotency_keys WHERE (scope, route, key) IN (
         SELECT scope, route, key FROM idempotency_keys WHERE created_at <= $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      this.expiredAt(now),
      batch,
    );
  }
}

/** The app's keys: timed by AppOptions.clock, kept for AppOptions.idempotencyRetentionHours (else PROVISO_IDEMPOTENCY_RETENTION_HOURS, else 24). */
export function idempotencyKeysFrom(
  options: { readonly clock?: Clock; readonly idempotencyRetentionHours?: number },
  env: Readonly<Record<string, string | undefined>> = process.env,
): IdempotencyKeys {
  return new IdempotencyKeys(options.clock ?? systemClock, options.idempotencyRetentionHours ?? idempotencyRetentionHoursFrom(env));
}
