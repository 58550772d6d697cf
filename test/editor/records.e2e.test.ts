// Issue 10, finding 8 in the browser: a finance admin finds an account by its
// name and opens it, and opens an invoice to its lines, posts and voids it.
// Real service on PGlite (seeded demo book), Debian's Chromium; each test makes
// or looks up its own data in a new EditorSuite tab; no console errors; a
// screenshot of each screen.
import { jest } from '@jest/globals';
import { artifact, EditorSuite, eventually } from './e2e-harness.js';

jest.setTimeout(180_000);

const s = EditorSuite.register({
  attributes: {
    account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'], creditStatus: ['good', 'watch', 'blocked'] },
    order: { channel: 'string' },
    line: { costCenter: 'string', seats: 'decimal' },
  },
});

test('an account is found by part of its name and opens to its order products and invoices', async () => {
  const { items } = await s.api<{ items: { id: string; name: string }[] }>('GET', '/api/accounts?limit=1000');
  const target = items.find((a) => a.name === 'Aperture Inc.')!;
  const sameWord = items.filter((a) => a.name.toLowerCase().includes('aperture')).map((a) => a.name);
  expect(sameWord.length).toBeGreaterThan(1);

  const { page } = s;
  await s.open('#/accounts');
  await page.getByRole('search', { name: 'Find accounts' }).getByLabel('Search').fill('aperture');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await eventually(async () => expect(await page.locator('.status').first().textContent()).toBe(`${sameWord.length} account(s).`));
  expect(await page.getByRole('table', { name: 'Accounts' }).locator('tbody tr td:first-child').allTextContents()).toEqual(sameWord);
  await page.screenshot({ path: artifact('25-accounts-search.png'), fullPage: true });

  await page.getByRole('link', { name: 'Aperture Inc.', exact: true }).click();
  await page.getByRole('heading', { name: `Aperture Inc. (${target.id})` }).waitFor();
  const detail = await s.api<{ orderProducts: { id: string; productName: string }[] }>('GET', `/api/accounts/${target.id}`);
  const rows = page.getByRole('table', { name: 'Order products' }).locator('tbody tr');
  expect(await rows.count()).toBe(detail.orderProducts.length);
  expect(await rows.first().locator('td').nth(1).textContent()).toBe(detail.orderProducts[0].productName);
  await page.screenshot({ path: artifact('26-account-detail.png'), fullPage: true });
  // Its order product's timeline is one click away, with the account kept.
  await rows.first().getByRole('link', { name: 'Timeline' }).click();
  await page.getByRole('table', { name: 'Periods' }).waitFor();
  expect(await page.getByLabel('Account').inputValue()).toBe(target.id);
});

test('an invoice opens to its lines in the service words; an admin posts it, then voids it with a credit note', async () => {
  const run = await s.api<{ id: string }>('POST', '/api/billing-runs', { asOf: '2026-12-15', dryRun: false });
  await eventually(async () => expect((await s.api<{ status: string }>('GET', `/api/billing-runs/${run.id}`)).status).toBe('completed'), 120_000);
  const { items: invoices } = await s.api<{ items: { id: string; accountId: string; lines: { explanation: string }[]; total: string; currency: string }[] }>('GET', `/api/invoices?runId=${run.id}`);
  expect(invoices.length).toBeGreaterThan(0);
  const inv = invoices.find((i) => i.lines.length > 1) ?? invoices[0];
  const account = await s.api<{ name: string }>('GET', `/api/accounts/${inv.accountId}`);

  const { page } = s;
  await s.open(`#/invoices/${encodeURIComponent(inv.id)}`);
  await page.getByRole('heading', { name: /^Invoice Draft of 2026-12-15$/ }).waitFor();
  const summary = page.getByRole('definition').filter({ has: page.getByRole('link', { name: `${account.name} (${inv.accountId})` }) });
  expect(await summary.count()).toBe(1);
  const lines = page.getByRole('list', { name: 'Invoice lines' }).locator(':scope > li');
  expect(await lines.count()).toBe(inv.lines.length);
  expect(await lines.first().locator('div').first().textContent()).toContain(inv.lines[0].explanation);
  await lines.first().getByText('Why').click();
  expect(await lines.first().locator('.trace li').count()).toBeGreaterThan(0);
  await page.screenshot({ path: artifact('27-invoice-detail.png'), fullPage: true });

  await page.getByRole('button', { name: 'Post (number it)' }).click();
  await page.getByRole('heading', { name: /^Invoice INV-2026-\d+$/ }).waitFor();
  expect(await page.getByTestId('invoice-status').textContent()).toMatch(/^posted \(posted /);
  await page.getByLabel('Void reason').fill('Wrong address');
  await page.getByRole('button', { name: 'Void with a credit note' }).click();
  await eventually(async () => expect(await page.getByTestId('invoice-status').textContent()).toMatch(/^void.*Wrong address$/));
  expect(s.dialogs).toHaveLength(1); // the confirm before voiding, accepted by the suite
  expect(await page.getByTestId('credit-note').textContent()).toMatch(/^CN-2026-\d+ of \d{4}-\d{2}-\d{2}: -/);
  await page.screenshot({ path: artifact('28-invoice-voided.png'), fullPage: true });
  const stored = await s.api<{ status: string; creditNote: { number: string } | null }>('GET', `/api/invoices/${inv.id}`);
  expect(stored.status).toBe('void');
  expect(await page.getByTestId('credit-note').textContent()).toContain(stored.creditNote!.number);
});

test('the audit log names who did what to which record; an admin creates an API key that works', async () => {
  const { id } = await s.api<{ id: string }>('POST', '/api/policies', { name: 'e2e-audited.policy', source: 'policy "E2E audited" {\n  billing day of month 9\n}\n' });
  const { page } = s;
  await s.open('#/audit');
  await page.getByLabel('Record').selectOption('policy');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const row = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ has: page.getByRole('link', { name: 'policy e2e-audited.policy' }) });
  await row.first().waitFor();
  expect(await row.first().locator('td').nth(1).textContent()).toBe('admin (PROVISO_ADMIN_KEY)');
  expect(await row.first().locator('td').nth(2).textContent()).toBe('policy.create');
  expect(await row.first().getByRole('link').getAttribute('href')).toBe(`#/policies/${id}`);
  await page.screenshot({ path: artifact('29-audit.png'), fullPage: true });

  await s.fresh('#/keys');
  await page.getByLabel('Name').fill('E2E finance viewer');
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-key').textContent())!;
  const me = await s.api<{ name: string; role: string }>('GET', '/api/me', undefined, key);
  expect(me).toMatchObject({ name: 'E2E finance viewer', role: 'viewer' });
  await page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: 'E2E finance viewer' }).waitFor();
  await page.screenshot({ path: artifact('30-api-keys.png'), fullPage: true });
});
