// The events Proviso announces, and the outbox write: an event row plus one
// pending delivery per active subscription to its type, inside the caller's
// transaction, so an event exists exactly when the change it announces does.
import type { Prisma } from '../generated/prisma/client.js';

export const WEBHOOK_EVENT_TYPES = ['run.completed', 'run.failed', 'invoice.posted', 'invoice.voided', 'policy.published'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Anything that runs raw SQL: a Prisma transaction client. */
export type SqlTx = Pick<Prisma.TransactionClient, '$queryRawUnsafe'>;

const EMIT = `
WITH e AS (
  INSERT INTO webhook_events (type, payload) VALUES ($1, $2::jsonb) RETURNING id, seq
), d AS (
  INSERT INTO webhook_deliveries (subscription_id, event_id, event_seq)
  SELECT s.id, e.id, e.seq FROM webhook_subscriptions s, e
  WHERE s.active AND s.events @> jsonb_build_array($1::text)
  RETURNING 1
)
SELECT e.id, (SELECT count(*)::int FROM d) AS deliveries FROM e`;

/** Writes the event (and its deliveries) in `tx`; returns its id, the receivers' idempotency key. */
export async function emitWebhookEvent(tx: SqlTx, type: WebhookEventType, data: Record<string, unknown>): Promise<{ id: string; deliveries: number }> {
  const [row] = await tx.$queryRawUnsafe<{ id: string; deliveries: number }[]>(EMIT, type, JSON.stringify(data));
  return row;
}

const EMIT_MANY = `
WITH e AS (
  INSERT INTO webhook_events (type, payload)
  SELECT $1, x.p FROM unnest($2::jsonb[]) WITH ORDINALITY AS x(p, n) ORDER BY x.n
  RETURNING id, seq
), d AS (
  INSERT INTO webhook_deliveries (subscription_id, event_id, event_seq)
  SELECT s.id, e.id, e.seq FROM webhook_subscriptions s, e
  WHERE s.active AND s.events @> jsonb_build_array($1::text)
  RETURNING 1
)
SELECT (SELECT count(*)::int FROM e) AS events, (SELECT count(*)::int FROM d) AS deliveries`;

/**
 * Writes one event per item of `data` (in that order: ascending `seq`) and
 * their deliveries in `tx`, in one statement: what posting a batch of
 * invoices announces, without a round trip per invoice.
 */
export async function emitWebhookEvents(tx: SqlTx, type: WebhookEventType, data: readonly Record<string, unknown>[]): Promise<{ events: number; deliveries: number }> {
  if (data.length === 0) return { events: 0, deliveries: 0 };
  const [row] = await tx.$queryRawUnsafe<{ events: number; deliveries: number }[]>(EMIT_MANY, type, data.map((d) => JSON.stringify(d)));
  return row;
}
