// The service as an operator meets it (built, in a child process): JSON log
// lines carrying the request id; compressed answers when the client accepts
// them; hashed editor assets cached as immutable; a bad variable stops the
// start naming it; health and readiness without a key.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';

const root = process.cwd();

function run(env: NodeJS.ProcessEnv): { child: ChildProcess; out: () => string; err: () => string; url: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['dist/api/main.js'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}\n${err}`)), 90_000);
    child.stdout!.on('data', () => {
      const m = /Proviso is running at (http:\/\/localhost:\d+)/.exec(out);
      if (m && out.includes('Stop with Ctrl-C.')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`service exited:\n${out}\n${err}`));
    });
  });
  return { child, out: () => out, err: () => err, url, exit };
}

/** A raw GET (fetch would decompress and hide the encoding). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    })
      .on('error', reject)
      .end();
  });
}

describe('an operable service', () => {
  let dataDir: string;
  let editorDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'proviso-operable-'));
    editorDir = mkdtempSync(join(tmpdir(), 'proviso-editor-'));
    mkdirSync(join(editorDir, 'assets'));
    writeFileSync(join(editorDir, 'index.html'), '<!doctype html><title>Proviso</title>' + '<!-- padding -->'.repeat(200));
    writeFileSync(join(editorDir, 'assets', 'index-Bx7fK2aQ.js'), 'export const x = 1;\n'.repeat(500));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(editorDir, { recursive: true, force: true });
  });

  test('logs JSON with the request id, compresses, caches hashed assets, answers health and readiness', async () => {
    const s = run({ PORT: '0', PROVISO_DATA_DIR: dataDir, DATABASE_URL: '', PROVISO_ADMIN_KEY: 'k'.repeat(32), PROVISO_LOG_LEVEL: 'log', PROVISO_EDITOR_DIR: editorDir, PROVISO_SEED: '0' });
    try {
      const url = await s.url;
      const health = await fetch(`${url}/api/health`, { headers: { 'x-request-id': 'req-4711' } });
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toBe('req-4711');
      expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'pglite', state: 'up' } });
      const ready = await fetch(`${url}/api/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: { kind: 'pglite', state: 'up' } });

      const auth = { authorization: `Bearer ${'k'.repeat(32)}` };
      const gz = await rawGet(`${url}/api/vocabulary`, { ...auth, 'accept-encoding': 'gzip' });
      const plain = await rawGet(`${url}/api/vocabulary`, { ...auth, 'accept-encoding': 'identity' });
      expect(gz.status).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gz.bytes).toBeLessThan(plain.bytes / 3);

      const asset = await rawGet(`${url}/assets/index-Bx7fK2aQ.js`, { 'accept-encoding': 'gzip' });
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-encoding']).toBe('gzip');
      const index = await rawGet(`${url}/`, {});
      expect(index.headers['cache-control']).toBe('no-cache');

      await new Promise((r) => setTimeout(r, 200));
      const lines = s.out().split('\n').filter((l) => l.startsWith('{'));
      expect(lines.length).toBeGreaterThan(0);
      const parsed = lines.map((l) => JSON.parse(l) as { level: string; message: string; requestId?: string; status?: number });
      expect(parsed).toContainEqual(expect.objectContaining({ level: 'log', message: 'GET /api/health 200', requestId: 'req-4711', status: 200 }));
      // every line logged while serving a request carries its id
      expect(parsed.filter((p) => p.message?.startsWith?.('GET ')).every((p) => typeof p.requestId === 'string')).toBe(true);
    } finally {
      s.child.kill('SIGTERM');
      await s.exit;
    }
  }, 120_000);

  test('a bad variable stops the start with its name, and no stack trace', async () => {
    const s = run({ PORT: '0', PROVISO_DATA_DIR: dataDir, DATABASE_URL: '', PROVISO_LOG_LEVEL: 'loud' });
    expect(await s.exit).toBe(1);
    expect(s.err()).toContain('PROVISO_LOG_LEVEL: "loud" must be one of error, warn, log, debug, verbose');
    expect(s.err()).not.toMatch(/\n\s+at /);
    await s.url.catch(() => undefined);
  }, 60_000);
});
