// Issue 10, finding 4 in the browser: Publish opens a review of the impact on
// the stored book, and nothing is published until the admin confirms it.
// Real service on PGlite (seeded sample library and demo book), Debian's
// Chromium; a new EditorSuite tab per test, each making its own document; no
// console errors.
import { jest } from '@jest/globals';
import { artifact, EditorSuite, eventually } from './e2e-harness.js';

jest.setTimeout(180_000);

const CONFIG = {
  attributes: {
    account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'], creditStatus: ['good', 'watch', 'blocked'] },
    order: { channel: 'string' },
    line: { costCenter: 'string', seats: 'decimal' },
  },
};

const holdCurrency = (currency: string, name = 'E2E review hold'): string =>
  `policy "${name}" {\n  when account.currency = "${currency}"\n  hold billing reason "E2E review"\n}\n`;

const s = EditorSuite.register(CONFIG);

interface Impact {
  added: unknown[];
  removed: unknown[];
  newlyHeld: string[];
  total: { currency: string; delta: string }[];
}

async function openWithDraft(name: string, published: string, draft: string): Promise<string> {
  const { id } = await s.api<{ id: string }>('POST', '/api/policies', { name, source: published });
  await s.api('POST', `/api/policies/${id}/publish`, { message: 'e2e setup' });
  await s.api('PUT', `/api/policies/${id}`, { source: draft });
  await s.open(`#/policies/${encodeURIComponent(id)}`);
  const { page } = s;
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await eventually(async () => expect(await page.locator('#doc-status').textContent()).toMatch(/published v1 · saved/));
  return id;
}

test('Publish shows the impact on the stored book first; Cancel publishes nothing, the confirm publishes version 2', async () => {
  const { page } = s;
  const id = await openWithDraft('e2e-review.policy', holdCurrency('XXX'), holdCurrency('USD'));
  await page.getByLabel('Publish message').fill('Hold USD accounts for review');
  await eventually(async () => expect(await page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true));
  await page.getByRole('button', { name: 'Publish', exact: true }).click();

  const review = page.getByTestId('publish-review');
  await review.getByRole('heading', { name: 'Publish e2e-review.policy as version 2' }).waitFor();
  await eventually(async () => expect(await review.getByTestId('review-status').textContent()).toMatch(/^Lines added/), 60_000);
  const asOf = await review.getByLabel('Impact on the stored book as of').inputValue();
  const expected = await s.api<Impact>('POST', '/api/impact', { asOf, drafts: [{ id, name: 'e2e-review.policy', source: holdCurrency('USD') }] });
  expect(expected.newlyHeld.length).toBeGreaterThan(0);
  expect(await review.getByTestId('impact-newly-held').textContent()).toBe(String(expected.newlyHeld.length));
  expect(await review.getByTestId('impact-removed').textContent()).toBe(String(expected.removed.length));
  const usd = expected.total.find((t) => t.currency === 'USD')!;
  expect(usd.delta).toMatch(/^-/);
  const usdRow = review.getByRole('table', { name: 'Totals per currency' }).getByRole('row').filter({ hasText: 'USD' });
  expect((await usdRow.locator('td.delta').textContent())!.replace(/,/g, '')).toBe(usd.delta);
  // Drill down: the held order products behind "Newly held".
  await review.getByTestId('drill-newly-held').locator('summary').click();
  const held = review.getByRole('list', { name: 'Newly held' }).getByRole('listitem');
  expect(await held.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderProduct))).toEqual(expected.newlyHeld);
  // Each item names its product and account, the id kept beside them.
  for (const text of await held.allTextContents()) expect(text).toMatch(/\S.*, \S.*/);
  await page.screenshot({ path: artifact('20-publish-review.png'), fullPage: true });

  await review.getByRole('button', { name: 'Cancel' }).click();
  await review.waitFor({ state: 'detached' });
  expect((await s.api<{ publishedVersion: number }>('GET', `/api/policies/${id}`)).publishedVersion).toBe(1);

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await eventually(async () => expect(await review.getByRole('button', { name: 'Publish version 2' }).isEnabled()).toBe(true), 60_000);
  await review.getByRole('button', { name: 'Publish version 2' }).click();
  await page.locator('.toast', { hasText: 'Published version 2.' }).waitFor();
  await review.waitFor({ state: 'detached' });
  const versions = await s.api<{ version: number; message: string }[]>('GET', `/api/policies/${id}/versions`);
  expect(versions.map((v) => [v.version, v.message])).toEqual([[2, 'Hold USD accounts for review'], [1, 'e2e setup']]);
  await eventually(async () => expect(await page.locator('#doc-status').textContent()).toMatch(/published v2 · saved/));
});

