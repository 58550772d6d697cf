// First-start seed with several instances on one PostgreSQL database: the
// sample library is published once (v1, author "seed") and the demo book
// stored once; a later start seeds nothing.
import { readdirSync } from 'node:fs';
import { AuditService } from '../../../api/audit/audit.service.js';
import { BookRepository } from '../../../api/book/book.repository.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { PoliciesRepository } from '../../../api/policies/policies.repository.js';
import { PolicyLibraryService } from '../../../api/policies/policy-library.service.js';
import { SeedService } from '../../../api/seed/seed.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

function seeder(db: Database): SeedService {
  const policies = new PoliciesRepository(db.prisma);
  return new SeedService(db.prisma, policies, new PolicyLibraryService(policies, { configPath: 'rules/proviso.config.json' }), new BookRepository(db.prisma), new AuditService());
}

describe('seeding an empty database from three instances at once', () => {
  let tdb: TestDatabase;
  let dbs: Database[];
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    dbs = await Promise.all([0, 1, 2].map(() => openDatabase(tdb.options)));
    await dbs[0].migrate();
  });
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.close()));
    await tdb.drop();
  });

  test('the library and the demo book are stored exactly once', async () => {
    const results = await Promise.all(dbs.map((d) => seeder(d).seedIfEmpty()));
    const files = readdirSync('rules').filter((f) => f.endsWith('.policy'));
    const prisma = dbs[0].prisma;
    expect(await prisma.policyDocument.count()).toBe(files.length);
    const versions = await prisma.policyVersion.findMany();
    expect(versions.every((v) => v.version === 1 && v.author === 'seed' && v.message === 'Sample library')).toBe(true);
    expect(new Set(versions.map((v) => v.documentId)).size).toBe(versions.length);
    const published = results.flatMap((r) => r?.policies.published ?? []);
    // Every sample checks clean, so every sample is published, by exactly one instance.
    expect(versions).toHaveLength(files.length);
    expect(published.sort()).toEqual([...files].sort());
    const stored = results.map((r) => r?.book?.orderProducts ?? 0);
    expect(stored.filter((n) => n > 0)).toHaveLength(1);
    expect(await prisma.orderProduct.count()).toBe(Math.max(...stored));
    expect(await prisma.orderProduct.count()).toBeGreaterThanOrEqual(100);
  });

  test('a later start seeds nothing', async () => {
    expect(await seeder(dbs[1]).seedIfEmpty()).toBeNull();
  });
});
