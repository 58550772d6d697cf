// `npm start` / `proviso serve`: open and migrate the database, build the app,
// make sure an admin key exists, seed an empty database, listen, say where.
import type { INestApplication } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { openDatabase, databaseOptionsFromEnv, type Database } from '../persistence/prisma-client.factory.js';
import { assertProjectLoaded } from '../config/load-project.js';
import { loadProjectContext } from '../policies/project-config.js';
import { SeedService } from '../seed/seed.service.js';
import { readEnv } from '../config/env.js';
import { createApp } from './create-app.js';
import { createLogger } from './request-logging.js';

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly configPath?: string;
  /** Where to print the start banner (default stdout). */
  readonly print?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  readonly app: INestApplication;
  readonly db: Database;
  readonly url: string;
  close(): Promise<void>;
}

export function portFrom(env: NodeJS.ProcessEnv, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  if (!env.PORT) return 3000;
  const p = Number(env.PORT);
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`PORT must be a port number 0-65535, got '${env.PORT}'`);
  return p;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  // Every variable checked once, before anything starts (api/config/env.ts).
  const config = readEnv(env);
  const print = options.print ?? ((l: string) => process.stdout.write(l + '\n'));
  const port = portFrom(env, options.port);
  if (env.PROVISO_ADMIN_KEY && !/^\S{16,200}$/.test(env.PROVISO_ADMIN_KEY)) {
    throw new Error('PROVISO_ADMIN_KEY must be 16 to 200 characters without spaces');
  }
  // A config or plugin that fails to load stops the start, before the database is touched.
  assertProjectLoaded(await loadProjectContext({ ...(options.configPath ? { configPath: options.configPath } : {}) }));
  const db = await openDatabase(databaseOptionsFromEnv(env));
  let app: INestApplication | undefined;
  try {
    const migrated = await db.migrate();
    app = await createApp(db, {
      configPath: options.configPath,
      logger: createLogger({ level: config.PROVISO_LOG_LEVEL, format: config.PROVISO_LOG_FORMAT }),
      webhooks: { pollMs: config.PROVISO_WEBHOOK_POLL_MS, timeoutMs: config.PROVISO_WEBHOOK_TIMEOUT_MS },
      idempotencyRetentionHours: config.PROVISO_IDEMPOTENCY_RETENTION_HOURS,
    });
    app.enableShutdownHooks();
    const { generated, warning: keyWarning } = await app.get(ApiKeysService).ensureAdminKey(env.PROVISO_ADMIN_KEY || undefined);
    const seeded = env.PROVISO_SEED === '0' ? null : await app.get(SeedService).seedIfEmpty();
    await app.listen(port, options.host ?? env.HOST ?? '0.0.0.0');
    const address = app.getHttpServer().address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://localhost:${actualPort}`;
    print('');
    print(`Proviso is running at ${url}`);
    print(`  API docs:   ${url}/api/docs`);
    print(`  Editor:     ${url}/`);
    print(`  Health:     ${url}/api/health`);
    print(`  Database:   ${db.kind === 'pglite' ? `embedded PGlite, data in ${db.location}` : `PostgreSQL ${db.location}`}`);
    if (migrated.applied.length > 0) print(`  Migrations: applied ${migrated.applied.join(', ')}`);
    if (seeded) {
      const b = seeded.book;
      print(
        `  Seeded:     ${seeded.policies.published.length} published sample policy files` +
          (seeded.policies.drafts.length ? ` (${seeded.policies.drafts.length} kept as drafts)` : '') +
          (b ? `, demo book with ${b.accounts} accounts and ${b.orderProducts} order products` : ''),
      );
    }
    if (generated) {
      print('');
      print(`  Admin API key (shown once, store it now): ${generated}`);
      print('  Use it as: Authorization: Bearer <key>. Set PROVISO_ADMIN_KEY to choose your own.');
    } else if (keyWarning) {
      print(`  Warning:    ${keyWarning}`);
    } else if (env.PROVISO_ADMIN_KEY) {
      print('  Admin key:  from PROVISO_ADMIN_KEY');
    }
    print('');
    print('Stop with Ctrl-C.');
    const running = app;
    return {
      app: running,
      db,
      url,
      close: async () => {
        await running.close();
      },
    };
  } catch (e) {
    if (app) await app.close().catch(() => undefined);
    else await db.close().catch(() => undefined);
    throw e;
  }
}
