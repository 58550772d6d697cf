// Monaco and the DSL worker wait for the policy editor: signing in and going
// through the policies list, accounts and invoices requests no Monaco chunk,
// no worker script and starts no worker; opening a policy then loads the
// editor's chunk and starts the workers. Real service, Debian's Chromium, the
// browser's request and worker events.
import { jest } from '@jest/globals';
import type { Request, Worker } from 'playwright-core';
import { EditorSuite, eventually } from './e2e-harness.js';

jest.setTimeout(180_000);

const suite = EditorSuite.register({});

/** Monaco's code, its editor worker, our DSL worker and Monaco's icon font. */
const EDITOR_ASSET = /\/assets\/(editor-runtime-|editor\.worker-|dsl\.worker-|codicon-)[^/]*$/;

test('the list screens load no Monaco and start no worker; opening a policy does', async () => {
  const { page } = suite;
  const requested: string[] = [];
  const workers: string[] = [];
  page.on('request', (r: Request) => void requested.push(new URL(r.url()).pathname));
  page.on('worker', (w: Worker) => void workers.push(w.url()));

  await suite.signIn();
  await page.waitForLoadState('networkidle');
  for (const [link, heading] of [['Accounts', 'Accounts'], ['Invoices', 'Invoices'], ['Policies', 'Policies']] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
  }
  const scripts = requested.filter((p) => p.startsWith('/assets/') && p.endsWith('.js'));
  // The boot and application chunks were loaded, Monaco was not.
  expect(scripts.some((p) => /\/assets\/main-[^/]+\.js$/.test(p))).toBe(true);
  expect(requested.filter((p) => EDITOR_ASSET.test(p))).toEqual([]);
  expect(workers).toEqual([]);
  expect(page.workers()).toEqual([]);

  const before = requested.length;
  await page.getByRole('button', { name: 'New policy' }).click();
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await page.waitForLoadState('networkidle');
  const after = requested.slice(before);
  expect(after.filter((p) => /\/assets\/editor-runtime-[^/]+\.js$/.test(p))).toHaveLength(1);
  // The DSL worker started with the editor.
  await eventually(() => expect(workers.map((u) => new URL(u).pathname)).toContainEqual(expect.stringMatching(/^\/assets\/dsl\.worker-[^/]+\.js$/)));
  expect(page.workers().length).toBeGreaterThan(0);
});
