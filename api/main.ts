// `node dist/api/main.js`: the Proviso service (API + editor). Configuration
// comes from the environment: PORT, DATABASE_URL, PROVISO_DATA_DIR,
// PROVISO_ADMIN_KEY, PROVISO_CONFIG, PROVISO_DB_POOL_SIZE, PROVISO_SEED=0.
import 'reflect-metadata';
import { startServer } from './server/start-server.js';

try {
  await startServer();
} catch (e) {
  process.stderr.write(`proviso: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.PROVISO_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exit(1);
}
