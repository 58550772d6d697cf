import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, BROKEN, CONFIG_PATH, HOLD_EMEA } from './fixtures.js';

describe('policy documents over HTTP', () => {
  let t: TestApp;
  let author: { Authorization: string };
  let viewer: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH });
    author = await t.as('author');
    viewer = await t.as('viewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  // Each test sets up its own documents: a unique document name and a
  // policy name of its own (policy names are unique across the library).
  let seq = 0;
  const own = (source: string): { name: string; source: string } => {
    seq += 1;
    return { name: `t${seq}-${Date.now()}.policy`, source: source.replace(/^policy "([^"]+)"/, `policy "$1 (${seq})"`) };
  };
  async function published(source: string, messages: string[] = ['first']): Promise<{ id: string; name: string; source: string }> {
    const doc = own(source);
    const created = await t.http.post('/api/policies').set(author).send(doc);
    expect(created.status).toBe(201);
    for (const message of messages) {
      const pub = await t.http.post(`/api/policies/${created.body.id}/publish`).set(author).send({ message });
      expect(pub.status).toBe(201);
    }
    return { id: created.body.id, ...doc };
  }

  test('create -> 201 draft with diagnostics; publish -> version 1; versions listed; source immutable', async () => {
    const doc = own(HOLD_EMEA);
    const created = await t.http.post('/api/policies').set(author).send(doc);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: doc.name, diagnostics: [] });

    const pub = await t.http.post(`/api/policies/${created.body.id}/publish`).set(author).send({ message: 'first' });
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe(1);

    const put = await t.http.put(`/api/policies/${created.body.id}`).set(author).send({ source: doc.source.replace('Awaiting', 'Waiting for') });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: created.body.id, diagnostics: [], status: 'changed' });
    const pub2 = await t.http.post(`/api/policies/${created.body.id}/publish`).set(author).send({ message: 'wording' });
    expect(pub2.body.version).toBe(2);

    const versions = await t.http.get(`/api/policies/${created.body.id}/versions`).set(viewer);
    expect(versions.status).toBe(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body[1]).toMatchObject({ message: 'first', author: 'test author', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const v1 = await t.http.get(`/api/policies/${created.body.id}/versions/1`).set(viewer);
    expect(v1.body.source).toBe(doc.source);

    // The database itself refuses to change a published version.
    await expect(t.db.prisma.$executeRawUnsafe(`UPDATE policy_versions SET source = 'x' WHERE document_id = '${created.body.id}'`)).rejects.toThrow(/immutable/);
    expect((await t.http.get(`/api/policies/${created.body.id}/versions/1`).set(viewer)).body.source).toBe(doc.source);

    const stored = await t.http.get(`/api/policies/${created.body.id}`).set(viewer);
    expect(stored.body).toMatchObject({ name: doc.name, publishedVersion: 2, status: 'published', draftChanged: false, errorCount: 0 });
    expect(stored.body.draftSource).toContain('Waiting for');
  });

  test('rollback publishes an earlier version anew as a new version', async () => {
    const { id, source } = await published(HOLD_EMEA);
    const changed = source.replace('Awaiting', 'Waiting for');
    expect((await t.http.put(`/api/policies/${id}`).set(author).send({ source: changed })).status).toBe(200);
    expect((await t.http.post(`/api/policies/${id}/publish`).set(author).send({ message: 'wording' })).body.version).toBe(2);
    const rb = await t.http.post(`/api/policies/${id}/rollback`).set(author).send({ version: 1, message: 'back to v1' });
    expect(rb.status).toBe(201);
    expect(rb.body.version).toBe(3);
    const v3 = await t.http.get(`/api/policies/${id}/versions/3`).set(viewer);
    expect(v3.body).toMatchObject({ source, message: 'back to v1' });
    expect((await t.http.get(`/api/policies/${id}`).set(viewer)).body.draftSource).toBe(source);
  });

  test('publish is refused with the diagnostics while the draft has errors (422), nothing is published', async () => {
    const broken = own(BROKEN);
    const created = await t.http.post('/api/policies').set(author).send(broken);
    expect(created.status).toBe(201);
    expect(created.body.diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
    const pub = await t.http.post(`/api/policies/${created.body.id}/publish`).set(author).send({ message: 'try' });
    expect(pub.status).toBe(422);
    expect(pub.body.message).toMatch(/error/);
    expect(pub.body.details[0]).toMatchObject({ severity: 'error', code: expect.stringMatching(/^PV/), line: 2 });
    expect((await t.http.get(`/api/policies/${created.body.id}/versions`).set(viewer)).body).toEqual([]);
    const list = await t.http.get('/api/policies').set(viewer);
    expect(list.body.items.find((p: { name: string }) => p.name === broken.name)).toMatchObject({ status: 'draft', publishedVersion: null, errorCount: expect.any(Number) });
  });

  test('a draft is checked with the whole library: a policy name taken in another document is an error', async () => {
    const first = await published(BILL_ON_FIRST);
    const dup = await t.http.post('/api/policies').set(author).send({ name: own(BILL_ON_FIRST).name, source: first.source });
    expect(dup.status).toBe(201);
    const errors = dup.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors)).toContain(first.source.match(/policy "([^"]+)"/)![1]);
    // the same text under a policy name of its own checks clean
    const fresh = own(BILL_ON_FIRST);
    expect((await t.http.post('/api/policies').set(author).send(fresh)).body.diagnostics).toEqual([]);
  });

  test.each([
    ['viewer creating', 'post', '/api/policies', { name: 'v.policy', source: BILL_ON_FIRST }],
    ['viewer publishing', 'post', '/api/policies/any/publish', { message: 'x' }],
    ['viewer uploading a book', 'post', '/api/book', {}],
  ] as const)('403 for a %s', async (_name, method, path, body) => {
    const res = await t.http[method](path).set(viewer).send(body);
    expect(res.status).toBe(403);
  });

  test.each([
    ['name without .policy', { name: 'holds.txt', source: '' }, 'body.name'],
    ['missing source', { name: 'x.policy' }, 'body.source'],
    ['unknown field', { name: 'x.policy', source: '', extra: 1 }, 'body'],
  ])('400 naming the field: %s', async (_name, body, path) => {
    const res = await t.http.post('/api/policies').set(author).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  test('publish without a message is a 400 naming body.message', async () => {
    const { id } = await published(BILL_ON_FIRST, []);
    const res = await t.http.post(`/api/policies/${id}/publish`).set(author).send({});
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('body.message');
  });

  test('404 for an unknown document and version', async () => {
    expect((await t.http.get('/api/policies/nope').set(viewer)).status).toBe(404);
    const { id } = await published(BILL_ON_FIRST);
    expect((await t.http.get(`/api/policies/${id}/versions/1`).set(viewer)).status).toBe(200);
    expect((await t.http.get(`/api/policies/${id}/versions/99`).set(viewer)).status).toBe(404);
    expect((await t.http.get(`/api/policies/${id}/versions/abc`).set(viewer)).status).toBe(400);
  });

  test('duplicate document name is a 409', async () => {
    const { name } = await published(HOLD_EMEA);
    const res = await t.http.post('/api/policies').set(author).send({ name, source: own(BILL_ON_FIRST).source });
    expect(res.status).toBe(409);
  });

  test('POST /api/check returns diagnostics with positions and stores nothing', async () => {
    const before = (await t.http.get('/api/policies').set(viewer)).body.items.length;
    const ok = await t.http.post('/api/check').set(viewer).send({ source: BILL_ON_FIRST });
    expect(ok.status).toBe(200);
    expect(ok.body.diagnostics).toEqual([]);
    const bad = await t.http.post('/api/check').set(viewer).send({ source: BROKEN });
    expect(bad.body.diagnostics[0]).toMatchObject({ severity: 'error', line: 2, column: expect.any(Number), span: { start: expect.any(Number), end: expect.any(Number) } });
    expect((await t.http.get('/api/policies').set(viewer)).body.items.length).toBe(before);
  });

  test('GET /api/vocabulary is the registry manifest, with the declared attributes', async () => {
    const res = await t.http.get('/api/vocabulary').set(viewer);
    expect(res.status).toBe(200);
    const facts = JSON.stringify(res.body);
    expect(facts).toContain('account.region');
    expect(facts).toContain('nextWeekday');
  });

  test('audit log has rows for create, publish and rollback', async () => {
    const { id } = await published(HOLD_EMEA, ['first', 'second']);
    expect((await t.http.post(`/api/policies/${id}/rollback`).set(author).send({ version: 1, message: 'back' })).status).toBe(201);
    const rows = await t.db.prisma.auditLog.findMany({ where: { subject: id } });
    expect(rows.map((r) => r.action).sort()).toEqual(['policy.create', 'policy.publish', 'policy.publish', 'policy.rollback']);
  });
});
