// The edge refuses what cannot be stored or would cost unbounded work, with a
// 400 naming the field, before any service runs: NUL bytes and lone
// surrogates anywhere, dates outside 1900..2999, as-of dates too far ahead,
// non-decimal integers. Keys are checked before bodies are read; security
// headers are sent; database names never reach a response.
import { toProblem } from '../../../api/common/problem-exception.filter.js';
import { publicErrorMessage } from '../../../api/common/public-error.js';
import { PrismaService } from '../../../api/persistence/prisma-client.factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

const TODAY = new Date('2026-12-01T10:00:00Z');

describe('edge hygiene over HTTP', () => {
  let t: TestApp;
  let author: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: true, configPath: CONFIG_PATH, now: () => TODAY });
    author = await t.as('author');
  });
  afterAll(async () => {
    await t?.close();
  });

  test.each([
    ['NUL in a body string', 'post', '/api/policies', { name: 'a\u0000.policy', source: '' }, 'body.name'],
    ['lone high surrogate in a body string', 'post', '/api/check', { source: 'policy \ud800 x' }, 'body.source'],
    ['lone low surrogate in a nested book field', 'post', '/api/simulate', { asOf: '2026-12-01', book: { accounts: [{ id: 'a\udc00' }] } }, 'body.book.accounts[0].id'],
    ['NUL in an object key', 'post', '/api/book', { ['acc\u0000ounts']: [] }, 'body.acc\u0000ounts'],
    ['NUL in a query cursor', 'get', '/api/accounts?cursor=a%00b', undefined, 'query.cursor'],
    ['NUL in a path id', 'get', '/api/policies/x%00y', undefined, 'params.id'],
    ['NUL in a run id', 'get', '/api/billing-runs/%00', undefined, 'params.id'],
  ])('%s is a 400 naming the field', async (_name, method, url, body, path) => {
    const req = method === 'post' ? t.http.post(url).set(author).send(body as object) : t.http.get(url).set(author);
    const res = await req;
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  test.each([
    ['year 0000 as-of', '/api/simulate', { asOf: '0000-01-01' }, 'body.asOf', /between 1900-01-01 and 2999-12-31/],
    ['year 1899 run date', '/api/billing-runs', { asOf: '1899-12-31' }, 'body.asOf', /between 1900-01-01 and 2999-12-31/],
    ['far-future simulate', '/api/simulate', { asOf: '9998-12-01' }, 'body.asOf', /between 1900-01-01 and 2999-12-31/],
    ['simulate one day past the horizon', '/api/simulate', { asOf: '2031-12-02' }, 'body.asOf', /at most 5 years past today \(2031-12-01\)/],
    ['run one day past the horizon', '/api/billing-runs', { asOf: '2031-12-02' }, 'body.asOf', /at most 5 years past today/],
    ['impact past the horizon', '/api/impact', { asOf: '2999-01-01' }, 'body.asOf', /at most 5 years past today/],
  ])('%s is a 400 naming the field', async (_name, url, body, path, message) => {
    const res = await t.http.post(url).set(author).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });

  test('the far-future simulate is refused at once and health keeps answering', async () => {
    const started = Date.now();
    const [sim, health] = await Promise.all([
      t.http.post('/api/simulate').set(author).send({ asOf: '2999-12-31' }),
      t.http.get('/api/health'),
    ]);
    expect(sim.status).toBe(400);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a simulation on the last day of the horizon is answered', async () => {
    const res = await t.http.post('/api/simulate').set(author).send({ asOf: '2031-12-01', book: smallBook() });
    expect(res.status).toBe(200);
  });

  test('a timeline reaching past the horizon is refused, one within it answered', async () => {
    await t.http.post('/api/book').set(author).send(smallBook()).expect(200);
    const id = smallBook().orderProducts[0].id;
    const far = await t.http.get(`/api/order-products/${id}/timeline?from=2031-01-01&months=12`).set(author);
    expect(far.status).toBe(400);
    expect(far.body.details[0].path).toBe('query.from');
    const near = await t.http.get(`/api/order-products/${id}/timeline?months=12`).set(author);
    expect(near.status).toBe(200);
  });

  test('book dates outside the data window are refused at upload with their path', async () => {
    const book = smallBook();
    (book.orderProducts[0] as { startDate: string }).startDate = '0000-01-01';
    const res = await t.http.post('/api/book').set(author).send(book);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'orderProducts[0].startDate' })]));
  });

  test.each([['0x10'], ['1e2'], ['+5'], [' 5'], ['5.0'], ['0'], ['501']])('limit=%s is refused', async (limit) => {
    const res = await t.http.get(`/api/billing-runs?limit=${encodeURIComponent(limit)}`).set(author);
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('query.limit');
  });

  test('limit=16 is accepted', async () => {
    await t.http.get('/api/billing-runs?limit=16').set(author).expect(200);
  });

  test('security headers allow Monaco workers, forbid framing, and X-Powered-By is gone', async () => {
    const res = await t.http.get('/api/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });

  test('a keyless POST is refused before its body is read (a malformed body is never parsed)', async () => {
    const res = await t.http.post('/api/policies').set('Content-Type', 'application/json').send('{not json');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/missing API key/);
    const bad = await t.http.post('/api/check').set({ Authorization: 'Bearer pvk_wrong_wrong_wrong' }).set('Content-Type', 'application/json').send('{not json');
    expect(bad.status).toBe(401);
  });

  test('bodies over the small limit are refused on ordinary routes but not on book uploads', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const check = await t.http.post('/api/check').set(author).send({ source: big });
    expect(check.status).toBe(413);
    const book = await t.http.post('/api/book').set(author).send({ ...smallBook(), $comment: big });
    expect(book.status).not.toBe(413);
  });

  test('a unique-key conflict from the database names no constraint or table', async () => {
    const prisma = t.app.get(PrismaService);
    const row = await prisma.apiKey.findFirstOrThrow();
    const err = await prisma.apiKey
      .create({ data: { name: 'dup', role: 'viewer', keyHash: row.keyHash, prefix: 'x' } })
      .then(() => undefined, (e: unknown) => e);
    const problem = toProblem(err);
    expect(problem).toEqual({ statusCode: 409, error: 'Conflict', message: 'a record with the same unique key already exists' });
  });

  test('a database error in a run message says what happened without the raw Prisma text', async () => {
    const prisma = t.app.get(PrismaService);
    const err = await prisma.$executeRawUnsafe(`SELECT (1e25)::numeric(30,10)`).then(() => undefined, (e: unknown) => e);
    expect(err).toBeDefined();
    const msg = publicErrorMessage(err);
    expect(msg).toBe('a number is too large to store (SQLSTATE 22003); the server log has the details');
    expect(msg).not.toMatch(/prisma|invocation|numeric\(/i);
  });
});
