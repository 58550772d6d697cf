// Delivery rows: leased with FOR UPDATE SKIP LOCKED and a lease expiry (as
// billing-run chunks are), one at a time per subscription in event order, so
// several instances share the work, deliver each event once in the normal
// case, and a crashed instance's lease runs out and is taken over.
import type { PrismaClient } from '../generated/prisma/client.js';

export interface LeasedDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly url: string;
  readonly secret: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly eventCreatedAt: Date;
  readonly payload: unknown;
  /** This attempt's number (1 = first). */
  readonly attempt: number;
}

type Sql = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe' | '$transaction'>;

// The head of each subscription's queue only: a later event waits while an
// earlier one is pending (leased or waiting for its retry).
const LEASE = `
WITH due AS (
  SELECT d.id FROM webhook_deliveries d
  JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
  WHERE d.status = 'pending' AND d.next_attempt_at <= $1::timestamptz
    AND (d.lease_until IS NULL OR d.lease_until < $1::timestamptz)
    AND NOT EXISTS (
      SELECT 1 FROM webhook_deliveries e
      WHERE e.subscription_id = d.subscription_id AND e.status = 'pending' AND e.event_seq < d.event_seq)
  ORDER BY d.event_seq
  LIMIT $2
  FOR UPDATE OF d SKIP LOCKED
)
UPDATE webhook_deliveries d SET lease_owner = $3, lease_until = $4::timestamptz, attempts = d.attempts + 1
FROM due WHERE d.id = due.id
RETURNING d.id`;

const LEASED = `
SELECT d.id, d.subscription_id, s.url, s.secret, e.id AS event_id, e.type, e.created_at, e.payload, d.attempts
FROM webhook_deliveries d
JOIN webhook_subscriptions s ON s.id = d.subscription_id
JOIN webhook_events e ON e.id = d.event_id
WHERE d.id = ANY($1::text[]) ORDER BY d.event_seq`;

export interface AttemptOutcome {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export class WebhookDeliveriesRepository {
  constructor(private readonly db: Sql) {}

  async lease(now: Date, limit: number, owner: string, leaseUntil: Date): Promise<LeasedDelivery[]> {
    const ids = await this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(LEASE, now.toISOString(), limit, owner, leaseUntil.toISOString());
      return rows.map((r) => r.id);
    });
    if (ids.length === 0) return [];
    const rows = await this.db.$queryRawUnsafe<
      { id: string; subscription_id: string; url: string; secret: string; event_id: string; type: string; created_at: Date; payload: unknown; attempts: number }[]
    >(LEASED, ids);
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      url: r.url,
      secret: r.secret,
      eventId: r.event_id,
      eventType: r.type,
      eventCreatedAt: new Date(r.created_at),
      payload: r.payload,
      attempt: r.attempts,
    }));
  }

  /** Records the attempt and its result in one transaction. */
  async record(d: LeasedDelivery, owner: string, instance: string, outcome: AttemptOutcome, next: { delivered: true } | { delivered: false; retryAt: Date | null }): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, instance)
         VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7)`,
        d.id, d.attempt, outcome.startedAt.toISOString(), outcome.durationMs, outcome.statusCode, outcome.error, instance,
      );
      if (next.delivered) {
        await tx.$executeRawUnsafe(
          `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2::timestamptz, lease_owner = NULL, lease_until = NULL,
             last_status_code = $3, last_error = NULL WHERE id = $1`,
          d.id, outcome.startedAt.toISOString(), outcome.statusCode,
        );
      } else {
        await tx.$executeRawUnsafe(
          `UPDATE webhook_deliveries SET status = $2, next_attempt_at = coalesce($3::timestamptz, next_attempt_at),
             lease_owner = NULL, lease_until = NULL, last_status_code = $4, last_error = $5
           WHERE id = $1 AND lease_owner = $6`,
          d.id, next.retryAt ? 'pending' : 'failed', next.retryAt?.toISOString() ?? null, outcome.statusCode, outcome.error, owner,
        );
      }
    });
  }

  /** By hand: pending again, due now, attempts counted on from where they were. */
  async redeliver(id: string, now: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2::timestamptz, lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND status IN ('delivered', 'failed')`,
      id, now.toISOString(),
    );
    return n > 0;
  }
}
