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
  /** Stops the service and starts it again on the same data and port, with `env` in place of the extra environment it had (a restart with another setting). */
  restart(env?: Readonly<Record<string, string>>): Promise<void>;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Extra environment for the service process only (e.g. `PROVISO_FOUR_EYES: '1'`); this test process's env is left alone. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts the service with `config` as its proviso.config.json (and `options.env` for its process only); resolves when /api/health answers. */
export async function startService(config: unknown, options: ServiceOptions = {}): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'proviso-editor-e2e-'));
  mkdirSync(join(dataDir, 'db'), { recursive: true });
  // Serve a snapshot of the built editor, so a rebuild of dist/ meanwhile cannot change the page under test.
  const editorDir = join(dataDir, 'editor');
  cpSync(join(ROOT, 'dist', 'editor'), editorDir, { recursive: true });
  const configPath = join(dataDir, 'proviso.config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const port = await freePort();
  const adminKey = `e2e-admin-${process.pid}-${port}`;
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const spawnService = async (extra: Readonly<Record<string, string>>): Promise<ChildProcess> => {
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
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${out}`);
      try {
        const r = await fetch(`${url}/api/health`);
        if (r.ok) return child;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`service did not become healthy in 90 s:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const halt = async (child: ChildProcess): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  let child = await spawnService(options.env ?? {});
  return {
    url,
    adminKey,
    dataDir,
    output: () => out,
    async restart(next = options.env ?? {}) {
      await halt(child);
      child = await spawnService(next);
    },
    async stop() {
      await halt(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far, on every watched page. */
  readonly problems: string[];
  /** Opens a new tab (its own sessionStorage: signed out) whose console errors land in `problems`. */
  newPage(): Promise<Page>;
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
  // A rejected promise whose reason is a DOM Event says only "Event"; name its type and target.
  await context.addInitScript(() => {
    window.addEventListener('unhandledrejection', (e) => {
      const r = e.reason as { type?: string; target?: { constructor?: { name?: string } } } | undefined;
      if (r && typeof r === 'object' && 'type' in r) console.error(`unhandled rejection: ${r.type} event on ${r.target?.constructor?.name}`);
    });
  });
  const problems: string[] = [];
  const watch = (page: Page): Page => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}\n${e.stack ?? ''}`));
    return page;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  return {
    context,
    page,
    problems,
    newPage: async () => watch(await context.newPage()),
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

export interface Marker {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly severity: string;
}

/**
 * One editor e2e file: the service (started once, with `config`) and Chromium,
 * and for every test a new tab (signed out, its own sessionStorage) with a
 * dialog handler, closed after the test, whose console must stay clean. Tests
 * share no page state; each sets up its own documents (names of its own).
 */
export class EditorSuite {
  service!: Service;
  browser!: Browser;
  /** This test's tab. */
  page!: Page;
  /** Every dialog message seen in this test (confirm, beforeunload), and what the next one gets. */
  readonly dialogs: string[] = [];
  dialogAnswer: 'accept' | 'dismiss' = 'accept';

  /**
   * Registers the hooks of the file: beforeAll/afterAll (service, browser), beforeEach/afterEach (tab, console).
   * `options.env` goes to the service process only.
   */
  static register(config: unknown, options: ServiceOptions = {}): EditorSuite {
    const suite = new EditorSuite();
    beforeAll(async () => {
      ensureBuilt();
      suite.service = await startService(config, options);
      suite.browser = await launchBrowser();
      await suite.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.service.url });
    });
    afterAll(async () => {
      await suite.browser?.close();
      await suite.service?.stop();
    });
    beforeEach(async () => {
      suite.dialogs.length = 0;
      suite.dialogAnswer = 'accept';
      suite.browser.problems.length = 0;
      suite.page = await suite.browser.newPage();
      suite.page.on('dialog', (d) => {
        suite.dialogs.push(d.message() || d.type());
        void (suite.dialogAnswer === 'dismiss' ? d.dismiss() : d.accept());
      });
    });
    afterEach(async () => {
      // Every test must leave the console clean.
      const problems = [...(suite.browser?.problems ?? [])];
      await suite.page?.close();
      expect(problems).toEqual([]);
    });
    return suite;
  }

  /** Signs this tab in through the sign-in form (forgetting a key it signed in with before) and waits for the policy list. */
  async signIn(key: string = this.service.adminKey): Promise<void> {
    if (this.page.url().startsWith(this.service.url)) {
      // The key lives in the tab's sessionStorage: drop it, so the next load shows the sign-in form.
      await this.page.evaluate(() => sessionStorage.clear());
      await this.page.goto('about:blank');
    }
    await this.page.goto(`${this.service.url}/`);
    await this.page.getByLabel('API key').fill(key);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('heading', { name: 'Policies' }).waitFor();
  }

  /** A full page load on a route (the tab keeps only its signed-in key). */
  async fresh(hash: string): Promise<void> {
    this.dialogAnswer = 'accept';
    await this.page.goto('about:blank');
    await this.page.goto(`${this.service.url}/${hash}`);
    await this.page.locator('header.topbar').waitFor();
  }

  /** Signs in as the admin and loads the route. */
  async open(hash: string): Promise<void> {
    await this.signIn();
    await this.fresh(hash);
  }

  /** A new document in the editor, named `name`, holding `text` (unsaved). */
  async openNew(name: string, text: string): Promise<void> {
    await this.open('#/policies/new');
    await this.page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
    await this.page.getByLabel('Document name').fill(name);
    await this.replaceSource(text);
  }

  /** An existing document in the editor, once its text is on screen. */
  async openDocument(id: string, contains: string): Promise<void> {
    await this.open(`#/policies/${encodeURIComponent(id)}`);
    await this.page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
    await eventually(async () => expect(await this.editorText()).toContain(contains));
  }

  /** The editor's markers, leaving out the codes in `except`. */
  markers(except: readonly string[] = []): Promise<Marker[]> {
    return this.page.evaluate((codes) => window.__proviso!.markers().filter((m) => !codes.includes(m.code)), [...except]);
  }

  /** The editor's text as shown, line by line. */
  editorText(): Promise<string> {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll('[data-testid="policy-editor"] .view-line')] as HTMLElement[];
      return lines
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.textContent!.replace(/\u00a0/g, ' '))
        .join('\n');
    });
  }

  /** Pastes text at the cursor through the system clipboard (Ctrl+V), as a user would. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('Control+V');
  }

  /** Replaces the whole editor content by select-all and paste. */
  async replaceSource(text: string): Promise<void> {
    await this.page.click('[data-testid="policy-editor"] .view-lines');
    await this.page.keyboard.press('Control+A');
    await this.paste(text);
  }

  /** Focuses the editor and puts the cursor at the end of a line (1-based). */
  async gotoLineEnd(line: number): Promise<void> {
    await this.page.click('[data-testid="policy-editor"] .view-lines');
    await this.page.keyboard.press('Control+G');
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('End');
  }

  /** Selects the first `word` with the find widget and closes the widget (the cursor stays on it). */
  async findWord(word: string): Promise<void> {
    await this.page.click('[data-testid="policy-editor"] .view-lines');
    await this.page.keyboard.press('Control+F');
    await this.page.keyboard.type(word);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
  }

  /** The HTTP API as the admin (or `key`); throws with the answer on a non-2xx status. */
  async api<T>(method: string, path: string, body?: unknown, key: string = this.service.adminKey): Promise<T> {
    const res = await fetch(`${this.service.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** Creates a document and publishes it once per message; returns its id. */
  async publish(name: string, source: string, messages: readonly string[] = ['e2e setup']): Promise<string> {
    const created = await this.api<{ id: string }>('POST', '/api/policies', { name, source });
    for (const message of messages) await this.api('POST', `/api/policies/${created.id}/publish`, { message });
    return created.id;
  }

  async documents(): Promise<{ id: string; name: string }[]> {
    const body = await this.api<{ id: string; name: string }[] | { items: { id: string; name: string }[] }>('GET', '/api/policies');
    return Array.isArray(body) ? body : body.items;
  }

  /** A new API key with the role. */
  async key(role: 'viewer' | 'author' | 'admin', name: string): Promise<string> {
    return (await this.api<{ key: string }>('POST', '/api/keys', { name, role })).key;
  }
}
