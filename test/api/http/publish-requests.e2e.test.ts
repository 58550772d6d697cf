// Four eyes on publishing (issue 10): with fourEyes on, a publish is a request
// that a different admin approves or rejects with a comment; request,
// decision and who are audit rows; a rollback is asked for the same way, and a
// request overtaken by another publish cannot be approved. Real PostgreSQL (or
// PGlite by PROVISO_TEST_DB).
import { APP_OPTIONS } from '../../../api/server/app-options.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BILL_ON_FIRST, CONFIG_PATH, HOLD_EMEA } from './fixtures.js';

type Headers = { Authorization: string };

describe('publish requests (four eyes)', () => {
  let t: TestApp;
  let author: Headers;
  let secondAdmin: Headers;
  const idOf = async (h: Headers): Promise<string> => (await t.http.get('/api/me').set(h).expect(200)).body.id;

  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH, fourEyes: true });
    author = await t.as('author');
    secondAdmin = await t.as('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const draft = async (name: string, source: string): Promise<string> =>
    (await t.http.post('/api/policies').set(author).send({ name, source }).expect(201)).body.id;

  test('the settings say four eyes is on; a direct publish is refused naming the request route', async () => {
    expect((await t.http.get('/api/publish-requests/settings').set(author).expect(200)).body).toEqual({ fourEyes: true });
    const id = await draft('direct.policy', BILL_ON_FIRST);
    const res = await t.http.post(`/api/policies/${id}/publish`).set(t.admin).send({ message: 'v1' });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain(`POST /api/policies/${id}/publish-requests`);
    expect((await t.http.get(`/api/policies/${id}`).set(author)).body.publishedVersion).toBeNull();
  });

  test('the requester cannot approve; a different admin approves, the requested source is published once', async () => {
    const id = await draft('holds.policy', HOLD_EMEA);
    const asked = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Hold EMEA until PO' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', documentName: 'holds.policy', source: HOLD_EMEA, requestedBy: { name: 'test author' }, decidedBy: null });
    const again = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already has a publish request waiting/);

    // Edits after the request do not change what is reviewed and published.
    await t.http.put(`/api/policies/${id}`).set(author).send({ source: BILL_ON_FIRST }).expect(200);

    await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(author).send({ comment: 'mine' }).expect(403);
    const approved = await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(secondAdmin).send({ comment: 'Checked the impact' });
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'approved', comment: 'Checked the impact', publishedVersion: 1, decidedBy: { name: 'test admin' } });
    expect(approved.body.published).toMatchObject({ version: 1, author: 'test author', message: 'Hold EMEA until PO' });
    const v1 = await t.http.get(`/api/policies/${id}/versions/1`).set(author).expect(200);
    expect(v1.body.source).toBe(HOLD_EMEA);

    const twice = await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(t.admin).send({ comment: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('already approved by test admin');
    await t.http.post(`/api/publish-requests/${asked.body.id}/reject`).set(t.admin).send({ comment: 'too late' }).expect(409);
    expect((await t.http.get(`/api/policies/${id}/versions`).set(author)).body).toHaveLength(1);

    const [authorId, approverId] = [await idOf(author), await idOf(secondAdmin)];
    // The approval and the publish share one transaction (and one timestamp): compared by action.
    const rows = await t.db.prisma.auditLog.findMany({ where: { subject: id, action: { startsWith: 'policy.publish' } }, orderBy: { action: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorKeyId])).toEqual([
      ['policy.publish', approverId],
      ['policy.publish-approve', approverId],
      ['policy.publish-request', authorId],
    ]);
    expect(rows[1].detail).toMatchObject({ request: asked.body.id, requestedBy: authorId, comment: 'Checked the impact', version: 1 });
  });

  test('an admin cannot approve their own request; another admin rejects it with a comment, nothing is published', async () => {
    const id = await draft('first.policy', BILL_ON_FIRST);
    const asked = await t.http.post(`/api/policies/${id}/publish-requests`).set(t.admin).send({ message: 'Bill on the 1st' }).expect(201);
    const own = await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(t.admin).send({ comment: 'fine by me' });
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/different admin/);
    await t.http.post(`/api/publish-requests/${asked.body.id}/reject`).set(t.admin).send({ comment: 'no' }).expect(403);

    const blank = await t.http.post(`/api/publish-requests/${asked.body.id}/reject`).set(secondAdmin).send({ comment: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.details[0]).toMatchObject({ path: 'body.comment' });
    const rejected = await t.http.post(`/api/publish-requests/${asked.body.id}/reject`).set(secondAdmin).send({ comment: 'Runs mid-month for EMEA' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', comment: 'Runs mid-month for EMEA', publishedVersion: null });
    await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(secondAdmin).send({ comment: 'changed my mind' }).expect(409);
    expect((await t.http.get(`/api/policies/${id}`).set(author)).body.publishedVersion).toBeNull();

    const pending = await t.http.get('/api/publish-requests?status=pending').set(author).expect(200);
    expect(pending.body.items.map((r: { id: string }) => r.id)).not.toContain(asked.body.id);
    const rows = await t.db.prisma.auditLog.findMany({ where: { subject: id, action: 'policy.publish-reject' } });
    expect(rows.map((r) => [r.actorKeyId, (r.detail as { comment: string }).comment])).toEqual([[await idOf(secondAdmin), 'Runs mid-month for EMEA']]);
    // A new request is possible once the first is decided.
    await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Second try' }).expect(201);
  });

  test('a draft with errors cannot be requested; unknown requests are 404', async () => {
    const id = await draft('broken.policy', 'policy "Broken" {\n  billing day of month 40\n}\n');
    const res = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'x' });
    expect(res.status).toBe(422);
    await t.http.get('/api/publish-requests/nope').set(author).expect(404);
    await t.http.post('/api/publish-requests/nope/approve').set(secondAdmin).send({ comment: 'x' }).expect(404);
  });
});

