// Webhooks through the service: an admin subscribes a local receiver; a
// published policy and a completed billing run reach it signed, each once;
// the delivery log shows every attempt; redelivery by hand sends an event again.
import { WebhooksPoller } from '../../../api/webhooks/webhooks.poller.js';
import { verifySignature } from '../../../api/webhooks/webhook-signature.js';
import { BILL_ON_FIRST, smallBook } from '../http/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

describe('webhooks through the HTTP API', () => {
  let t: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    t = await createTestApp();
    receiver = await startReceiver();
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });
  const drain = () => t.app.get(WebhooksPoller).dispatcher.drain();

  test('only an admin manages subscriptions; a bad url or event type is a 400 naming the field', async () => {
    const author = await t.as('author');
    expect((await t.http.post('/api/webhooks').set(author).send({ url: receiver.url, events: ['run.completed'] })).status).toBe(403);
    const badUrl = await t.http.post('/api/webhooks').set(t.admin).send({ url: 'ftp://x', events: ['run.completed'] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.details[0].path).toBe('body.url');
    const badEvent = await t.http.post('/api/webhooks').set(t.admin).send({ url: receiver.url, events: ['run.done'] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.details[0].path).toBe('body.events[0]');
  });

  test('a published policy and a completed run reach the receiver signed, once each, and show in the delivery log', async () => {
    const created = await t.http.post('/api/webhooks').set(t.admin).send({ url: receiver.url, events: ['policy.published', 'run.completed', 'run.failed', 'invoice.posted', 'invoice.voided'] });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await t.http.get('/api/webhooks').set(t.admin);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, url: receiver.url, active: true })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect((await t.http.post('/api/book').set(t.admin).send(smallBook())).status).toBe(200);
    const doc = await t.http.post('/api/policies').set(t.admin).send({ name: 'day.policy', source: BILL_ON_FIRST });
    expect((await t.http.post(`/api/policies/${doc.body.id}/publish`).set(t.admin).send({ message: 'v1' })).status).toBe(201);
    const started = await t.http.post('/api/billing-runs').set(t.admin).send({ asOf: '2026-03-01' });
    let status = '';
    for (let i = 0; i < 300 && status !== 'completed' && status !== 'failed'; i++) {
      status = (await t.http.get(`/api/billing-runs/${started.body.id}`).set(t.admin)).body.status;
      if (status !== 'completed') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('completed');
    const posted = await t.http.post(`/api/billing-runs/${started.body.id}/post`).set(t.admin);
    expect(posted.status).toBe(200);
    const firstInvoice = posted.body.posted[0] as { id: string; number: string };
    const voided = await t.http.post(`/api/invoices/${firstInvoice.id}/void`).set(t.admin).send({ reason: 'wrong address' });
    expect(voided.status).toBe(200);
    await drain();

    const bodies = receiver.accepted();
    const invoiceEvents = posted.body.posted.length;
    expect(bodies.map((b) => b.type)).toEqual(['policy.published', 'run.completed', ...Array(invoiceEvents).fill('invoice.posted'), 'invoice.voided']);
    expect(bodies[2].data).toMatchObject({ invoiceId: firstInvoice.id, number: firstInvoice.number, runId: started.body.id });
    expect(bodies[bodies.length - 1].data).toMatchObject({ invoiceId: firstInvoice.id, number: firstInvoice.number, reason: 'wrong address', creditNote: { number: voided.body.creditNote.number } });
    expect(bodies[0].data).toMatchObject({ documentId: doc.body.id, name: 'day.policy', version: 1 });
    expect(bodies[1].data).toMatchObject({ runId: started.body.id, asOf: '2026-03-01', status: 'completed', dryRun: false });
    for (const r of receiver.requests) {
      expect(verifySignature(secret, r.headers['proviso-signature'] as string, r.body, Math.floor(Date.now() / 1000)).ok).toBe(true);
    }

    const log = await t.http.get(`/api/webhooks/${id}/deliveries`).set(t.admin);
    expect(log.status).toBe(200);
    const entries = log.body.items as { id: string; eventType: string; status: string; log: unknown[] }[];
    expect(entries.map((d) => d.eventType).reverse()).toEqual(bodies.map((b) => b.type));
    expect(entries.every((d) => d.status === 'delivered')).toBe(true);
    expect(entries[0].log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);

    const publishedEntry = entries[entries.length - 1];
    const again = await t.http.post(`/api/webhooks/deliveries/${publishedEntry.id}/redeliver`).set(t.admin);
    expect(again.status).toBe(202);
    await drain();
    expect(receiver.accepted().map((b) => b.type)).toEqual([...bodies.map((b) => b.type), 'policy.published']);
    expect(receiver.accepted()[bodies.length].id).toBe(bodies[0].id); // same event id: the receiver's idempotency key

    expect((await t.http.post('/api/webhooks/deliveries/nope/redeliver').set(t.admin)).status).toBe(404);
    expect((await t.http.delete(`/api/webhooks/${id}`).set(t.admin)).body).toMatchObject({ id, active: false });
  }, 60_000);
});
