// Retry schedule of a failed delivery: exponential, capped, no randomness
// (instances already spread load by leasing; tests stay exact).

export interface RetryPolicy {
  /** Delay after the first failure, ms. */
  readonly baseDelayMs: number;
  /** Longest delay between two attempts, ms. */
  readonly maxDelayMs: number;
  /** Attempts before a delivery is marked failed (redeliver by hand then). */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 6 * 3600_000, maxAttempts: 12 };

/** Delay before attempt `attempts + 1`, after `attempts` failed ones (>= 1). */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const exp = policy.baseDelayMs * 2 ** Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, exp);
}
