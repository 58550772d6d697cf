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

  test('four instances storing the same PROVISO_ADMIN_KEY at once store it once, with one audit row', async () => {
    const key = generateKey();
    await Promise.all(dbs.map((d) => service(d).ensureAdminKey(key)));
    expect(await dbs[0].prisma.apiKey.count({ where: { keyHash: hashKey(key) } })).toBe(1);
    expect(await dbs[0].prisma.auditLog.count({ where: { action: 'key.admin-ensure' } })).toBe(1);
    expect((await service(dbs[0]).authenticate(key))?.role).toBe('admin');
  });

  test('a revoked PROVISO_ADMIN_KEY stays revoked at the next start, which warns and writes nothing', async () => {
    const key = generateKey();
    await service(dbs[0]).ensureAdminKey(key);
    const other = await service(dbs[0]).create(undefined, 'second admin', 'admin');
    const envRow = await dbs[0].prisma.apiKey.findUniqueOrThrow({ where: { keyHash: hashKey(key) } });
    await service(dbs[0]).revoke({ id: other.id, name: other.name, role: 'admin' }, envRow.id);
    const auditBefore = await dbs[0].prisma.auditLog.count();
    const restarted = await service(dbs[1]).ensureAdminKey(key);
    expect(restarted.generated).toBeNull();
    expect(restarted.warning).toMatch(/revoked; it stays revoked/);
    expect(await service(dbs[1]).authenticate(key)).toBeNull();
    expect(await dbs[0].prisma.auditLog.count()).toBe(auditBefore);
  });

  test('sixteen concurrent revocations of one key write exactly one audit row', async () => {
    const keep = await service(dbs[0]).create(undefined, 'admin that stays', 'admin');
    const target = await service(dbs[0]).create(undefined, 'to revoke', 'author');
    const actor = { id: keep.id, name: keep.name, role: 'admin' as const };
    const views = await Promise.all(Array.from({ length: 16 }, (_, i) => service(dbs[i % 4]).revoke(actor, target.id)));
    expect(new Set(views.map((v) => v.revokedAt)).size).toBe(1);
    expect(await dbs[0].prisma.auditLog.count({ where: { action: 'key.revoke', subject: target.id } })).toBe(1);
  });

  test('two admins revoked concurrently by each other cannot leave no admin', async () => {
    const a = await service(dbs[0]).create(undefined, 'admin a', 'admin');
    const b = await service(dbs[0]).create(undefined, 'admin b', 'admin');
    const results = await Promise.allSettled([
      service(dbs[1]).revoke({ id: b.id, name: b.name, role: 'admin' }, a.id),
      service(dbs[2]).revoke({ id: a.id, name: a.name, role: 'admin' }, b.id),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await dbs[0].prisma.apiKey.count({ where: { role: 'admin', revokedAt: null } })).toBe(1);
  });
});
