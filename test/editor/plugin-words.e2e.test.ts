// A plugin's words in the editor, end to end: the real service loads the
// example business-days plugin (examples/business-days, built to dist/), and
// Chromium shows its operator coloured like the built-in `and`, its function in
// completion and hover, and its static check's PV2901 as a marker on the line.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { artifact, EditorSuite, eventually, ROOT } from './e2e-harness.js';

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

const s = EditorSuite.register(CONFIG);
const markers = () => s.markers();

/** The computed colour of the first token span on screen whose text is `word`. */
const colourOf = (word: string): Promise<string | null> =>
  s.page.evaluate((w) => {
    const spans = [...document.querySelectorAll('[data-testid="policy-editor"] .view-line span span')] as HTMLElement[];
    const x = spans.find((el) => el.textContent!.replace(/\u00a0/g, ' ').trim() === w);
    return x ? getComputedStyle(x).color : null;
  }, word);

/** Each test opens its own new (unsaved) document holding SOURCE. */
async function openHolidays(): Promise<void> {
  await s.openNew('holidays.policy', SOURCE);
  await eventually(async () => expect(await s.editorText()).toContain('holidayIn'));
}

test("the plugin's static check shows as an error marker at the region argument", async () => {
  await openHolidays();
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
  expect(await s.page.locator('[data-testid="policy-editor"] .squiggly-error').count()).toBeGreaterThan(0);
  await s.page.screenshot({ path: artifact('plugin-01-marker.png') });
});

test("the plugin's operator is coloured like the built-in `and`, unlike a plain name", async () => {
  await openHolidays();
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
  const { page } = s;
  await openHolidays();
  await s.gotoLineEnd(2);
  await page.keyboard.type(' and isBusi');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'isBusinessDay' }).first();
  await row.waitFor();
  expect(await row.textContent()).toContain('isBusinessDay');
  await page.keyboard.press('Escape');
});

test("hover shows the plugin operator's docs", async () => {
  const { page } = s;
  await openHolidays();
  await s.findWord('holidayIn');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover', { hasText: 'holidayIn' }).first();
  await hover.waitFor();
  expect(await hover.textContent()).toContain("True when the date is one of the region's holidays");
  await page.keyboard.press('Escape');
});