describe('rollback under four eyes, and a request overtaken by another publish', () => {
  let t: TestApp;
  let author: Headers;
  let secondAdmin: Headers;
  const idOf = async (h: Headers): Promise<string> => (await t.http.get('/api/me').set(h).expect(200)).body.id;

  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH, fourEyes: true });
    author = await t.as('author');
    secondAdmin = await t.as('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A policy of its own name (documents of different tests never clash). */
  const billOn = (day: number, name: string): string => `policy "${name}" {\n  billing day of month ${day}\n}\n`;
  const holdAll = (name: string): string => `policy "${name}" {\n  hold billing reason "${name}"\n}\n`;

  /** A document published once per source, each through a request the second admin approves. */
  const publishedThrough = async (name: string, sources: readonly string[]): Promise<string> => {
    const id = (await t.http.post('/api/policies').set(author).send({ name, source: sources[0] }).expect(201)).body.id as string;
    for (const [i, source] of sources.entries()) {
      await t.http.put(`/api/policies/${id}`).set(author).send({ source }).expect(200);
      const asked = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: `v${i + 1}` }).expect(201);
      await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(secondAdmin).send({ comment: 'ok' }).expect(200);
    }
    return id;
  };

  test('a rollback is refused directly but can be asked for: the request holds the old source, another admin approves it as a rollback', async () => {
    const [v1, v2] = [billOn(1, 'Rollback'), holdAll('Rollback')];
    const id = await publishedThrough('rollback.policy', [v1, v2]);
    const direct = await t.http.post(`/api/policies/${id}/rollback`).set(t.admin).send({ version: 1, message: 'Roll back to v1' });
    expect(direct.status).toBe(409);
    expect(direct.body.message).toContain(`POST /api/policies/${id}/publish-requests`);
    expect(direct.body.message).toContain('"rollbackTo": 1');

    const missing = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Roll back to v9', rollbackTo: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('no version 9');

    const asked = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Roll back to v1', rollbackTo: 1 });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', rollbackTo: 1, baseVersion: 2, currentVersion: 2, source: v1, message: 'Roll back to v1' });
    // a rollback request waits like any other: no second request for the document meanwhile
    expect((await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'again', rollbackTo: 1 })).status).toBe(409);
    // nothing is published, and the draft is untouched, until it is approved
    expect((await t.http.get(`/api/policies/${id}`).set(author)).body).toMatchObject({ publishedVersion: 2, draftSource: v2 });

    await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(author).send({ comment: 'mine' }).expect(403);
    const approved = await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(secondAdmin).send({ comment: 'v2 holds too much' });
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'approved', publishedVersion: 3, rollbackTo: 1, currentVersion: 3 });
    expect(approved.body.published).toMatchObject({ version: 3, author: 'test author', message: 'Roll back to v1' });
    expect((await t.http.get(`/api/policies/${id}/versions/3`).set(author)).body.source).toBe(v1);
    // the draft follows, as with a direct rollback
    expect((await t.http.get(`/api/policies/${id}`).set(author)).body).toMatchObject({ publishedVersion: 3, draftSource: v1, status: 'published' });

    const [authorId, approverId] = [await idOf(author), await idOf(secondAdmin)];
    const rows = await t.db.prisma.auditLog.findMany({ where: { subject: id, detail: { path: ['request'], equals: asked.body.id } }, orderBy: { action: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorKeyId])).toEqual([
      ['policy.publish-approve', approverId],
      ['policy.publish-request', authorId],
      ['policy.rollback', approverId],
    ]);
    expect(rows[0].detail).toMatchObject({ rollbackTo: 1, version: 3, comment: 'v2 holds too much', requestedBy: authorId });
    expect(rows[1].detail).toMatchObject({ rollbackTo: 1, message: 'Roll back to v1' });
    expect(rows[2].detail).toMatchObject({ from: 1, version: 3 });
  });

  test('a rollback to a version that no longer checks clean is refused with its diagnostics', async () => {
    const id = await publishedThrough('stale.policy', [billOn(1, 'Stale'), holdAll('Stale v2')]);
    // another document now holds a policy of the first version's name: v1 would clash with it
    await publishedThrough('clash.policy', [billOn(2, 'Stale')]);
    const res = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Roll back to v1', rollbackTo: 1 });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain("version 1 of 'stale.policy' no longer checks clean");
    expect(res.body.details.length).toBeGreaterThan(0);
  });

  test('approving a request after the document was published another way is a 409 naming both versions; nothing more is published', async () => {
    const id = await publishedThrough('overtaken.policy', [billOn(1, 'Overtaken')]);
    await t.http.put(`/api/policies/${id}`).set(author).send({ source: holdAll('Overtaken') }).expect(200);
    const asked = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Hold EMEA' }).expect(201);
    expect(asked.body).toMatchObject({ baseVersion: 1, currentVersion: 1 });

    // Meanwhile four eyes is switched off on this instance and someone publishes directly (v2).
    const options = t.app.get<{ fourEyes?: boolean }>(APP_OPTIONS, { strict: false });
    options.fourEyes = false;
    try {
      await t.http.put(`/api/policies/${id}`).set(author).send({ source: billOn(3, 'Overtaken') }).expect(200);
      await t.http.post(`/api/policies/${id}/publish`).set(t.admin).send({ message: 'direct' }).expect(201);
    } finally {
      options.fourEyes = true;
    }
    expect((await t.http.get(`/api/publish-requests/${asked.body.id}`).set(author)).body).toMatchObject({ status: 'pending', baseVersion: 1, currentVersion: 2 });

    const res = await t.http.post(`/api/publish-requests/${asked.body.id}/approve`).set(secondAdmin).send({ comment: 'looks fine' });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe("'overtaken.policy' was published since this request (now v2, requested on v1); reject it and ask again");
    expect((await t.http.get(`/api/policies/${id}/versions`).set(author)).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await t.http.get(`/api/publish-requests/${asked.body.id}`).set(author)).body.status).toBe('pending');
    // it can still be rejected, and a new request made on v2
    await t.http.post(`/api/publish-requests/${asked.body.id}/reject`).set(secondAdmin).send({ comment: 'overtaken by v2' }).expect(200);
    const again = await t.http.post(`/api/policies/${id}/publish-requests`).set(author).send({ message: 'Hold EMEA, on v2' }).expect(201);
    expect(again.body.baseVersion).toBe(2);
  });
});
