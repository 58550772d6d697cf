// "Why (not) billed" over HTTP: GET /api/order-products/:id/explain reads the
// line's timeline (the planner's code path) against the stored ledger: billed
// on which invoice, due, not yet due, held, moved, and after a void due again.
// What it calls due is exactly what simulate (and so a run) bills.
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

const FREEZE = `policy "March close" {
  when billingDate between 2026-03-01 and 2026-03-05
  override billing date to 2026-03-06 reason "Books closed"
}
`;

function book() {
  const b = smallBook();
  const acc = { ...b.accounts[1], id: 'A1' };
  const ord = { ...b.orders[1], id: 'O1', accountId: 'A1' };
  const op = (id: string, holdBilling: boolean) => ({ ...b.orderProducts[1], id, orderId: 'O1', startDate: '2026-01-01', endDate: null, holdBilling });
  return { accounts: [acc], contracts: [], orders: [ord], orderProducts: [op('OP1', false), op('OP2', true)], invoiced: [] };
}

describe('why (not) billed', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let viewer: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ configPath: CONFIG_PATH });
    admin = t.admin;
    viewer = await t.as('viewer');
    const doc = await t.http.post('/api/policies').set(admin).send({ name: 'close.policy', source: FREEZE });
    expect((await t.http.post(`/api/policies/${doc.body.id}/publish`).set(admin).send({ message: 'v1' })).status).toBeLessThan(300);
    expect((await t.http.post('/api/book').set(admin).send(book())).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const explain = async (id: string, asOf: string) => {
    const res = await t.http.get(`/api/order-products/${id}/explain?asOf=${asOf}`).set(viewer);
    expect(res.status).toBe(200);
    return res.body;
  };
  const runAndWait = async (body: Record<string, unknown>) => {
    const started = await t.http.post('/api/billing-runs').set(admin).send(body);
    for (let i = 0; i < 600; i++) {
      const r = await t.http.get(`/api/billing-runs/${started.body.id}`).set(admin);
      if (r.body.status === 'completed') return r.body.id as string;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('run did not finish');
  };

  test('billed, due, not yet due, moved, held; void makes billed periods due again', async () => {
    await runAndWait({ asOf: '2026-02-01', post: true });
    const e = await explain('OP1', '2026-03-03');
    expect(e.periods).toHaveLength(2 + 1 + 12); // Jan..Mar, then 12 months ahead
    const [jan, feb, mar, apr] = e.periods;
    expect([jan.status, jan.invoices.map((i: { number: string }) => i.number), jan.explanation]).toEqual([
      'billed',
      ['INV-2026-1'],
      'Billed on invoice INV-2026-1: 2026-01-01..2026-01-31.',
    ]);
    expect(feb.status).toBe('billed');
    expect(mar).toMatchObject({
      status: 'not-yet-due',
      naturalBillingDate: '2026-03-01',
      billingDate: '2026-03-06',
      moved: { policy: expect.stringContaining('March close'), reason: 'Books closed', from: '2026-03-01', to: '2026-03-06' },
    });
    expect(mar.explanation).toMatch(/^Not yet due: 2026-03-01\.\.2026-03-31 bills on 2026-03-06\. Billing date moved from 2026-03-01 to 2026-03-06 by policy "March close" v1 \(Books closed\)\.$/);
    expect(mar.trace).toContainEqual({ policy: expect.stringContaining('March close'), set: 'billingDate', value: '2026-03-06' });
    expect(apr).toMatchObject({ status: 'not-yet-due', billingDate: '2026-04-01' });

    const held = await explain('OP2', '2026-03-03');
    expect(held.held).toBe(true);
    expect(held.holdExplanation).toBe('Held: billing hold set on the order product.');
    expect(held.periods.slice(0, 3).map((p: { status: string }) => p.status)).toEqual(['held', 'held', 'held']);
    expect(JSON.stringify(held)).not.toMatch(/holdBilling is set/);

    // one truth: what explain calls due on 2026-03-07 is what simulate bills then
    const due = (await explain('OP1', '2026-03-07')).periods.filter((p: { status: string }) => p.status === 'due');
    const sim = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-03-07' });
    const simLines = sim.body.invoices.flatMap((i: { lines: { orderProductId: string; periodStart: string; amount: string }[] }) => i.lines).filter((l: { orderProductId: string }) => l.orderProductId === 'OP1');
    expect(due.map((p: { start: string; charges: { amount: string }[] }) => [p.start, p.charges[0].amount])).toEqual(
      simLines.map((l: { periodStart: string; amount: string }) => [l.periodStart, l.amount]),
    );
    expect(due.map((p: { start: string }) => p.start)).toEqual(['2026-03-01']);
    expect(sim.body.holds.find((h: { orderProductId: string }) => h.orderProductId === 'OP2').explanation).toBe('Held: billing hold set on the order product.');

    // void the invoice: January and February are due again, explained as such
    const [inv] = (await t.http.get('/api/invoices?status=posted').set(admin)).body.items;
    expect((await t.http.post(`/api/invoices/${inv.id}/void`).set(admin).send({ reason: 'wrong quantity' })).status).toBe(200);
    const after = await explain('OP1', '2026-03-03');
    expect(after.periods.slice(0, 2).map((p: { status: string; explanation: string }) => [p.status, p.explanation])).toEqual([
      ['due', 'Due since 2026-01-01: the next run bills 2026-01-01..2026-01-31 for 60.00 USD.'],
      ['due', 'Due since 2026-02-01: the next run bills 2026-02-01..2026-02-28 for 60.00 USD.'],
    ]);

    // the timeline carries the same words
    const tl = await t.http.get('/api/order-products/OP1/timeline?from=2026-01-01&months=2').set(viewer);
    expect(tl.status).toBe(200);
    expect(tl.body.periods.map((p: { explanation: string }) => p.explanation)).toEqual([
      'Due since 2026-01-01: the next run bills 2026-01-01..2026-01-31 for 60.00 USD.',
      'Not yet due: 2026-02-01..2026-02-28 bills on 2026-02-01.',
    ]);
  }, 180_000);

  test('an unknown order product is a 404, a bad date a 400 naming the field', async () => {
    expect((await t.http.get('/api/order-products/NOPE/explain?asOf=2026-03-01').set(viewer)).status).toBe(404);
    const bad = await t.http.get('/api/order-products/OP1/explain?asOf=2026-02-30').set(viewer);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('query.asOf');
  });
});
