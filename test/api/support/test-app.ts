// Builds the whole Nest app on a throwaway database (PostgreSQL or PGlite) for
// HTTP tests: `const t = await createTestApp(); await t.http.get('/api/health')`.
// `t.as(role)` returns headers for a fresh key with that role.
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ApiKeysService, generateKey } from '../../../api/auth/api-keys.service.js';
import type { Role } from '../../../api/auth/roles.js';
import type { Clock } from '../../../api/common/clock.js';
import { openDatabase, type Database } from '../../../api/persistence/prisma-client.factory.js';
import { SeedService } from '../../../api/seed/seed.service.js';
import type { AppOptions } from '../../../api/server/app-options.js';
import { createApp } from '../../../api/server/create-app.js';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './test-database.js';

export interface TestAppOptions {
  /** Default: PROVISO_TEST_DB or 'postgres'. */
  readonly kind?: TestDatabaseKind;
  /** Seed the sample policies and demo book (default false). */
  readonly seed?: boolean;
  /** Load the billing-runs module (default true). */
  readonly billingRuns?: boolean;
  readonly configPath?: string;
  /** The app's clock (AppOptions.now); default the system clock. */
  readonly now?: () => Date;
  /** The clock leases and webhook retries are timed by (AppOptions.clock); default the system clock. */
  readonly clock?: Clock;
  /** Check every JSON answer against its documented schema (AppOptions.onResponseMismatch). */
  readonly onResponseMismatch?: AppOptions['onResponseMismatch'];
  /** Four eyes on publishing (AppOptions.fourEyes); default off. */
  readonly fourEyes?: boolean;
}

export interface TestApp {
  readonly app: INestApplication;
  /** supertest bound to the app's HTTP server. */
  readonly http: ReturnType<typeof request>;
  readonly adminKey: string;
  readonly db: Database;
  readonly database: TestDatabase;
  /** `Authorization` header for the admin key. */
  readonly admin: { Authorization: string };
  /** Creates a key with the role (through the API) and returns its header. */
  as(role: Role): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const kind = options.kind ?? ((process.env.PROVISO_TEST_DB as TestDatabaseKind | undefined) || 'postgres');
  const database = await createTestDatabase(kind);
  const db = await openDatabase(database.options);
  let app: INestApplication | undefined;
  try {
    await db.migrate();
    app = await createApp(db, {
      logger: false,
      billingRuns: options.billingRuns,
      configPath: options.configPath,
      now: options.now,
      clock: options.clock,
      onResponseMismatch: options.onResponseMismatch,
      fourEyes: options.fourEyes ?? false,
    });
    const adminKey = generateKey();
    await app.get(ApiKeysService).ensureAdminKey(adminKey);
    if (options.seed) await app.get(SeedService).seedIfEmpty();
    const http = request(app.getHttpServer());
    const admin = { Authorization: `Bearer ${adminKey}` };
    const running = app;
    return {
      app: running,
      http,
      adminKey,
      db,
      database,
      admin,
      async as(role) {
        const res = await request(running.getHttpServer()).post('/api/keys').set(admin).send({ name: `test ${role}`, role });
        if (res.status !== 201) throw new Error(`cannot create a ${role} key: ${res.status} ${JSON.stringify(res.body)}`);
        return { Authorization: `Bearer ${res.body.key}` };
      },
      async close() {
        await running.close();
        await database.drop();
      },
    };
  } catch (e) {
    if (app) await app.close().catch(() => undefined);
    else await db.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw e;
  }
}
