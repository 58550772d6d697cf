// Billing-run settings read from the environment, validated once at start.
// A bad value is a clear error naming the variable, never a silent default.
import { validateCronExpression } from 'cron';
import { DateTime, IANAZone } from 'luxon';

export interface BillingRunConfig {
  /** Cron expression of the daily run, or null when `PROVISO_BILLING_CRON=off`. */
  readonly cron: string | null;
  /** IANA zone the cron fires in and in which "today" is computed. */
  readonly timeZone: string;
  /** How long a chunk lease lasts before another worker may take it over. */
  readonly leaseSeconds: number;
  /** Order products per chunk. */
  readonly chunkSize: number;
  /** How often an idle worker looks for chunks to lease. */
  readonly pollMs: number;
  /** A chunk that fails this many times fails the run. */
  readonly maxAttempts: number;
  /** Chunks this process works at the same time (planning one while another is written). */
  readonly concurrency: number;
  /** Whether this process works chunks at all (`PROVISO_WORKER=off` disables). */
  readonly workerEnabled: boolean;
  /** Whether a run posts its invoices when it completes unless asked otherwise (`PROVISO_RUN_POSTING=post`); default drafts. */
  readonly postByDefault: boolean;
  /**
   * V8's heap growing factor while this process works runs, as 1 + percent/100
   * (`PROVISO_RUN_HEAP_GROWTH_PERCENT`, default 50; 0 keeps V8's own, up to 4x):
   * finished chunks' garbage is collected before it piles up (heap-growth.ts).
   */
  readonly heapGrowthPercent: number;
}

export const DEFAULT_BILLING_CRON = '0 2 * * *';

/** Default old-generation growth past the live heap before a full collection (V8's own goes up to 300%). */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

export class BillingRunConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Default order products per chunk: 2,000 on PostgreSQL; 100 on the embedded
 * PGlite, whose queries run on the service's own thread, so a smaller chunk
 * keeps each write short and the HTTP server answering between chunks.
 */
export function defaultChunkSize(kind: 'postgres' | 'pglite' = 'postgres'): number {
  return kind === 'pglite' ? 100 : 2_000;
}

export function readBillingRunConfig(env: Env = process.env, databaseKind: 'postgres' | 'pglite' = 'postgres'): BillingRunConfig {
  const rawCron = (env.PROVISO_BILLING_CRON ?? '').trim();
  let cron: string | null = rawCron === '' ? DEFAULT_BILLING_CRON : rawCron;
  if (cron.toLowerCase() === 'off') cron = null;
  if (cron !== null) {
    const check = validateCronExpression(cron);
    if (!check.valid) {
      throw new BillingRunConfigError(
        `PROVISO_BILLING_CRON: '${cron}' is not a cron expression (${check.error?.message ?? 'invalid'}); use e.g. '0 2 * * *' or 'off'`,
      );
    }
  }
  const timeZone = (env.PROVISO_TIMEZONE ?? '').trim() || 'UTC';
  if (!IANAZone.isValidZone(timeZone)) {
    throw new BillingRunConfigError(`PROVISO_TIMEZONE: '${timeZone}' is not an IANA time zone (e.g. 'Europe/Berlin')`);
  }
  return {
    cron,
    timeZone,
    leaseSeconds: positiveInt(env, 'PROVISO_LEASE_SECONDS', 60, 1, 86_400),
    chunkSize: positiveInt(env, 'PROVISO_RUN_CHUNK_SIZE', defaultChunkSize(databaseKind), 1, 50_000),
    pollMs: positiveInt(env, 'PROVISO_WORKER_POLL_MS', 2_000, 10, 3_600_000),
    maxAttempts: positiveInt(env, 'PROVISO_RUN_MAX_ATTEMPTS', 3, 1, 100),
    // PGlite has one connection: a second loop would only queue its transactions ahead of HTTP requests.
    concurrency: positiveInt(env, 'PROVISO_WORKER_CONCURRENCY', databaseKind === 'pglite' ? 1 : 2, 1, 16),
    workerEnabled: (env.PROVISO_WORKER ?? '').trim().toLowerCase() !== 'off',
    postByDefault: posting(env),
    heapGrowthPercent: positiveInt(env, 'PROVISO_RUN_HEAP_GROWTH_PERCENT', DEFAULT_HEAP_GROWTH_PERCENT, 0, 300),
  };
}

function posting(env: Env): boolean {
  const raw = (env.PROVISO_RUN_POSTING ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'draft') return false;
  if (raw === 'post') return true;
  throw new BillingRunConfigError(`PROVISO_RUN_POSTING: '${env.PROVISO_RUN_POSTING}' must be 'draft' (runs write drafts) or 'post' (runs post their invoices)`);
}

function positiveInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new BillingRunConfigError(`${name}: '${raw}' must be a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

/** The calendar date `YYYY-MM-DD` of `now` in `zone`: the target date of a scheduled run. */
export function todayInZone(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The unique key of the scheduled run for a date: one run per (schedule, date). */
export function dailyScheduleKey(date: string): string {
  return `daily:${date}`;
}
