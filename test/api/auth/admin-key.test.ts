// The admin key at start: PROVISO_ADMIN_KEY is upserted race-safely; without
// it exactly one key is generated however many instances start at once.
import { ApiKeysService, generateKey, hashKey } from '../../../api/auth/api-keys.service.js';
import { ApiKeysRepository } from '../../../api/auth/api-keys.repository.js';
import { AuditService } from '../../../api/audit/audit.service.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

function service(db: Database): ApiKeysService {
  return new ApiKeysService(db.prisma, new ApiKeysRepository(db.prisma), new AuditService());
}

describe('admin key at start (PostgreSQL, several instances)', () => {
  let tdb: TestDatabase;
  let dbs: Database[];
  beforeEach(async () => {
    tdb = await createTestDatabase('postgres');
    dbs = await Promise.all([0, 1, 2, 3].map(() => openDatabase(tdb.options)));
    await dbs[0].migrate();
  });
  afterEach(async () => {
    await Promise.all(dbs.map((d) => d.close()));
    await tdb.drop();
  });

  test('four instances starting without PROVISO_ADMIN_KEY generate exactly one admin key', async () => {
    const results = await Promise.all(dbs.map((d) => service(d).ensureAdminKey()));
    const generated = results.map((r) => r.generated).filter((k): k is string => k !== null);
    expect(generated).toHaveLength(1);
    const admins = await dbs[0].prisma.apiKey.findMany({ where: { role: 'admin' } });
    expect(admins).toHaveLength(1);
    expect(admins[0].keyHash).toBe(hashKey(generated[0]));
    expect(admins[0].keyHash).not.toBe(generated[0]);
    expect((await service(dbs[1]).authenticate(generated[0]))?.role).toBe('admin');
    // A later start prints nothing new.
    expect((await service(dbs[2]).ensureAdminKey()).generated).toBeNull();
  });

  test('four instances upserting the same PROVISO_ADMIN_KEY at once store it once; a revoked one is re-activated', async () => {
    const key = generateKey();
    await Promise.all(dbs.map((d) => service(d).ensureAdminKey(key)));
    expect(await dbs[0].prisma.apiKey.count({ where: { keyHash: hashKey(key) } })).toBe(1);
    await dbs[0].prisma.apiKey.updateMany({ data: { revokedAt: new Date() } });
    expect(await service(dbs[0]).authenticate(key)).toBeNull();
    await service(dbs[3]).ensureAdminKey(key);
    expect((await service(dbs[0]).authenticate(key))?.role).toBe('admin');
  });
});
