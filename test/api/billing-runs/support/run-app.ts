// An app instance on a throwaway (or shared) database for billing-run tests:
// the real Nest app (routes, guard, worker, cron) with an admin key and a viewer key.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ApiKeysService } from '../../../../api/auth/api-keys.service.js';
import type { Clock } from '../../../../api/common/clock.js';
import { openDatabase, type Database, type DatabaseOptions } from '../../../../api/persistence/prisma-client.factory.js';
import { createApp } from '../../../../api/server/create-app.js';

export interface RunApp {
  readonly app: INestApplication;
  readonly db: Database;
  readonly http: ReturnType<typeof request>;
  readonly adminKey: string;
  viewerKey(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Env the billing-run module reads at start (restored after the app is built);
 * `clock` times the instance's leases (default the system clock).
 */
export async function startRunApp(options: DatabaseOptions, env: Record<string, string> = {}, clock?: Clock): Promise<RunApp> {
  const saved: Record<string, string | undefined> = {};
  const settings = { PROVISO_BILLING_CRON: 'off', PROVISO_WORKER_POLL_MS: '100', ...env };
  for (const [k, v] of Object.entries(settings)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const db = await openDatabase(options);
  let app: INestApplication;
  try {
    await db.migrate();
    app = await createApp(db, { logger: process.env.PROVISO_TEST_LOG ? ['log', 'warn', 'error'] : false, clock });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const adminKey = `pvk_test_${randomBytes(12).toString('hex')}`;
  await app.get(ApiKeysService).ensureAdminKey(adminKey);
  const http = request(app.getHttpServer());
  return {
    app,
    db,
    http,
    adminKey,
    async viewerKey() {
      const res = await http.post('/api/keys').set('Authorization', `Bearer ${adminKey}`).send({ name: `viewer-${randomBytes(3).toString('hex')}`, role: 'viewer' });
      if (res.status !== 201 && res.status !== 200) throw new Error(`cannot create a viewer key: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.key as string;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Polls until the run is completed or failed. */
export async function waitForRun(http: RunApp['http'], key: string, id: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(`/api/billing-runs/${id}`).set('Authorization', `Bearer ${key}`);
    if (res.status !== 200) throw new Error(`GET run ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`run ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
