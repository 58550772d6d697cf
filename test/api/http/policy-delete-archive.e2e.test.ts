// Authors delete drafts that were never published; admins archive published
// documents (they leave the published library, their versions stay, publishing
// restores them); drafts have the policy-file size limit.
import { MAX_TEXT_LENGTH } from '../../../dsl/parse/parse-limits.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, HOLD_EMEA, smallBook } from './fixtures.js';

describe('deleting drafts and archiving published policies', () => {
  let t: TestApp;
  let author: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH });
    author = await t.as('author');
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditCount = async (action: string, subject: string) =>
    t.db.prisma.auditLog.count({ where: { action, subject } });

  test('an author deletes a never-published draft, with one audit row', async () => {
    const created = await t.http.post('/api/policies').set(author).send({ name: 'scratch.policy', source: 'policy "x" {' }).expect(201);
    const res = await t.http.delete(`/api/policies/${created.body.id}`).set(author);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: created.body.id, name: 'scratch.policy', deleted: true });
    await t.http.get(`/api/policies/${created.body.id}`).set(author).expect(404);
    expect(await auditCount('policy.delete', created.body.id)).toBe(1);
  });

  test('a published document cannot be deleted; an admin archives it, its versions stay, publishing restores it', async () => {
    const created = await t.http.post('/api/policies').set(author).send({ name: 'holds.policy', source: HOLD_EMEA }).expect(201);
    const id = created.body.id as string;
    await t.http.post(`/api/policies/${id}/publish`).set(author).send({ message: 'v1' }).expect(201);
    const holdsBefore = await t.http.post('/api/simulate').set(author).send({ asOf: '2026-03-01', book: smallBook() }).expect(200);
    expect(holdsBefore.body.holds.length).toBeGreaterThan(0);

    const del = await t.http.delete(`/api/policies/${id}`).set(author);
    expect(del.status).toBe(409);
    expect(del.body.message).toMatch(/archive it/);
    await t.http.post(`/api/policies/${id}/archive`).set(author).expect(403);

    const archived = await t.http.post(`/api/policies/${id}/archive`).set(t.admin);
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('archived');
    expect(await auditCount('policy.archive', id)).toBe(1);
    const list = await t.http.get('/api/policies').set(author).expect(200);
    expect(list.body.items.find((d: { id: string }) => d.id === id).status).toBe('archived');
    const versions = await t.http.get(`/api/policies/${id}/versions`).set(author).expect(200);
    expect(versions.body).toHaveLength(1);
    const holdsAfter = await t.http.post('/api/simulate').set(author).send({ asOf: '2026-03-01', book: smallBook() }).expect(200);
    expect(holdsAfter.body.holds).toEqual([]);

    // Editing keeps it archived; publishing brings it back.
    const edited = await t.http.put(`/api/policies/${id}`).set(author).send({ source: HOLD_EMEA + '\n' }).expect(200);
    expect(edited.body.status).toBe('archived');
    await t.http.post(`/api/policies/${id}/publish`).set(author).send({ message: 'restore' }).expect(201);
    const restored = await t.http.post('/api/simulate').set(author).send({ asOf: '2026-03-01', book: smallBook() }).expect(200);
    expect(restored.body.holds.length).toBeGreaterThan(0);
  });

  test('archiving a never-published draft is refused (delete it instead); unknown ids are 404', async () => {
    const created = await t.http.post('/api/policies').set(author).send({ name: 'never.policy', source: '' }).expect(201);
    const res = await t.http.post(`/api/policies/${created.body.id}/archive`).set(t.admin);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/delete the draft instead/);
    await t.http.delete('/api/policies/nope').set(author).expect(404);
    await t.http.post('/api/policies/nope/archive').set(t.admin).expect(404);
  });

  test('a draft one character over the policy-file limit is refused naming body.source', async () => {
    const res = await t.http.post('/api/policies').set(author).send({ name: 'big.policy', source: ' '.repeat(MAX_TEXT_LENGTH + 1) });
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toEqual(expect.objectContaining({ path: 'body.source', message: expect.stringMatching(/the limit of a policy file/) }));
  });
});
