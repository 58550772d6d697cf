// Three service instances on one PostgreSQL post the drafts of one run at
// the same time (single posts through all three, and two "post the whole
// run" requests racing them): every invoice is posted once, the numbers are
// exactly 1..N of the series with no gap and no duplicate, one audit row each.
import { insertBookRows } from '../../../api/billing-runs/book-bulk-insert.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import { openDatabase } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startRunApp, waitForRun, type RunApp } from './support/run-app.js';

const BOOK = generateDemoBook({ orderProducts: 300, seed: 5 });

describe('three instances posting at once on one PostgreSQL', () => {
  let tdb: TestDatabase;
  let apps: RunApp[];

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    const seed = await openDatabase(tdb.options);
    await seed.migrate();
    await insertBookRows(seed.prisma, BOOK);
    await seed.close();
    apps = [];
    for (let i = 0; i < 3; i++) apps.push(await startRunApp(tdb.options, { PROVISO_INVOICE_PREFIX: 'T-{yyyy}-' }));
  }, 120_000);
  afterAll(async () => {
    for (const a of apps ?? []) await a.close();
    await tdb?.drop();
  });

  test('numbers 1..N, no gap, no duplicate, each invoice posted once', async () => {
    const [a, b, c] = apps;
    const auth = (x: RunApp) => ['Authorization', `Bearer ${x.adminKey}`] as [string, string];
    const started = await a.http.post('/api/billing-runs').set(...auth(a)).send({ asOf: '2026-06-01', post: false });
    expect(started.status).toBe(202);
    const run = await waitForRun(a.http, a.adminKey, started.body.id, 90_000);
    expect(run.status).toBe('completed');
    const ids = (await a.db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM invoices WHERE run_id = $1 ORDER BY id`, run.id)).map((r) => r.id);
    const n = ids.length;
    expect(n).toBeGreaterThan(30);

    // single posts spread over the three instances, several in flight on each, plus two whole-run posts racing them
    const singles = ids.map((id, i) => async () => {
      const inst = apps[i % 3];
      const res = await inst.http.post(`/api/invoices/${id}/post`).set(...auth(inst));
      // a whole-run post may have taken it first: then it is a 409 naming the status
      if (res.status === 409) expect(res.body.message).toMatch(/is posted: only a draft can be posted/);
      else expect(res.status).toBe(200);
      return res.status === 200 ? [res.body.number as string] : [];
    });
    const lanes = 4;
    const lane = async (k: number) => {
      const got: string[] = [];
      for (let i = k; i < singles.length; i += lanes) got.push(...(await singles[i]()));
      return got;
    };
    const wholeRun = (inst: RunApp) => async () => {
      const res = await inst.http.post(`/api/billing-runs/${run.id}/post`).set(...auth(inst));
      expect(res.status).toBe(200);
      return (res.body.posted as { number: string }[]).map((p) => p.number);
    };
    const results = await Promise.all([
      ...Array.from({ length: lanes }, (_, k) => lane(k)),
      (async () => {
        await new Promise((r) => setTimeout(r, 50));
        return wholeRun(b)();
      })(),
      (async () => {
        await new Promise((r) => setTimeout(r, 80));
        return wholeRun(c)();
      })(),
    ]);
    const handedOut = results.flat();
    expect(handedOut).toHaveLength(n);
    expect(new Set(handedOut).size).toBe(n);

    const rows = await a.db.prisma.$queryRawUnsafe<{ status: string; seq: number; number: string }[]>(
      `SELECT status, seq, number FROM invoices WHERE run_id = $1 ORDER BY seq`,
      run.id,
    );
    expect(rows.every((r) => r.status === 'posted')).toBe(true);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(rows.map((r) => r.number).sort()).toEqual([...handedOut].sort());
    expect(rows.every((r) => r.number === `T-2026-${r.seq}`)).toBe(true);
    const [series] = await a.db.prisma.$queryRawUnsafe<{ last: number }[]>(`SELECT last_value AS last FROM number_series WHERE prefix = 'T-2026-'`);
    expect(series.last).toBe(n);
    const [audit] = await a.db.prisma.$queryRawUnsafe<{ n: number; distinct: number }[]>(
      `SELECT count(*)::int AS n, count(DISTINCT subject)::int AS distinct FROM audit_log WHERE action = 'invoice.post'`,
    );
    expect(audit).toEqual({ n, distinct: n });
  }, 180_000);
});
