// The billing-run routes end to end on the real app (PGlite and PostgreSQL):
// auth, validation, 202 + polling to completion, the recorded policy versions,
// and the run's lines equal to the simulation of the same stored book.
import { SchedulerRegistry } from '@nestjs/schedule';
import { BILLING_CRON_JOB } from '../../../api/billing-runs/billing-runs.cron.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';
import { startRunApp, waitForRun, type RunApp } from './support/run-app.js';

const BOOK = generateDemoBook({ orderProducts: 150, seed: 11 });
const POLICY = `policy "Review big quantities" {
  priority 10
  when line.quantity > 40
  hold billing reason "Quantity needs review"
}
`;

describe.each(DATABASE_KINDS)('billing-run routes on %s', (kind) => {
  let tdb: TestDatabase;
  let t: RunApp;
  let auth: (k?: string) => [string, string];
  let viewer: string;
  let published: { document: string; version: number };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    t = await startRunApp(tdb.options);
    await insertBookRows(t.db.prisma, BOOK);
    auth = (k = t.adminKey) => ['Authorization', `Bearer ${k}`];
    viewer = await t.viewerKey();
    const created = await t.http.post('/api/policies').set(...auth()).send({ name: 'review.policy', source: POLICY });
    expect(created.status).toBe(201);
    const pub = await t.http.post(`/api/policies/${created.body.id}/publish`).set(...auth()).send({ message: 'first' });
    expect(pub.status).toBeLessThan(300);
    published = { document: created.body.id, version: pub.body.version };
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await tdb?.drop();
  });

  test('PROVISO_BILLING_CRON=off registers no cron job', () => {
    expect(t.app.get(SchedulerRegistry).doesExist('cron', BILLING_CRON_JOB)).toBe(false);
  });

  test.each([
    ['no key: 401', undefined, 401],
    ['a viewer key: 403', 'viewer', 403],
  ])('POST with %s', async (_name, who, status) => {
    const req = t.http.post('/api/billing-runs').send({ asOf: '2026-03-01' });
    if (who) req.set(...auth(viewer));
    expect((await req).status).toBe(status);
  });

  test.each([
    ['a date that does not exist', { asOf: '2026-02-30' }, 'body.asOf'],
    ['a date in the wrong format', { asOf: '01.03.2026' }, 'body.asOf'],
    ['a missing date', {}, 'body.asOf'],
    ['dryRun that is not a boolean', { asOf: '2026-03-01', dryRun: 'yes' }, 'body.dryRun'],
    ['an unknown field', { asOf: '2026-03-01', when: 'now' }, 'body'],
  ])('400 for %s, naming the field', async (_name, body, path) => {
    const res = await t.http.post('/api/billing-runs').set(...auth()).send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.details)).toContain(path);
  });

  test('404 for an unknown run id, on the run and its holds and errors', async () => {
    for (const suffix of ['', '/holds', '/errors']) {
      const res = await t.http.get(`/api/billing-runs/no-such-run${suffix}`).set(...auth(viewer));
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/no-such-run/);
    }
  });

  test('a run started by the API completes, records the policy versions and bills what the simulation showed', async () => {
    // what a run would do, asked before the run (afterwards everything counts as billed)
    const sim = await t.http.post('/api/simulate').set(...auth()).send({ asOf: '2026-03-01' });
    expect(sim.status).toBe(200);
    expect(sim.body.invoices.length).toBeGreaterThan(0);
    const started = await t.http.post('/api/billing-runs').set(...auth()).send({ asOf: '2026-03-01' });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ id: expect.any(String) });
    const run = await waitForRun(t.http, viewer, started.body.id);
    expect(run).toMatchObject({
      id: started.body.id,
      asOf: '2026-03-01',
      status: 'completed',
      dryRun: false,
      trigger: 'api',
      error: null,
      policyVersions: [{ document: published.document, name: 'review.policy', version: published.version, checksum: expect.any(String) }],
    });
    expect(run.progress.done).toBe(run.progress.total);
    expect(run.progress.total).toBe(BOOK.orderProducts.length); // every order product is looked at; drafts do not bill
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();
    const audit = await t.db.prisma.auditLog.findMany({ where: { action: 'run.start', subject: run.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorKeyId).not.toBeNull();
    expect(audit[0].detail).toMatchObject({ asOf: '2026-03-01', dryRun: false, trigger: 'api' });

    const simLines = (sim.body.invoices as any[]).flatMap((i) => i.lines.map((l: any) => `${i.accountId}|${l.orderProductId}|${l.periodStart}|${l.amount}`)).sort();
    const rows = await t.db.prisma.$queryRawUnsafe<{ k: string }[]>(
      `SELECT i.account_id || '|' || l.order_product_id || '|' || l.period_start::text || '|' || l.amount::text AS k
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.run_id = $1`,
      run.id,
    );
    const norm = (k: string) => k.replace(/\|(-?\d+)(\.\d*?)0*$/, (_m, a, b) => `|${Number(`${a}${b === '.' ? '' : b}`)}`);
    expect(rows.map((r) => norm(r.k)).sort()).toEqual(simLines.map(norm).sort());
    expect(run.counts.lines).toBe(simLines.length);
    expect(run.counts.invoices).toBe(sim.body.invoices.length);
    expect(run.counts.holds).toBe(sim.body.holds.length);
    expect(run.counts.errors).toBe(sim.body.errors.length);

    const holds = await t.http.get(`/api/billing-runs/${run.id}/holds`).set(...auth(viewer));
    expect(holds.status).toBe(200);
    expect(holds.body.items.map((h: any) => h.orderProductId)).toEqual(sim.body.holds.map((h: any) => h.orderProductId));
    const errors = await t.http.get(`/api/billing-runs/${run.id}/errors`).set(...auth(viewer));
    expect(errors.status).toBe(200);
    expect(errors.body.items).toHaveLength(sim.body.errors.length);

    // the simulation now agrees that nothing is left to bill
    const after = await t.http.post('/api/simulate').set(...auth()).send({ asOf: '2026-03-01' });
    expect(after.body.invoices).toEqual([]);
    // a second run for the same date bills nothing new
    const again = await t.http.post('/api/billing-runs').set(...auth()).send({ asOf: '2026-03-01' });
    const second = await waitForRun(t.http, viewer, again.body.id);
    expect(second).toMatchObject({ status: 'completed', counts: { lines: 0, invoices: 0 } });

    // newest first
    const list = await t.http.get('/api/billing-runs').set(...auth(viewer));
    expect(list.status).toBe(200);
    expect(list.body.items.slice(0, 2).map((r: any) => r.id)).toEqual([second.id, run.id]);
  });

  test('a dry run writes nothing billable: a real run afterwards bills the same lines', async () => {
    const asOf = '2026-05-01';
    const dry = await t.http.post('/api/billing-runs').set(...auth()).send({ asOf, dryRun: true });
    const d = await waitForRun(t.http, viewer, dry.body.id);
    expect(d).toMatchObject({ status: 'completed', dryRun: true });
    expect(d.counts.lines).toBeGreaterThan(0);
    const real = await t.http.post('/api/billing-runs').set(...auth()).send({ asOf });
    const r = await waitForRun(t.http, viewer, real.body.id);
    expect(r.counts.lines).toBe(d.counts.lines);
    const [n] = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoice_lines WHERE run_id = $1 AND dry_run = true`,
      d.id,
    );
    expect(n.n).toBe(d.counts.lines);
  });
});
