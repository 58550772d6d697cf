// Idempotency keys (api/common/idempotency-key.ts) on PostgreSQL and PGlite,
// timed by a ManualClock: a key answers with its first result for the
// retention and is a new request after it; expired keys are deleted in
// bounded batches, oldest first, and a new key prunes some of them.
import { jest } from '@jest/globals';
import { ManualClock } from '../../../api/common/clock.js';
import { IdempotencyKeyReused, IdempotencyKeys, idempotencyKeysFrom, idempotencyRetentionHoursFrom, type IdempotentRequest } from '../../../api/common/idempotency-key.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const T0 = new Date('2026-12-03T06:00:00.000Z');

describe.each(DATABASE_KINDS)('idempotency key retention on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let n = 0;
  const request = (key: string, requestHash = 'body-a'): IdempotentRequest => ({ scope: 'K1', route: 'POST /test', key, requestHash });
  /** `once` in a transaction of its own; `made` counts the creations. */
  const made: string[] = [];
  const once = (keys: IdempotencyKeys, r: IdempotentRequest) =>
    db.prisma.$transaction((tx) =>
      keys.once(tx, r, async () => {
        const id = `R${++n}`;
        made.push(id);
        return id;
      }),
    );
  const keyCount = async () => (await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM idempotency_keys`))[0].n;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = await openDatabase(tdb.options);
    await db.migrate();
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(`DELETE FROM idempotency_keys`);
    made.length = 0;
  });

  test('a retry within the retention replays; at the retention the same key is a new request', async () => {
    const clock = new ManualClock(T0);
    const keys = new IdempotencyKeys(clock, 24);
    const first = await once(keys, request('k1'));
    expect(first.replayed).toBe(false);
    clock.advance(24 * HOUR - 1);
    expect(await once(keys, request('k1'))).toEqual({ id: first.id, replayed: true });
    // another body within the retention is refused, and creates nothing
    await expect(once(keys, request('k1', 'body-b'))).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(made).toEqual([first.id]);
    clock.advance(1);
    const later = await once(keys, request('k1'));
    expect(later.replayed).toBe(false);
    expect(later.id).not.toBe(first.id);
    // the renewed key has a retention of its own, from its new stamp
    clock.advance(24 * HOUR - 1);
    expect(await once(keys, request('k1'))).toEqual({ id: later.id, replayed: true });
    expect(made).toEqual([first.id, later.id]);
    expect(await keyCount()).toBe(1);
  });

  test('after the retention another body is a new request, not a 422', async () => {
    const clock = new ManualClock(T0);
    const keys = new IdempotencyKeys(clock, 1);
    await once(keys, request('k2', 'body-a'));
    clock.advance(HOUR);
    expect((await once(keys, request('k2', 'body-b'))).replayed).toBe(false);
    await expect(once(keys, request('k2', 'body-a'))).rejects.toBeInstanceOf(IdempotencyKeyReused);
  });

  test('the stamp is the clock\'s, not the database\'s', async () => {
    const clock = new ManualClock(new Date('2030-01-01T00:00:00.000Z'));
    await once(new IdempotencyKeys(clock), request('k3'));
    const [row] = await db.prisma.$queryRawUnsafe<{ createdAt: Date }[]>(`SELECT created_at AS "createdAt" FROM idempotency_keys WHERE key = 'k3'`);
    expect(row.createdAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  test('a creation that fails leaves no key behind', async () => {
    const keys = new IdempotencyKeys(new ManualClock(T0));
    await expect(
      db.prisma.$transaction((tx) =>
        keys.once(tx, request('k4'), async () => {
          throw new Error('refused');
        }),
      ),
    ).rejects.toThrow('refused');
    expect(await keyCount()).toBe(0);
  });

  test('prune deletes expired keys in bounded batches, oldest first, and keeps live ones', async () => {
    // 250 keys an hour apart, all older than the retention, plus one live key
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO idempotency_keys (scope, route, key, request_hash, resource_id, created_at)
       SELECT 'K1', 'POST /test', 'old-' || g, 'h', 'R', $1::timestamptz - make_interval(hours => 25 + g) FROM generate_series(1, 250) g`,
      T0,
    );
    const keys = new IdempotencyKeys(new ManualClock(T0), 24, 100);
    await once(keys, request('live')); // prunes a first batch of 100 itself
    expect(await keyCount()).toBe(151);
    // the oldest went first
    const oldest = await db.prisma.$queryRawUnsafe<{ key: string }[]>(`SELECT key FROM idempotency_keys WHERE key LIKE 'old-%' ORDER BY created_at LIMIT 1`);
    expect(oldest[0].key).toBe('old-150');
    expect(await keys.prune(db.prisma)).toBe(100);
    expect(await keys.prune(db.prisma)).toBe(50);
    expect(await keys.prune(db.prisma)).toBe(0);
    expect(await db.prisma.$queryRawUnsafe<{ key: string }[]>(`SELECT key FROM idempotency_keys`)).toEqual([{ key: 'live' }]);
  });
});

describe('retention setting', () => {
  test.each([
    ['unset', {}, 24],
    ['empty', { PROVISO_IDEMPOTENCY_RETENTION_HOURS: '' }, 24],
    ['a week', { PROVISO_IDEMPOTENCY_RETENTION_HOURS: '168' }, 168],
  ])('%s: %s hours', (_name, env, hours) => {
    expect(idempotencyRetentionHoursFrom(env)).toBe(hours);
    expect(idempotencyKeysFrom({}, env).retentionHours).toBe(hours);
  });

  test.each([['0'], ['1.5'], ['8761'], ['a day']])('%s is an error naming the variable', (raw) => {
    expect(() => idempotencyRetentionHoursFrom({ PROVISO_IDEMPOTENCY_RETENTION_HOURS: raw })).toThrow(/^PROVISO_IDEMPOTENCY_RETENTION_HOURS: .* must be a whole number of hours from 1 to 8760/);
  });

  test('the app option wins over the environment', () => {
    expect(idempotencyKeysFrom({ idempotencyRetentionHours: 2 }, { PROVISO_IDEMPOTENCY_RETENTION_HOURS: '168' }).retentionHours).toBe(2);
  });
});
