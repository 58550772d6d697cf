// One schema for every environment variable: bad values are refused at
// start-up with the variable's name and what it accepts.
import { EnvError, readEnv } from '../../../api/config/env.js';

test('an empty environment is valid (every variable has a default)', () => {
  expect(readEnv({})).toEqual({});
});

test('values are typed once read', () => {
  expect(readEnv({ PORT: '8080', PROVISO_DB_POOL_SIZE: '4', PROVISO_LOG_LEVEL: 'debug', PROVISO_WEBHOOK_POLL_MS: '0' })).toMatchObject({
    PORT: 8080,
    PROVISO_DB_POOL_SIZE: 4,
    PROVISO_LOG_LEVEL: 'debug',
    PROVISO_WEBHOOK_POLL_MS: 0,
  });
});

test.each([
  ['port above 65535', { PORT: '70000' }, /PORT: "70000" must be a whole number from 0 to 65535/],
  ['port not a number', { PORT: 'http' }, /PORT: "http" must be a whole number/],
  ['a mysql URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL: "mysql:\/\/x" must be a postgres:\/\/ or postgresql:\/\/ URL/],
  ['an unknown log level', { PROVISO_LOG_LEVEL: 'loud' }, /PROVISO_LOG_LEVEL: "loud" must be one of error, warn, log, debug, verbose/],
  ['a short admin key', { PROVISO_ADMIN_KEY: 'short' }, /PROVISO_ADMIN_KEY: "short" must be 16 to 200 characters/],
  ['a pool of 0', { PROVISO_DB_POOL_SIZE: '0' }, /PROVISO_DB_POOL_SIZE: "0" must be a whole number from 1 to 1000/],
  ['a body limit without a unit that makes sense', { PROVISO_BODY_LIMIT: 'lots' }, /PROVISO_BODY_LIMIT: "lots" must be a size/],
  ['a bad billing cron (checked by the billing-run rules)', { PROVISO_BILLING_CRON: 'every day' }, /PROVISO_BILLING_CRON: 'every day' is not a cron expression/],
  ['an idempotency retention of 0 hours', { PROVISO_IDEMPOTENCY_RETENTION_HOURS: '0' }, /PROVISO_IDEMPOTENCY_RETENTION_HOURS: "0" must be a whole number from 1 to 8760/],
  ['a webhook timeout below 100 ms', { PROVISO_WEBHOOK_TIMEOUT_MS: '5' }, /PROVISO_WEBHOOK_TIMEOUT_MS: "5" must be a whole number from 100/],
])('%s', (_name, env, message) => {
  expect(() => readEnv(env)).toThrow(EnvError);
  expect(() => readEnv(env)).toThrow(message);
});

test('every bad variable is named, not only the first', () => {
  expect(() => readEnv({ PORT: 'x', PROVISO_SEED: 'yes' })).toThrow(/PORT: .*; PROVISO_SEED: "yes" must be 0/);
});