test('the review of a draft that stops billing shows its new errors, and drills down to them', async () => {
  const { page } = s;
  const broken = 'policy "E2E PO gate" {\n  when order.poNumber = "PO-46603"\n  hold billing reason "E2E PO gate"\n}\n';
  const id = await openWithDraft('e2e-new-errors.policy', holdCurrency('XXX', 'E2E PO gate'), broken);
  await page.getByLabel('Publish message').fill('Gate one PO');
  await eventually(async () => expect(await page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true));
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const review = page.getByTestId('publish-review');
  await eventually(async () => expect(await review.getByTestId('review-status').textContent()).toMatch(/^Lines added/), 60_000);
  const asOf = await review.getByLabel('Impact on the stored book as of').inputValue();
  const expected = await s.api<{ newErrors: { orderProductId: string; code: string }[] }>('POST', '/api/impact', { asOf, drafts: [{ id, name: 'e2e-new-errors.policy', source: broken }] });
  expect(expected.newErrors.length).toBeGreaterThan(0);
  expect(await review.getByTestId('impact-new-errors').textContent()).toBe(String(expected.newErrors.length));
  await review.getByTestId('drill-new-errors').locator('summary').click();
  const items = await review.getByRole('list', { name: 'New errors' }).getByRole('listitem').allTextContents();
  expect(items[0]).toContain(`${expected.newErrors[0].orderProductId} ${expected.newErrors[0].code}`);
  await page.screenshot({ path: artifact('21-publish-review-new-errors.png'), fullPage: true });
  await page.keyboard.press('Escape');
  await review.waitFor({ state: 'detached' });
  expect((await s.api<{ publishedVersion: number }>('GET', `/api/policies/${id}`)).publishedVersion).toBe(1);
});

test('after the first save the editor keeps the text while the stored document loads, and "created" goes once the text is edited', async () => {
  const { page } = s;
  await s.open('#/policies/new');
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await page.getByLabel('Document name').fill('e2e-first-save.policy');
  // The stored document answers slowly: the editor must not sit empty meanwhile.
  await page.route(/\/api\/policies\/[^/?]+$/, async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  try {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/#\/policies\/(?!new)[^/]+$/);
    const text = async (): Promise<string> => (await page.locator('[data-testid="policy-editor"] .view-lines').innerText()).replace(/\u00a0/g, ' ');
    await eventually(async () => expect(await text()).toContain('policy "New policy"'), 1500);
    expect(await page.getByLabel('Document name').inputValue()).toBe('e2e-first-save.policy');
  } finally {
    // Let the held GET finish first: unrouting it in flight makes its continue() throw.
    await page.unrouteAll({ behavior: 'wait' });
  }
  const toast = page.locator('.toast');
  expect(await toast.textContent()).toBe('Draft e2e-first-save.policy created.');
  await eventually(async () => expect(await page.locator('#doc-status').textContent()).toMatch(/never published · saved/));
  await page.click('[data-testid="policy-editor"] .view-lines');
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await eventually(async () => expect(await toast.textContent()).toBe(''));
  expect(await page.locator('#doc-status').textContent()).toContain('unsaved changes');
});
