// Delivers due webhook deliveries: lease, POST the signed event, record the
// attempt, retry with exponential backoff. Time comes from an injected clock;
// `tick()` does one round (tests drive it), `drain()` rounds until nothing is due.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { retryDelayMs, type RetryPolicy, DEFAULT_RETRY } from './webhook-backoff.js';
import { WebhookDeliveriesRepository, type AttemptOutcome, type LeasedDelivery } from './webhook-deliveries.repository.js';
import { signatureHeader } from './webhook-signature.js';
import type { Clock } from '../common/clock.js';

export interface DispatcherOptions {
  readonly retry?: RetryPolicy;
  /** A receiver that has not answered by then counts as a failed attempt. */
  readonly timeoutMs?: number;
  /** Deliveries leased per round. */
  readonly batchSize?: number;
  /** Name in the delivery log (default host:pid:random). */
  readonly instance?: string;
}

export interface WebhookBody {
  readonly id: string;
  readonly type: string;
  readonly createdAt: string;
  readonly data: unknown;
}

export class WebhookDispatcher {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  readonly instance: string;

  constructor(
    private readonly repo: WebhookDeliveriesRepository,
    private readonly clock: Clock,
    options: DispatcherOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 20;
    this.instance = options.instance ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** One round: returns how many deliveries were attempted. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    // The lease outlives the timeout, so a live attempt is never taken over.
    const leaseUntil = new Date(now.getTime() + this.timeoutMs * 2 + 5_000);
    const leased = await this.repo.lease(now, this.batchSize, this.instance, leaseUntil);
    await Promise.all(leased.map((d) => this.attempt(d)));
    return leased.length;
  }

  /** Rounds until nothing is due (each subscription moves one event per round). */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.tick();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  private async attempt(d: LeasedDelivery): Promise<void> {
    const startedAt = this.clock.now();
    const body = JSON.stringify({ id: d.eventId, type: d.eventType, createdAt: d.eventCreatedAt.toISOString(), data: d.payload } satisfies WebhookBody);
    const t0 = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Proviso-Webhooks/1',
          'proviso-event-id': d.eventId,
          'proviso-event-type': d.eventType,
          'proviso-delivery-id': d.id,
          'proviso-delivery-attempt': String(d.attempt),
          'proviso-signature': signatureHeader(d.secret, Math.floor(startedAt.getTime() / 1000), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `receiver answered ${res.status}`;
    } catch (e) {
      error = describeFetchError(e, this.timeoutMs);
    }
    const outcome: AttemptOutcome = { startedAt, durationMs: Math.round(performance.now() - t0), statusCode, error };
    if (error === null) {
      await this.repo.record(d, this.instance, this.instance, outcome, { delivered: true });
      return;
    }
    const retryAt = d.attempt >= this.retry.maxAttempts ? null : new Date(this.clock.now().getTime() + retryDelayMs(d.attempt, this.retry));
    await this.repo.record(d, this.instance, this.instance, outcome, { delivered: false, retryAt });
  }
}

function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return `request failed: ${err.message ?? String(e)}${cause ? ` (${cause})` : ''}`;
}
