// The sign-in page does not download Monaco: it loads only the small boot
// chunk (sign-in screen, API client, styles); the application chunk arrives
// after a key is accepted (Monaco later, with the first policy opened). Real
// service (dist/api/main.js on PGlite), Debian's Chromium (a new EditorSuite
// tab), the browser's request log.
import { jest } from '@jest/globals';
import type { Response } from 'playwright-core';
import { EditorSuite } from './e2e-harness.js';

jest.setTimeout(180_000);

const s = EditorSuite.register({});

interface Loaded {
  readonly path: string;
  readonly bytes: number;
}

test('the sign-in page loads no Monaco chunk; signing in loads the application chunk', async () => {
  const { page } = s;
  const loaded: Loaded[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (r: Response): void => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith('/assets/')) return;
    pending.push(r.body().then((b) => void loaded.push({ path, bytes: b.length }), () => void loaded.push({ path, bytes: -1 })));
  };
  page.on('response', onResponse);
  await page.goto(`${s.service.url}/`);
  await page.getByLabel('API key').waitFor();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const beforeSignIn = [...loaded];

  const scripts = beforeSignIn.filter((l) => l.path.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  expect(beforeSignIn.filter((l) => /\/(main-|editor\.worker-|codicon-)/.test(l.path))).toEqual([]);
  // Monaco is megabytes; the boot chunk is a few kilobytes.
  expect(scripts.reduce((a, l) => a + l.bytes, 0)).toBeLessThan(64 * 1024);

  await page.getByLabel('API key').fill(s.service.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Policies' }).waitFor();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  page.off('response', onResponse);
  const app = loaded.slice(beforeSignIn.length).filter((l) => /\/assets\/main-[^/]+\.js$/.test(l.path));
  expect(app).toHaveLength(1);
  // Monaco itself waits for the first policy opened (lazy-worker.e2e.test.ts).
  expect(app[0].bytes).toBeLessThan(256 * 1024);
  expect(s.browser.problems).toEqual([]);
});
