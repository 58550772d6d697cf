// `proviso serve [--port N] [--host H] [--config file]`: the service (API,
// editor, scheduled billing runs) on the configured database, until Ctrl-C.
import { resolve } from 'node:path';
import type { CliCommand } from '../cli-types.js';
import { UsageError } from '../cli-types.js';

const usage = `usage: proviso serve [--port N] [--host H] [--config proviso.config.json]

Starts the Proviso service: the HTTP API (OpenAPI at /api/docs), the editor and
the billing-run schedule. An empty database is migrated and seeded with the
sample policies and a demo order book.

options:
  --port N       port to listen on (default: $PORT or 3000)
  --host H       interface to bind (default: $HOST or 0.0.0.0)
  --config FILE  proviso.config.json (attributes, plugins)

environment:
  DATABASE_URL        postgres://... (default: embedded PGlite)
  PROVISO_DATA_DIR    PGlite data directory (default ./.proviso)
  PROVISO_ADMIN_KEY   the admin API key (default: generated and printed once)
  PROVISO_DB_POOL_SIZE  connections per instance on PostgreSQL (default 10)
`;

export interface ServeArgs {
  port?: number;
  host?: string;
  config?: string;
}

export function parseServeArgs(args: readonly string[]): ServeArgs {
  const out: ServeArgs = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) throw new UsageError(`--port must be a port number 0-65535, got '${v}'`);
        out.port = n;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--config':
        out.config = value();
        break;
      default:
        throw new UsageError(`unknown option '${a}'`);
    }
  }
  return out;
}

const command: CliCommand = {
  name: 'serve',
  summary: 'start the service (API, editor, scheduled billing runs)',
  usage,
  async run(args, io) {
    const opts = parseServeArgs(args);
    await import('reflect-metadata');
    const { startServer } = await import('../../server/start-server.js');
    // --config is relative to where the command runs.
    const configPath = opts.config === undefined ? undefined : resolve(io.cwd, opts.config);
    const server = await startServer({ port: opts.port, host: opts.host, configPath, print: (l) => io.out(l + '\n') });
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.err('proviso serve: shutting down\n');
        server.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};

export default command;
