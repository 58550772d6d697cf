// Webhook delivery against a real receiver on 127.0.0.1, on PostgreSQL and
// PGlite, with a clock the test moves: a receiver that fails, times out and
// drops the connection for three attempts still gets every event once, in
// order; signatures verify; two dispatchers do not double-deliver; a lease of
// a crashed instance runs out and the event is delivered by another.
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../../api/common/clock.js';
import { retryDelayMs } from '../../../api/webhooks/webhook-backoff.js';
import { WebhookDeliveriesRepository } from '../../../api/webhooks/webhook-deliveries.repository.js';
import { WebhookDispatcher } from '../../../api/webhooks/webhook-dispatcher.js';
import { emitWebhookEvent } from '../../../api/webhooks/webhook-events.js';
import { verifySignature } from '../../../api/webhooks/webhook-signature.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

const RETRY = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 6 };

describe.each(DATABASE_KINDS)('webhook delivery on %s', (kind) => {
  let database: TestDatabase;
  let db: Database;
  let receiver: Receiver;
  let clock: ManualClock;
  let secret: string;
  let subscriptionId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await openDatabase(database.options);
    await db.migrate();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    receiver = await startReceiver();
    // Events are stamped due at the database's now(); the test clock starts a minute later.
    clock = new ManualClock(new Date(Date.now() + 60_000));
    secret = `whsec_${randomBytes(16).toString('hex')}`;
    const sub = await db.prisma.webhookSubscription.create({ data: { url: receiver.url, events: ['run.completed', 'run.failed'], secret } });
    subscriptionId = sub.id;
  });
  afterEach(async () => {
    await db.prisma.webhookSubscription.updateMany({ data: { active: false } });
    await receiver.close();
  });

  const dispatcher = (instance: string, on: Database = db) =>
    new WebhookDispatcher(new WebhookDeliveriesRepository(on.prisma), clock, { retry: RETRY, timeoutMs: 300, instance });
  const emit = async (n: number) => {
    const ids: string[] = [];
    for (let i = 1; i <= n; i++) {
      ids.push(await db.prisma.$transaction(async (tx) => (await emitWebhookEvent(tx, 'run.completed', { runId: `R${i}`, n: i })).id));
    }
    return ids;
  };

  test('a receiver down for three attempts (500, timeout, dropped connection) still gets every event once, in order', async () => {
    const ids = await emit(3);
    receiver.script(500, 'hang', 'drop');
    const d = dispatcher('A');
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await d.tick()).toBe(1); // only the head of the queue: later events wait
      expect(await d.tick()).toBe(0); // not due again before its backoff
      clock.advance(retryDelayMs(attempt, RETRY));
    }
    await d.drain();
    expect(receiver.accepted().map((b) => b.id)).toEqual(ids);
    expect(receiver.accepted().map((b) => (b.data as { n: number }).n)).toEqual([1, 2, 3]);
    expect(receiver.requests).toHaveLength(6);
    // the idempotency key is the same on every attempt of an event
    expect(receiver.requests.slice(0, 4).map((r) => r.headers['proviso-event-id'])).toEqual([ids[0], ids[0], ids[0], ids[0]]);
    expect(receiver.requests.slice(0, 4).map((r) => r.headers['proviso-delivery-attempt'])).toEqual(['1', '2', '3', '4']);

    const log = await db.prisma.webhookAttempt.findMany({ where: { delivery: { eventId: ids[0] } }, orderBy: { attempt: 'asc' } });
    expect(log.map((a) => [a.attempt, a.statusCode, a.error === null])).toEqual([[1, 500, false], [2, null, false], [3, null, false], [4, 200, true]]);
    expect(log[1].error).toContain('no answer within 300 ms');
    const rows = await db.prisma.webhookDelivery.findMany({ where: { subscriptionId } });
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
  }, 30_000);

  test('every request carries a signature of its exact body and timestamp that verifies with the secret only', async () => {
    await emit(2);
    await dispatcher('A').drain();
    expect(receiver.requests).toHaveLength(2);
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    for (const r of receiver.requests) {
      const header = r.headers['proviso-signature'] as string;
      expect(verifySignature(secret, header, r.body, nowSeconds)).toEqual({ ok: true, timestamp: nowSeconds });
      expect(verifySignature('whsec_wrong', header, r.body, nowSeconds)).toMatchObject({ ok: false, reason: 'signature does not match' });
      expect(verifySignature(secret, header, r.body.replace('R', 'X'), nowSeconds).ok).toBe(false);
      expect(verifySignature(secret, header, r.body, nowSeconds + 301)).toMatchObject({ ok: false });
    }
  });

  test('three instances draining at once deliver each event exactly once, in order', async () => {
    const ids = await emit(8);
    // On PostgreSQL each instance has its own connection pool, as separate processes would;
    // PGlite is one embedded database per process, so there they share it.
    const other = kind === 'postgres' ? await openDatabase(database.options) : db;
    const another = kind === 'postgres' ? await openDatabase(database.options) : db;
    try {
      // Each instance drains until it finds nothing for itself; one may stop while another still
      // holds the lease on the event before the next, so they poll again, as the service's pollers do.
      for (let round = 0; round < 20 && receiver.requests.length < ids.length; round++) {
        await Promise.all([dispatcher('A').drain(), dispatcher('B', other).drain(), dispatcher('C', another).drain()]);
      }
    } finally {
      if (other !== db) await other.close();
      if (another !== db) await another.close();
    }
    expect(receiver.requests.map((r) => JSON.parse(r.body).id)).toEqual(ids);
    const instances = await db.prisma.webhookAttempt.findMany({ where: { delivery: { subscriptionId } }, select: { instance: true } });
    expect(instances).toHaveLength(8);
  }, 30_000);

  test('a lease held by a crashed instance runs out and another instance delivers the event', async () => {
    const [id] = await emit(1);
    const repo = new WebhookDeliveriesRepository(db.prisma);
    const leased = await repo.lease(clock.now(), 10, 'crashed', new Date(clock.now().getTime() + 30_000));
    expect(leased.map((l) => l.eventId)).toEqual([id]);
    expect(await dispatcher('B').tick()).toBe(0);
    clock.advance(30_001);
    expect(await dispatcher('B').tick()).toBe(1);
    expect(receiver.accepted().map((b) => b.id)).toEqual([id]);
  });

  test('after the last attempt a delivery is failed, the next event goes out, and redelivery by hand sends it again', async () => {
    const [first, second] = await emit(2);
    receiver.script(...Array<number>(RETRY.maxAttempts).fill(503));
    const d = dispatcher('A');
    for (let i = 1; i <= RETRY.maxAttempts; i++) {
      await d.tick();
      clock.advance(RETRY.maxDelayMs);
    }
    const failed = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: first, subscriptionId } });
    expect(failed).toMatchObject({ status: 'failed', attempts: RETRY.maxAttempts, lastStatusCode: 503 });
    await d.drain();
    expect(receiver.accepted().map((b) => b.id)).toEqual([second]);
    expect(await new WebhookDeliveriesRepository(db.prisma).redeliver(failed.id, clock.now())).toBe(true);
    await d.drain();
    expect(receiver.accepted().map((b) => b.id)).toEqual([second, first]);
  }, 30_000);

  test('an event written in a transaction that rolls back is never delivered', async () => {
    await db.prisma
      .$transaction(async (tx) => {
        await emitWebhookEvent(tx, 'run.failed', { runId: 'R-rolled-back' });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await dispatcher('A').drain()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });
});
