import { createTestApp, type TestApp } from '../support/test-app.js';

describe('auth and keys over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('health needs no key and pings the database', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.kind).toBe('postgres');
  });

  test.each([
    ['no Authorization header', undefined, /missing API key/],
    ['a key that does not exist', 'Bearer pvk_not-a-real-key', /invalid or revoked/],
    ['a header without Bearer', 'Basic abc', /malformed Authorization/],
  ])('401 with %s', async (_name, header, message) => {
    const req = t.http.get('/api/policies');
    const res = header ? await req.set('Authorization', header) : await req;
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="proviso"/);
    expect(res.body).toEqual({
      type: 'urn:proviso:problem:unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: expect.stringMatching(message),
      instance: '/api/policies',
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringMatching(message),
    });
  });

  test('admin creates a key, sees it listed without its secret, revokes it; the revoked key gets 401', async () => {
    const created = await t.http.post('/api/keys').set(t.admin).send({ name: 'ci', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^pvk_/);
    const auth = { Authorization: `Bearer ${created.body.key}` };
    expect((await t.http.get('/api/me').set(auth)).body).toMatchObject({ name: 'ci', role: 'viewer' });

    const list = await t.http.get('/api/keys').set(t.admin);
    expect(list.status).toBe(200);
    const row = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(row).toMatchObject({ name: 'ci', role: 'viewer', revokedAt: null, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    const del = await t.http.delete(`/api/keys/${created.body.id}`).set(t.admin);
    expect(del.status).toBe(200);
    expect(del.body.revokedAt).not.toBeNull();
    expect((await t.http.get('/api/me').set(auth)).status).toBe(401);
  });

  test.each([
    ['viewer', 403],
    ['author', 403],
  ] as const)('a %s key may not manage keys (%i)', async (role, status) => {
    const auth = await t.as(role);
    const res = await t.http.post('/api/keys').set(auth).send({ name: 'x', role: 'admin' });
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(/needs the admin role/);
  });

  test('400 names the field of a bad key body', async () => {
    const res = await t.http.post('/api/keys').set(t.admin).send({ name: 'x', role: 'root' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'body.role' })]);
    expect(res.body).not.toHaveProperty('stack');
  });

  test('malformed JSON is a 400 problem, not a stack trace', async () => {
    const res = await t.http.post('/api/keys').set(t.admin).set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/malformed JSON/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  test('the last admin key cannot be revoked', async () => {
    const keys = await t.http.get('/api/keys').set(t.admin);
    const admins = keys.body.items.filter((k: { role: string; revokedAt: string | null }) => k.role === 'admin' && !k.revokedAt);
    expect(admins).toHaveLength(1);
    const res = await t.http.delete(`/api/keys/${admins[0].id}`).set(t.admin);
    expect(res.status).toBe(409);
  });

  test('the API docs page and the built editor are served without a key', async () => {
    const docs = await t.http.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
    const editor = await t.http.get('/');
    expect(editor.status).toBe(200);
    expect(editor.headers['content-type']).toMatch(/html/);
  });

  test('OpenAPI document lists the routes', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/book', '/api/policies', '/api/keys', '/api/simulate']));
  });
});
