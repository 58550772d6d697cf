// A plugin's words in the editor, end to end: the real service loads the
// example business-days plugin (examples/business-days, built to dist/), and
// Chromium shows its operator coloured like the built-in `and`, its function in
// completion and hover, and its static check's PV2901 as a marker on the line.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifact, ensureBuilt, eventually, launchBrowser, ROOT, startService, type Browser, type Service } from './e2e-harness.js';

jest.setTimeout(180_000);

const CONFIG = {
  attributes: { account: { region: 'string' } },
  plugins: [
    {
      module: join(ROOT, 'dist', 'examples', 'business-days', 'business-days.js'),
      options: { regions: { EMEA: ['2026-12-25', '2026-12-26'], US: ['2026-11-26'] } },
    },
  ],
};

const SOURCE = [
  'policy "Holidays" {',
  '  when account.region is present and billingDate holidayIn account.region and isBusinessDay(billingDate, "APAC")',
  '  hold billing reason "Holiday"',
  '}',
  '',
].join('\n');

let service: Service;
let browser: Browser;
let page: Page;

const markers = (): Promise<{ line: number; column: number; code: string; message: string; severity: string }[]> =>
  page.evaluate(() => window.__proviso!.markers());

/** The computed colour of the first token span on screen whose text is `word`. */
const colourOf = (word: string): Promise<string | null> =>
  page.evaluate((w) => {
    const spans = [...document.querySelectorAll('[data-testid="policy-editor"] .view-line span span')] as HTMLElement[];
    const s = spans.find((x) => x.textContent!.replace(/\u00a0/g, ' ').trim() === w);
    return s ? getComputedStyle(s).color : null;
  }, word);

beforeAll(async () => {
  ensureBuilt();
  service = await startService(CONFIG);
  browser = await launchBrowser();
  page = browser.page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
  await page.goto(`${service.url}/`);
  await page.getByLabel('API key').fill(service.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Policies' }).waitFor();
  await page.getByRole('button', { name: 'New policy' }).click();
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await page.click('[data-testid="policy-editor"] .view-lines');
  await page.keyboard.press('Control+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), SOURCE);
  await page.keyboard.press('Control+V');
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

afterEach(() => {
  expect(browser?.problems ?? []).toEqual([]);
});

test("the plugin's static check shows as an error marker at the region argument", async () => {
  await eventually(async () =>
    expect(await markers()).toEqual([
      {
        line: 2,
        column: SOURCE.split('\n')[1].indexOf('"APAC"') + 1,
        code: 'PV2901',
        severity: 'error',
        message: 'isBusinessDay: no holiday calendar for region "APAC"; proviso.config.json defines EMEA, US',
      },
    ]),
  );
  await page.locator('[data-testid="policy-editor"] .squiggly-error').first().waitFor();
  await page.screenshot({ path: artifact('plugin-01-marker.png') });
});

test("the plugin's operator is coloured like the built-in `and`, unlike a plain name", async () => {
  await eventually(async () => {
    const [plugin, builtin, plain] = await Promise.all([colourOf('holidayIn'), colourOf('and'), colourOf('billingDate')]);
    expect(plugin).not.toBeNull();
    expect(plugin).toBe(builtin);
    expect(plugin).not.toBe(plain);
  });
  // and its function like the built-in functions of the manifest
  expect(await colourOf('isBusinessDay')).not.toBe(await colourOf('billingDate'));
});

test("completion offers the plugin's function", async () => {
  await page.click('[data-testid="policy-editor"] .view-lines');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' and isBusi');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'isBusinessDay' }).first();
  await row.waitFor();
  expect(await row.textContent()).toContain('isBusinessDay');
  await page.keyboard.press('Escape');
  for (let i = 0; i < ' and isBusi'.length; i++) await page.keyboard.press('Backspace');
});

test("hover shows the plugin operator's docs", async () => {
  await page.click('[data-testid="policy-editor"] .view-lines');
  await page.keyboard.press('Control+F');
  await page.keyboard.type('holidayIn');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover', { hasText: 'holidayIn' }).first();
  await hover.waitFor();
  expect(await hover.textContent()).toContain("True when the date is one of the region's holidays");
  await page.keyboard.press('Escape');
});
