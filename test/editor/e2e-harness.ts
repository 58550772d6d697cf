// Starts the real service (node dist/api/main.js) on an embedded PGlite
// database in a temp directory, and Debian's Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'editor');
export const CHROMIUM = '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds dist/ when the suite runs without the global setup's fresh build. */
export function ensureBuilt(): void {
  const fresh = process.env.PROVISO_DIST_FRESH === '1';
  if (fresh && existsSync(join(ROOT, 'dist', 'editor', 'index.html'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

export interface Service {
  readonly url: string;
  readonly adminKey: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts the service with a declared `account.region` attribute; resolves when /api/health answers. */
export async function startService(config: unknown): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'proviso-editor-e2e-'));
  mkdirSync(join(dataDir, 'db'), { recursive: true });
  // Serve a snapshot of the built editor, so a rebuild of dist/ meanwhile cannot change the page under test.
  const editorDir = join(dataDir, 'editor');
  cpSync(join(ROOT, 'dist', 'editor'), editorDir, { recursive: true });
  const configPath = join(dataDir, 'proviso.config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const port = await freePort();
  const adminKey = `e2e-admin-${process.pid}-${port}`;
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'api', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      PROVISO_DATA_DIR: join(dataDir, 'db'),
      PROVISO_ADMIN_KEY: adminKey,
      PROVISO_BILLING_CRON: 'off',
      PROVISO_CONFIG: configPath,
      PROVISO_EDITOR_DIR: editorDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not become healthy in 90 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    adminKey,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'proviso-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}\n${e.stack ?? ''}`));
  // A rejected promise whose reason is a DOM Event says only "Event"; name its type and target.
  await page.addInitScript(() => {
    window.addEventListener('unhandledrejection', (e) => {
      const r = e.reason as { type?: string; target?: { constructor?: { name?: string } } } | undefined;
      if (r && typeof r === 'object' && 'type' in r) console.error(`unhandled rejection: ${r.type} event on ${r.target?.constructor?.name}`);
    });
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Retries an assertion until it passes or the time is up (then rethrows its last failure). */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Calls the service's API as a key (default: the admin key); throws with the status and body when it fails. */
export function serviceApi(service: Service, key = service.adminKey) {
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Signs the page in with a key on a fresh load of the service (the key lives in the tab's sessionStorage; an earlier one is forgotten). */
export async function signIn(page: Page, service: Service, key = service.adminKey): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${service.url}/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('about:blank');
  await page.goto(`${service.url}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header.topbar').waitFor();
}

/** A full page load on a route of the signed-in tab (only the key in sessionStorage survives). */
export async function openRoute(page: Page, service: Service, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${service.url}/${hash}`);
  await page.locator('header.topbar').waitFor();
}
