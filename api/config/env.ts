// Every environment variable Proviso reads, in one validated (zod) schema,
// read once at start-up. A bad value stops the start with an error naming the
// variable and what it accepts; nothing falls back silently. README
// "Configuration" lists the same variables.
import { z } from 'zod';
import { readBillingRunConfig, BillingRunConfigError } from '../billing-runs/run-config.js';
import { NumberingConfigError, readNumberingConfig } from '../invoices/numbering.js';

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

export const ENV_SCHEMA = z.object({
  PORT: optional(int(0, 65535)),
  HOST: optional(z.string().trim().min(1)),
  DATABASE_URL: optional(z.string().trim().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL (unset: the embedded database)')),
  PROVISO_DATA_DIR: optional(z.string().trim().min(1)),
  PROVISO_DB_POOL_SIZE: optional(int(1, 1000)),
  PROVISO_ADMIN_KEY: optional(z.string().regex(/^\S{16,200}$/, 'must be 16 to 200 characters without spaces')),
  PROVISO_SEED: optional(z.enum(['0', '1'], { message: "must be 0 (do not seed) or 1" })),
  PROVISO_CONFIG: optional(z.string().trim().min(1)),
  PROVISO_EDITOR_DIR: optional(z.string().trim().min(1)),
  PROVISO_MIGRATIONS_DIR: optional(z.string().trim().min(1)),
  PROVISO_BODY_LIMIT: optional(z.string().trim().regex(/^\d+(b|kb|mb|gb)?$/i, "must be a size like '50mb' or '512kb'")),
  PROVISO_LOG_LEVEL: optional(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  PROVISO_LOG_FORMAT: optional(z.enum(['json', 'text'], { message: 'must be json or text' })),
  PROVISO_DEBUG: optional(z.string()),
  PROVISO_WEBHOOK_POLL_MS: optional(int(0, 3_600_000)),
  PROVISO_WEBHOOK_TIMEOUT_MS: optional(int(100, 120_000)),
  // Billing runs (api/billing-runs/run-config.ts checks them; listed here so one schema names them all)
  PROVISO_BILLING_CRON: optional(z.string()),
  PROVISO_TIMEZONE: optional(z.string()),
  PROVISO_LEASE_SECONDS: optional(z.string()),
  PROVISO_RUN_CHUNK_SIZE: optional(z.string()),
  PROVISO_WORKER_POLL_MS: optional(z.string()),
  PROVISO_RUN_MAX_ATTEMPTS: optional(z.string()),
  PROVISO_WORKER_CONCURRENCY: optional(z.string()),
  PROVISO_WORKER: optional(z.string()),
  PROVISO_RUN_POSTING: optional(z.string()),
  PROVISO_RUN_HEAP_GROWTH_PERCENT: optional(z.string()),
  // Bounded work (api/common/date-window.ts, api/simulation/heavy-work.service.ts, api/server/edge-middleware.ts)
  PROVISO_MAX_YEARS_AHEAD: optional(int(1, 100)),
  PROVISO_HEAVY_TIMEOUT_MS: optional(int(100, 3_600_000)),
  PROVISO_HEAVY_CONCURRENCY: optional(int(1, 64)),
  PROVISO_SMALL_BODY_LIMIT: optional(z.string().trim().regex(/^\d+(b|kb|mb|gb)?$/i, "must be a size like '4mb' or '512kb'")),
  // Idempotency-Key retention (api/common/idempotency-key.ts)
  PROVISO_IDEMPOTENCY_RETENTION_HOURS: optional(int(1, 8760)),
  // Four eyes on publishing (api/policies/four-eyes.ts)
  PROVISO_FOUR_EYES: optional(z.enum(['0', '1'], { message: 'must be 0 (publish directly) or 1 (a publish needs the approval of another admin)' })),
  // Invoice numbering (api/invoices/numbering.ts checks them)
  PROVISO_INVOICE_PREFIX: optional(z.string()),
  PROVISO_CREDIT_NOTE_PREFIX: optional(z.string()),
});

export type ProvisoEnv = z.output<typeof ENV_SCHEMA>;

export class EnvError extends Error {}

/** Validates the environment; throws an EnvError naming every bad variable. */
export function readEnv(env: Readonly<Record<string, string | undefined>> = process.env): ProvisoEnv {
  const r = ENV_SCHEMA.safeParse(env);
  const problems = r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${JSON.stringify(env[String(i.path[0])] ?? '')} ${i.message}`);
  for (const check of [() => readBillingRunConfig(env), () => readNumberingConfig(env)]) {
    try {
      check();
    } catch (e) {
      if (e instanceof BillingRunConfigError || e instanceof NumberingConfigError) problems.push(e.message);
      else throw e;
    }
  }
  if (problems.length > 0 || !r.success) throw new EnvError(`invalid environment: ${problems.join('; ')}`);
  return r.data;
}
