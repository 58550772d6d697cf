// POST /api/simulate with a draft: the draft replaces its published version
// inside the whole published library (the other policies still apply), on the
// stored book; other unpublished drafts only when asked, and named in the answer.
import { checkDocuments } from '../../../dsl/index.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import type { PolicySource } from '../../../engine/plan/plan-adapter.js';
import { simulate } from '../../../engine/plan/planner.js';
import { explainSimulation } from '../../../engine/explain/explain-simulation.js';
import { loadProject } from '../../../api/config/load-project.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { CONFIG_PATH, HOLD_EMEA, smallBook } from './fixtures.js';

const DAY_1 = 'policy "Bill on the 1st" {\n  billing day of month 1\n}\n';
const DAY_15 = 'policy "Bill on the 1st" {\n  billing day of month 15\n}\n';
const HOLD_USD = 'policy "Hold USD" {\n  when account.currency = "USD"\n  hold billing reason "USD review"\n}\n';

async function direct(sources: { file: string; text: string }[], asOf: string, versions: Record<string, number>) {
  const project = await loadProject({ cwd: process.cwd(), configPath: CONFIG_PATH });
  const model = checkDocuments(sources, project.registry.vocabulary());
  expect(model.hasErrors).toBe(false);
  const result = simulate(smallBook() as never, asOf, compilePolicies(model, project.registry, { versions }) as unknown as PolicySource, project.registry);
  // the service adds the words of engine/explain to each hold
  return explainSimulation(result);
}

describe('simulate a draft inside the published library', () => {
  let t: TestApp;
  let viewer: { Authorization: string };
  let dayId: string;
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH });
    const author = await t.as('author');
    viewer = await t.as('viewer');
    expect((await t.http.post('/api/book').set(author).send(smallBook())).status).toBe(200);
    for (const [name, source] of [['holds.policy', HOLD_EMEA], ['day.policy', DAY_1]]) {
      const created = await t.http.post('/api/policies').set(author).send({ name, source });
      await t.http.post(`/api/policies/${created.body.id}/publish`).set(author).send({ message: 'v1' });
      if (name === 'day.policy') dayId = created.body.id;
    }
    // An unpublished draft of another document: applied only with otherDrafts.
    expect((await t.http.post('/api/policies').set(author).send({ name: 'hold-usd.policy', source: HOLD_USD })).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  test('the draft replaces its published version; the other published policies still apply', async () => {
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-04-20', draft: { id: dayId, name: 'day.policy', source: DAY_15 } });
    expect(res.status).toBe(200);
    const expected = await direct([{ file: 'holds.policy', text: HOLD_EMEA }, { file: 'day.policy', text: DAY_15 }], '2026-04-20', { 'Hold EMEA until PO': 1 });
    const { library, totals: _totals, nextCursor, ...result } = res.body;
    expect(result).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(nextCursor).toBeNull();
    // the published hold is in force (the draft alone would bill OP1)
    expect(res.body.holds.map((h: { orderProductId: string }) => h.orderProductId)).toEqual(['OP1']);
    expect(res.body.invoices[0].lines.map((l: { periodStart: string }) => l.periodStart)).toContain('2026-04-15');
    expect(library).toEqual({ published: [{ name: 'holds.policy', version: 1 }], drafts: [{ id: dayId, name: 'day.policy' }] });
  });

  test('the same text as source alone ignores the library (the old behaviour, still available)', async () => {
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-04-20', source: DAY_15 });
    expect(res.status).toBe(200);
    expect(res.body.holds).toEqual([]);
    expect(res.body.library).toBeUndefined();
  });

  test('otherDrafts applies every other unpublished draft and names it', async () => {
    const res = await t.http
      .post('/api/simulate')
      .set(viewer)
      .send({ asOf: '2026-04-20', draft: { id: dayId, name: 'day.policy', source: DAY_15 }, otherDrafts: true });
    expect(res.status).toBe(200);
    expect(res.body.holds.map((h: { orderProductId: string }) => h.orderProductId).sort()).toEqual(['OP1', 'OP2']);
    expect(res.body.library.drafts).toEqual([{ id: dayId, name: 'day.policy' }, expect.objectContaining({ name: 'hold-usd.policy' })]);
  });

  test('a new document (no id, new name) joins the library', async () => {
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-04-20', draft: { name: 'new.policy', source: HOLD_USD } });
    expect(res.status).toBe(200);
    expect(res.body.holds.map((h: { orderProductId: string }) => h.orderProductId).sort()).toEqual(['OP1', 'OP2']);
    expect([...res.body.library.published].sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name))).toEqual([
      { name: 'day.policy', version: 1 },
      { name: 'holds.policy', version: 1 },
    ]);
  });

  test.each([
    ['source and draft together', { asOf: '2026-04-20', source: DAY_15, draft: { name: 'day.policy', source: DAY_15 } }, 'body.draft'],
    ['otherDrafts without a draft', { asOf: '2026-04-20', otherDrafts: true }, 'body.otherDrafts'],
    ['a draft without a name', { asOf: '2026-04-20', draft: { source: DAY_15 } }, 'body.draft.name'],
  ])('400 names the field: %s', async (_name, body, path) => {
    const res = await t.http.post('/api/simulate').set(viewer).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  test('a draft that clashes with the library (a name taken elsewhere) is a 422 naming it', async () => {
    const clash = HOLD_EMEA; // "Hold EMEA until PO" is already defined in holds.policy
    const res = await t.http.post('/api/simulate').set(viewer).send({ asOf: '2026-04-20', draft: { id: dayId, name: 'day.policy', source: clash } });
    expect(res.status).toBe(422);
    expect(res.body.details.map((d: { code: string }) => d.code)).toContain('PV2033');
  });
});

describe('GET /api/library', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ billingRuns: false, configPath: CONFIG_PATH });
  });
  afterAll(async () => {
    await t?.close();
  });

  test('lists the published version of each document with its source, not drafts', async () => {
    const author = await t.as('author');
    const viewer = await t.as('viewer');
    const created = await t.http.post('/api/policies').set(author).send({ name: 'day.policy', source: DAY_1 });
    await t.http.post(`/api/policies/${created.body.id}/publish`).set(author).send({ message: 'v1' });
    await t.http.put(`/api/policies/${created.body.id}`).set(author).send({ source: DAY_15 });
    await t.http.post('/api/policies').set(author).send({ name: 'never.policy', source: HOLD_USD });
    const res = await t.http.get('/api/library').set(viewer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ documents: [{ id: created.body.id, name: 'day.policy', version: 1, source: DAY_1 }] });
    expect((await t.http.get('/api/library')).status).toBe(401);
  });
});
