// The built service (dist/api/main.js) in a child process, on PGlite in a
// throwaway data directory, for tests that need worker threads (heavy work
// runs in-process under jest's TypeScript sources).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuiltService {
  readonly url: string;
  readonly auth: { authorization: string };
  stop(): Promise<void>;
}

export async function startBuiltService(env: NodeJS.ProcessEnv = {}): Promise<BuiltService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'proviso-built-'));
  const key = 'b'.repeat(32);
  const child = spawn(process.execPath, ['dist/api/main.js'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', PROVISO_DATA_DIR: dataDir, DATABASE_URL: '', PROVISO_ADMIN_KEY: key, PROVISO_SEED: '0', PROVISO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exit = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exit;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 90_000);
      child.stdout.on('data', () => {
        const m = /Proviso is running at (http:\/\/localhost:\d+)/.exec(out);
        if (m && out.includes('Stop with Ctrl-C.')) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exit.then(() => {
        clearTimeout(timer);
        reject(new Error(`service exited:\n${out}`));
      });
    });
    return { url, auth: { authorization: `Bearer ${key}` }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
