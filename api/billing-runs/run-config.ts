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
}

export const DEFAULT_BILLING_CRON = '0 2 * * *';

export class BillingRunConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

export function readBillingRunConfig(env: Env = process.env): BillingRunConfig {
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
    chunkSize: positiveInt(env, 'PROVISO_RUN_CHUNK_SIZE', 2_000, 1, 50_000),
    pollMs: positiveInt(env, 'PROVISO_WORKER_POLL_MS', 2_000, 10, 3_600_000),
    maxAttempts: positiveInt(env, 'PROVISO_RUN_MAX_ATTEMPTS', 3, 1, 100),
    concurrency: positiveInt(env, 'PROVISO_WORKER_CONCURRENCY', 2, 1, 16),
    workerEnabled: (env.PROVISO_WORKER ?? '').trim().toLowerCase() !== 'off',
    postByDefault: posting(env),
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
