// Health and readiness report the database state as a word, never the
// database's error text (it names hosts, users and databases).
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('health and readiness on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind: 'postgres', billingRuns: false });
  }, 60_000);
  afterAll(async () => t?.close());

  test('ready while every migration of this build is applied; not ready once one is missing', async () => {
    expect((await t.http.get('/api/health/ready')).body).toEqual({ status: 'ready', database: { kind: 'postgres', state: 'up' } });
    await t.db.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '%_webhooks'`);
    const res = await t.http.get('/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not-ready', database: { kind: 'postgres', state: 'migrations-pending' } });
  });

  test('a database that went away is "down" (503) and its error text is not shown', async () => {
    const name = new URL(t.database.url!).pathname.slice(1);
    await t.database.drop();
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: { kind: 'postgres', state: 'down' } });
    expect(JSON.stringify(res.body)).not.toContain(name);
    const ready = await t.http.get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.database.state).toBe('down');
  });
});
