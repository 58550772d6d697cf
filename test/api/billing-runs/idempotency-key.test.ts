// `Idempotency-Key` on POST /api/billing-runs (PGlite and PostgreSQL): a retry
// answers with the run the first request started, concurrent retries start
// one run, the key is scoped to the API key and bound to the request body;
// after its retention (timed by the injected clock) the key starts a new run.
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../../api/common/clock.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { startRunApp, waitForRun, type RunApp } from './support/run-app.js';

const BOOK = generateDemoBook({ orderProducts: 60, seed: 5 });

describe.each(DATABASE_KINDS)('Idempotency-Key on billing-run starts (%s)', (kind) => {
  let tdb: TestDatabase;
  let t: RunApp;
  let admin: string;
  let author: string;
  const start = (apiKey: string, body: object, idempotencyKey?: string) => {
    const req = t.http.post('/api/billing-runs').set('Authorization', `Bearer ${apiKey}`);
    if (idempotencyKey !== undefined) req.set('Idempotency-Key', idempotencyKey);
    return req.send(body);
  };
  const runsOn = async (asOf: string) => {
    const res = await t.http.get('/api/billing-runs?limit=500').set('Authorization', `Bearer ${admin}`);
    return (res.body as { items: { id: string; asOf: string }[] }).items.filter((r) => r.asOf === asOf);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    t = await startRunApp(tdb.options);
    await insertBookRows(t.db.prisma, BOOK);
    admin = t.adminKey;
    const res = await t.http.post('/api/keys').set('Authorization', `Bearer ${admin}`).send({ name: 'author-idem', role: 'author' });
    expect(res.status).toBe(201);
    author = res.body.key as string;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await tdb?.drop();
  });

  test('a retry with the same key and body answers 200 with the same run and Location', async () => {
    const key = `retry-${randomBytes(6).toString('hex')}`;
    const first = await start(admin, { asOf: '2026-02-01', dryRun: true }, key);
    expect(first.status).toBe(202);
    expect(first.headers.location).toBe(`/api/billing-runs/${first.body.id}`);
    // the same body with its keys in another order is the same request
    const again = await start(admin, { dryRun: true, asOf: '2026-02-01' }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: first.body.id });
    expect(again.headers.location).toBe(`/api/billing-runs/${first.body.id}`);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await waitForRun(t.http, admin, first.body.id);
    // after the run ended too: still that run, no new one
    expect((await start(admin, { asOf: '2026-02-01', dryRun: true }, key)).body).toEqual({ id: first.body.id });
    expect((await runsOn('2026-02-01')).map((r) => r.id)).toEqual([first.body.id]);
  });

  test('the same key with another body is a 422 naming the header, and starts nothing', async () => {
    const key = `body-${randomBytes(6).toString('hex')}`;
    const first = await start(admin, { asOf: '2026-03-01', dryRun: true }, key);
    expect(first.status).toBe(202);
    const other = await start(admin, { asOf: '2026-03-02', dryRun: true }, key);
    expect(other.status).toBe(422);
    expect(other.body.message).toContain(`Idempotency-Key '${key}' was used with another request body`);
    expect(other.body.details).toEqual([{ path: 'headers.idempotency-key', message: 'already used with another request body' }]);
    expect(await runsOn('2026-03-02')).toEqual([]);
    await waitForRun(t.http, admin, first.body.id);
  });

  test.each([
    ['too long', 'k'.repeat(256)],
    ['with a space', 'two words'],
    ['empty', ''],
    ['not ASCII', 'schlüssel'],
  ])('a key %s is a 400 naming the header', async (_name, bad) => {
    const res = await t.http
      .post('/api/billing-runs')
      .set('Authorization', `Bearer ${admin}`)
      .set('Idempotency-Key', Buffer.from(bad, 'utf8').toString('latin1'))
      .send({ asOf: '2026-04-01', dryRun: true });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'headers.idempotency-key' })]);
    expect(res.body.message).toMatch(/^Idempotency-Key: must be 1 to 255 visible ASCII characters/);
    expect(await runsOn('2026-04-01')).toEqual([]);
  });

  test('concurrent starts with the same key give one run', async () => {
    const key = `race-${randomBytes(6).toString('hex')}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => start(admin, { asOf: '2026-05-01', dryRun: true }, key)));
    const ids = new Set(answers.map((a) => a.body.id as string));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 202]);
    const [id] = [...ids];
    expect((await runsOn('2026-05-01')).map((r) => r.id)).toEqual([id]);
    await waitForRun(t.http, admin, id);
  });

  test('keys are scoped to the API key: another key with the same value starts its own run', async () => {
    const key = `scope-${randomBytes(6).toString('hex')}`;
    const mine = await start(admin, { asOf: '2026-06-01', dryRun: true }, key);
    expect(mine.status).toBe(202);
    await waitForRun(t.http, admin, mine.body.id);
    const theirs = await start(author, { asOf: '2026-06-01', dryRun: true }, key);
    expect(theirs.status).toBe(202);
    expect(theirs.body.id).not.toBe(mine.body.id);
    await waitForRun(t.http, admin, theirs.body.id);
    expect((await start(author, { asOf: '2026-06-01', dryRun: true }, key)).body.id).toBe(theirs.body.id);
  });

  test('without the header every start is a new request (202, Location)', async () => {
    const res = await start(admin, { asOf: '2026-07-01', dryRun: true });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/billing-runs/${res.body.id}`);
    await waitForRun(t.http, admin, res.body.id);
  });
});

describe.each(DATABASE_KINDS)('Idempotency-Key retention on billing-run starts (%s)', (kind) => {
  let tdb: TestDatabase;
  let t: RunApp;
  const clock = new ManualClock(new Date('2026-12-03T06:00:00.000Z'));
  const start = (body: object, idempotencyKey: string) =>
    t.http.post('/api/billing-runs').set('Authorization', `Bearer ${t.adminKey}`).set('Idempotency-Key', idempotencyKey).send(body);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    t = await startRunApp(tdb.options, { PROVISO_IDEMPOTENCY_RETENTION_HOURS: '2' }, clock);
    await insertBookRows(t.db.prisma, BOOK);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await tdb?.drop();
  });

  test('a retry within the retention (PROVISO_IDEMPOTENCY_RETENTION_HOURS) replays; after it the same key starts a new run', async () => {
    const key = `expiry-${randomBytes(6).toString('hex')}`;
    const first = await start({ asOf: '2026-08-01', dryRun: true }, key);
    expect(first.status).toBe(202);
    await waitForRun(t.http, t.adminKey, first.body.id);
    clock.advance(2 * 3_600_000 - 1);
    const retry = await start({ asOf: '2026-08-01', dryRun: true }, key);
    expect([retry.status, retry.body.id]).toEqual([200, first.body.id]);
    clock.advance(1);
    const after = await start({ asOf: '2026-08-01', dryRun: true }, key);
    expect(after.status).toBe(202);
    expect(after.body.id).not.toBe(first.body.id);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    await waitForRun(t.http, t.adminKey, after.body.id);
  });
});
