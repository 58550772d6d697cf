// A revoked PROVISO_ADMIN_KEY stays revoked across a restart of the service
// (startServer, as `npm start` runs it): the key gets 401, the start banner
// warns, and the revocation has exactly one audit row.
import request from 'supertest';
import { generateKey } from '../../../api/auth/api-keys.service.js';
import { startServer, type RunningServer } from '../../../api/server/start-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('revoked PROVISO_ADMIN_KEY after a restart (PostgreSQL)', () => {
  let tdb: TestDatabase;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await server?.close();
    await tdb.drop();
  });

  test('gets 401 and the start warns', async () => {
    const envKey = generateKey();
    const env = { DATABASE_URL: tdb.url, PROVISO_ADMIN_KEY: envKey, PROVISO_SEED: '0', PROVISO_BILLING_CRON: 'off', PROVISO_WORKER: 'off' };
    const lines: string[] = [];
    server = await startServer({ port: 0, host: '127.0.0.1', env, print: (l) => lines.push(l) });
    const asEnv = { Authorization: `Bearer ${envKey}` };
    const second = await request(server.url).post('/api/keys').set(asEnv).send({ name: 'ops admin', role: 'admin' }).expect(201);
    const keys = await request(server.url).get('/api/keys').set(asEnv).expect(200);
    const envRow = (keys.body.items as { id: string; name: string }[]).find((k) => k.name === 'admin (PROVISO_ADMIN_KEY)')!;
    await request(server.url).delete(`/api/keys/${envRow.id}`).set({ Authorization: `Bearer ${second.body.key}` }).expect(200);
    await server.close();
    server = undefined;

    lines.length = 0;
    server = await startServer({ port: 0, host: '127.0.0.1', env, print: (l) => lines.push(l) });
    const res = await request(server.url).get('/api/me').set(asEnv);
    expect(res.status).toBe(401);
    expect(lines.join('\n')).toMatch(/Warning: +PROVISO_ADMIN_KEY names a key that was revoked/);
    await request(server.url).get('/api/me').set({ Authorization: `Bearer ${second.body.key}` }).expect(200);
    const audit = await server.db.prisma.auditLog.count({ where: { action: 'key.revoke', subject: envRow.id } });
    expect(audit).toBe(1);
  });
});
