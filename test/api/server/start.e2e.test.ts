// `npm start` / `proviso serve` as a user meets them: the built service in a
// child process on a fresh PGlite data dir migrates, seeds, prints where to
// look and the admin key once; a restart keeps the data and prints no key.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

function start(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 90_000);
    const check = () => {
      const m = /Proviso is running at (http:\/\/localhost:\d+)/.exec(out);
      if (m && out.includes('Stop with Ctrl-C.')) {
        clearTimeout(timer);
        resolve({ child, output: () => out, url: m[1] });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${out}`));
    });
  });
}

async function stop(s: Started): Promise<void> {
  s.child.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

describe('starting the service', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'proviso-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('first start migrates, seeds, prints URLs and a generated admin key once; a restart keeps the data', async () => {
    const env = { PORT: '0', PROVISO_DATA_DIR: dataDir, DATABASE_URL: '', PROVISO_ADMIN_KEY: '' };
    const first = await start(['dist/api/main.js'], env);
    let key: string;
    try {
      const out = first.output();
      expect(out).toContain(`${first.url}/api/docs`);
      expect(out).toContain(`data in ${dataDir}`);
      expect(out).toMatch(/Seeded: +\d+ published sample policy files.*demo book with \d+ accounts and \d+ order products/);
      key = /Admin API key \(shown once, store it now\): (\S+)/.exec(out)![1];
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
      const policies = await fetch(`${first.url}/api/policies`, { headers: { Authorization: `Bearer ${key}` } });
      expect(policies.status).toBe(200);
      const list = ((await policies.json()) as { items: { name: string; publishedVersion: number | null }[] }).items;
      expect(list.length).toBeGreaterThan(0);
      expect(list.some((p) => p.publishedVersion === 1)).toBe(true);
      const versions = await fetch(`${first.url}/api/policies/${(list.find((p) => p.publishedVersion === 1) as unknown as { id: string }).id}/versions`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(await versions.json()).toEqual([expect.objectContaining({ version: 1, author: 'seed', message: 'Sample library' })]);
      const summary = (await (await fetch(`${first.url}/api/book/summary`, { headers: { Authorization: `Bearer ${key}` } })).json()) as { orderProducts: number };
      expect(summary.orderProducts).toBeGreaterThanOrEqual(100);
    } finally {
      await stop(first);
    }

    const second = await start(['bin/proviso.js', 'serve', '--port', '0'], env);
    try {
      const out = second.output();
      expect(out).not.toMatch(/Admin API key/);
      expect(out).not.toMatch(/Seeded:/);
      expect(out).not.toMatch(/Migrations: applied/);
      const me = await fetch(`${second.url}/api/me`, { headers: { Authorization: `Bearer ${key!}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ role: 'admin' });
    } finally {
      await stop(second);
    }
  }, 180_000);

  test('proviso serve rejects a bad --port with usage (exit 2)', async () => {
    const child = spawn(process.execPath, ['bin/proviso.js', 'serve', '--port', 'abc'], { cwd: root });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/--port must be a port number/);
    expect(err).toMatch(/usage: proviso serve/);
  });
});
