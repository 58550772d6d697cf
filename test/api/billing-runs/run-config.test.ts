import { BillingRunConfigError, DEFAULT_BILLING_CRON, dailyScheduleKey, readBillingRunConfig, todayInZone } from '../../../api/billing-runs/run-config.js';

describe('readBillingRunConfig', () => {
  test('defaults: daily 02:00 in UTC, 60 s leases', () => {
    const c = readBillingRunConfig({});
    expect(c).toMatchObject({ cron: DEFAULT_BILLING_CRON, timeZone: 'UTC', leaseSeconds: 60, workerEnabled: true });
    expect(DEFAULT_BILLING_CRON).toBe('0 2 * * *');
  });

  test.each([
    ['postgres', {}, 2000],
    ['pglite', {}, 100],
    ['pglite', { PROVISO_RUN_CHUNK_SIZE: '500' }, 500],
  ] as const)('chunk size on %s with %j is %i', (kind, env, size) => {
    expect(readBillingRunConfig(env, kind).chunkSize).toBe(size);
  });

  test('one chunk at a time on PGlite (one connection), two on PostgreSQL', () => {
    expect(readBillingRunConfig({}, 'pglite').concurrency).toBe(1);
    expect(readBillingRunConfig({}, 'postgres').concurrency).toBe(2);
  });

  test('heap growth: 50% past the live heap by default, 0 keeps V8\'s own, out of range rejected', () => {
    expect(readBillingRunConfig({}).heapGrowthPercent).toBe(50);
    expect(readBillingRunConfig({ PROVISO_RUN_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(() => readBillingRunConfig({ PROVISO_RUN_HEAP_GROWTH_PERCENT: '301' })).toThrow(
      /PROVISO_RUN_HEAP_GROWTH_PERCENT: '301' must be a whole number from 0 to 300/,
    );
  });

  test.each([
    ['off disables the schedule', { PROVISO_BILLING_CRON: 'off' }, { cron: null }],
    ['OFF in capitals also disables', { PROVISO_BILLING_CRON: 'OFF' }, { cron: null }],
    ['a custom expression is kept', { PROVISO_BILLING_CRON: '30 5 * * 1-5' }, { cron: '30 5 * * 1-5' }],
    ['a zone is kept', { PROVISO_TIMEZONE: 'Europe/Berlin' }, { timeZone: 'Europe/Berlin' }],
    ['lease of 1 second (lowest)', { PROVISO_LEASE_SECONDS: '1' }, { leaseSeconds: 1 }],
    ['worker off', { PROVISO_WORKER: 'off' }, { workerEnabled: false }],
  ])('%s', (_name, env, expected) => {
    expect(readBillingRunConfig(env)).toMatchObject(expected);
  });

  test.each([
    ['a cron with too few fields', { PROVISO_BILLING_CRON: '0 2 *' }, /PROVISO_BILLING_CRON/],
    ['an unknown zone', { PROVISO_TIMEZONE: 'Mars/Olympus' }, /PROVISO_TIMEZONE: 'Mars\/Olympus'/],
    ['a lease of 0 seconds', { PROVISO_LEASE_SECONDS: '0' }, /PROVISO_LEASE_SECONDS: '0' must be a whole number from 1/],
    ['a fractional lease', { PROVISO_LEASE_SECONDS: '1.5' }, /PROVISO_LEASE_SECONDS/],
    ['a chunk size that is not a number', { PROVISO_RUN_CHUNK_SIZE: 'big' }, /PROVISO_RUN_CHUNK_SIZE: 'big'/],
  ])('rejects %s with the variable name', (_name, env, message) => {
    expect(() => readBillingRunConfig(env)).toThrow(BillingRunConfigError);
    expect(() => readBillingRunConfig(env)).toThrow(message);
  });
});

describe('todayInZone', () => {
  test.each([
    ['UTC late evening stays on the UTC date', '2026-03-01T23:30:00Z', 'UTC', '2026-03-01'],
    ['Berlin is already the next day', '2026-03-01T23:30:00Z', 'Europe/Berlin', '2026-03-02'],
    ['Los Angeles is still the previous day', '2026-03-02T03:00:00Z', 'America/Los_Angeles', '2026-03-01'],
    ['leap day in Auckland', '2028-02-28T12:00:00Z', 'Pacific/Auckland', '2028-02-29'],
  ])('%s', (_name, iso, zone, expected) => {
    expect(todayInZone(new Date(iso), zone)).toBe(expected);
  });

  test('schedule key names the date', () => {
    expect(dailyScheduleKey('2026-03-02')).toBe('daily:2026-03-02');
  });
});
