// `Idempotency-Key` on POST /api/quotes/:id/accept (PostgreSQL and PGlite),
// the same helper as billing-run starts: a retry answers with the accepted
// quote instead of a 409, the same key on another quote is a 422, concurrent
// retries accept once, and after the retention the key is a new request.
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../../api/common/clock.js';
import { DATABASE_KINDS } from '../support/test-database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

function book() {
  const b = smallBook();
  const acc = (id: string) => ({ ...b.accounts[1], id, name: `Account ${id}` });
  const ord = (id: string, accountId: string) => ({ ...b.orders[1], id, accountId });
  const op = (id: string, orderId: string) => ({ ...b.orderProducts[1], id, orderId, startDate: '2026-01-01', endDate: '2026-12-31' });
  return { accounts: [acc('A1'), acc('A2'), acc('A3')], contracts: [], orders: [ord('O1', 'A1'), ord('O2', 'A2'), ord('O3', 'A3')], orderProducts: [op('OP1', 'O1'), op('OP2', 'O2'), op('OP3', 'O3')], invoiced: [] };
}

describe.each(DATABASE_KINDS)('Idempotency-Key on quote accepts (%s)', (kind) => {
  let t: TestApp;
  let author: { Authorization: string };
  const clock = new ManualClock(new Date('2026-12-03T06:00:00.000Z'));
  const quote = async (orderProductId: string, quantity: string): Promise<string> => {
    const res = await t.http.post('/api/quotes').set(author).send({ asOf: '2026-03-01', change: { type: 'quantity', orderProductId, quantity, effectiveDate: '2026-02-15' } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const accept = (id: string, key: string) => t.http.post(`/api/quotes/${id}/accept`).set(t.admin).set('Idempotency-Key', key);
  const accepts = async (id: string) => t.db.prisma.auditLog.count({ where: { action: 'quote.accept', subject: id } });
  const newKey = (what: string) => `${what}-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestApp({ kind, configPath: CONFIG_PATH, clock, billingRuns: false });
    author = await t.as('author');
    expect((await t.http.post('/api/book').set(t.admin).send(book())).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  test('a retry with the same key answers 200 with the accepted quote (Idempotent-Replayed) and places nothing again', async () => {
    const id = await quote('OP1', '5');
    const key = newKey('retry');
    const first = await accept(id, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('accepted');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await accept(id, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await accepts(id)).toBe(1);
    // without the key a second accept is still the 409 it always was
    expect((await t.http.post(`/api/quotes/${id}/accept`).set(t.admin)).status).toBe(409);
  });

  test('the same key on another quote is a 422 naming the header, and accepts nothing', async () => {
    const [one, other] = [await quote('OP2', '4'), await quote('OP2', '6')];
    const key = newKey('other');
    expect((await accept(one, key)).status).toBe(200);
    const refused = await accept(other, key);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain(`Idempotency-Key '${key}' was used with another request body`);
    expect(refused.body.details).toEqual([{ path: 'headers.idempotency-key', message: 'already used with another request body' }]);
    expect((await t.http.get(`/api/quotes/${other}`).set(author)).body.status).toBe('open');
    expect(await accepts(other)).toBe(0);
  });

  test('concurrent accepts with the same key: one accept, every answer 200 with the same quote', async () => {
    const id = await quote('OP3', '7');
    const key = newKey('race');
    const answers = await Promise.all(Array.from({ length: 5 }, () => accept(id, key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await accepts(id)).toBe(1);
    const placed = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM order_products WHERE amends = 'OP3'`);
    expect(placed[0].n).toBe(1);
  });

  test('after the retention (24 h by default, on the injected clock) the key is a new request: accepting again is a 409', async () => {
    const id = await quote('OP1', '9');
    const key = newKey('expiry');
    expect((await accept(id, key)).status).toBe(200);
    clock.advance(24 * 3_600_000 - 1);
    expect((await accept(id, key)).status).toBe(200);
    clock.advance(1);
    const later = await accept(id, key);
    expect(later.status).toBe(409);
    expect(later.body.message).toBe(`quote ${id} is accepted: only an open quote can be accepted`);
  });
});
