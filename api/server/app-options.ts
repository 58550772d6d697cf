import type { Clock } from '../common/clock.js';
import type { ResponseMismatch } from '../common/response-check.js';

export const APP_OPTIONS = Symbol('APP_OPTIONS');

export interface AppOptions {
  /** proviso.config.json to use (attributes, plugins); default: see resolveConfigPath. */
  readonly configPath?: string;
  /** Working directory for relative paths in the config (default process.cwd()). */
  readonly cwd?: string;
  /** false: do not load the billing-runs module (tests of other features). */
  readonly billingRuns?: boolean;
  /** Folder with the built editor (index.html), served at `/`. */
  readonly editorDir?: string;
  /** The clock "today" comes from (date horizons, default timeline start); default the system clock. */
  readonly now?: () => Date;
  /**
   * The clock leases and retries are timed by: billing-run chunk leases (taken,
   * renewed, found expired), webhook delivery leases and retry times, and the
   * expiry of Idempotency-Key entries;
   * default the system clock. Tests pass a ManualClock and advance it past a
   * lease instead of waiting. Separate from `now`, which a test may pin to a date.
   */
  readonly clock?: Clock;
  /** How long an Idempotency-Key answers with its first request's result (default PROVISO_IDEMPOTENCY_RETENTION_HOURS, else 24 h). */
  readonly idempotencyRetentionHours?: number;
  /** How many years past today a run or simulation may look (default PROVISO_MAX_YEARS_AHEAD, else 5). */
  readonly maxYearsAhead?: number;
  /** Time budget of one simulate/impact/timeline request (default PROVISO_HEAVY_TIMEOUT_MS, else 60000 ms). */
  readonly heavyTimeoutMs?: number;
  /** Heavy requests worked at once (default PROVISO_HEAVY_CONCURRENCY, else 2). */
  readonly heavyConcurrency?: number;
  /** Tests: each JSON answer is checked against its documented response schema; mismatches are reported here. */
  readonly onResponseMismatch?: (m: ResponseMismatch) => void;
  /** Four eyes: a publish is a request another admin approves (default PROVISO_FOUR_EYES=1, else off). */
  readonly fourEyes?: boolean;
  /** Webhook delivery in this instance: poll interval (0 = off; default 2000 ms) and receiver timeout. */
  readonly webhooks?: { readonly pollMs?: number; readonly timeoutMs?: number };
}
