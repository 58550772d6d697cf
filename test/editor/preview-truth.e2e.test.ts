// Issue 10 in the browser: the findings a finance admin met, each as a test
// that fails on the editor before this work. Real service on PGlite (seeded
// with the sample library and demo book), Debian's Chromium. Each test sets
// up its own documents (names unique to the test) and starts in a tab of its
// own, signed in by the test (e2e-harness.ts); no console errors; a
// screenshot of every screen it visits.
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

const s = EditorSuite.register(CONFIG);
const markers = () => s.markers();

test('finding 1: Simulate counts what the published library with the draft would do, not the draft alone', async () => {
  const { page } = s;
  const doc = (await s.documents()).find((d) => d.name === '05-year-end-freeze.policy')!;
  const full = await s.api<{ source: string; draftSource?: string }>('GET', `/api/policies/${doc.id}`);
  const source = full.draftSource ?? full.source;
  const asOf = '2026-12-31';
  const library = await s.api<{ totals: { invoices: number; holds: number } }>('POST', '/api/simulate', { asOf, draft: { id: doc.id, name: doc.name, source } });
  const alone = await s.api<{ totals: { holds: number } }>('POST', '/api/simulate', { asOf, source });
  // The sample library holds lines the freeze alone does not: the counts differ, so the panel shows which one it used.
  expect(alone.totals.holds).not.toBe(library.totals.holds);

  await s.open(`#/policies/${encodeURIComponent(doc.id)}`);
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await page.getByRole('tab', { name: 'Simulate' }).click();
  await page.locator('input[name="simAsOf"]').fill(asOf);
  await page.getByRole('button', { name: 'Simulate draft' }).click();
  const status = page.locator('.tabpanel .status').first();
  await eventually(async () => expect(await status.textContent()).toMatch(/invoice\(s\)/), 60_000);
  expect(await status.textContent()).toContain(`${library.totals.invoices} invoice(s), ${library.totals.holds} hold(s)`);
  const others = (await s.api<{ documents: unknown[] }>('GET', '/api/library')).documents.length - 1;
  expect(await page.getByTestId('sim-library').textContent()).toContain(`Simulated with this draft (05-year-end-freeze.policy), ${others} published document(s)`);
  await page.screenshot({ path: artifact('10-simulate-with-library.png'), fullPage: true });
});

test('finding 2: a clash with another published policy shows while typing, before any save', async () => {
  const { page } = s;
  await s.publish('e2e-setup-fees.policy', 'policy "E2E setup fees bill on the 1st" {\n  priority 61\n  billing day of month 1\n}\n');
  await s.openNew('e2e-clash.policy', 'policy "E2E clash" {\n  priority 61\n  billing day of month 15\n}\n');
  await eventually(async () =>
    expect(await markers()).toContainEqual(expect.objectContaining({ code: 'PV2035', severity: 'warning', message: expect.stringContaining('E2E setup fees bill on the 1st') })),
  );
  await page.locator('.problems button.problem.warning').filter({ hasText: 'PV2035' }).waitFor();
  expect(await page.locator('#doc-status').textContent()).toContain('unsaved changes');
  await page.screenshot({ path: artifact('11-cross-policy-warning.png'), fullPage: true });
});

test('finding 3: comparing a maybe-missing fact is a warning, and its quick fix adds the guard', async () => {
  const { page } = s;
  await s.openNew('e2e-po-x.policy', 'policy "E2E PO X" {\n  when order.poNumber = "X"\n  hold billing\n}\n');
  await eventually(async () => expect(await markers()).toEqual([expect.objectContaining({ code: 'PV2039', line: 2, severity: 'warning' })]));
  // Cursor onto `order.poNumber`, open the quick fixes.
  await page.click('[data-testid="policy-editor"] .view-lines');
  await page.keyboard.press('Control+F');
  await page.keyboard.type('poNumber');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget, .context-view').getByText('Add "order.poNumber is present and"', { exact: true }).first();
  await fix.waitFor();
  await page.screenshot({ path: artifact('12-missing-fact-quick-fix.png') });
  // The title is shown whole, not cut off.
  const clipped = await fix.evaluate((el) => {
    const box = el as HTMLElement;
    const row = (box.closest('.monaco-list-row') ?? box) as HTMLElement;
    const menu = (box.closest('.context-view') ?? box.closest('.action-widget') ?? row) as HTMLElement;
    return { text: box.scrollWidth > box.clientWidth + 1, row: box.getBoundingClientRect().right > menu.getBoundingClientRect().right + 1 };
  });
  expect(clipped).toMatchObject({ text: false, row: false });
  await fix.click();
  await eventually(async () => expect(await markers()).toEqual([]));
  const text = await page.evaluate(() =>
    ([...document.querySelectorAll('[data-testid="policy-editor"] .view-line')] as HTMLElement[])
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent!.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
  expect(text).toContain('when order.poNumber is present and order.poNumber = "X"');
});

test('finding 5: unsaved edits are guarded on "← All policies" and a menu link; Ctrl+S saves', async () => {
  const { page } = s;
  const id = await s.publish('e2e-unsaved.policy', 'policy "E2E unsaved" {\n  billing day of month 3\n}\n');
  await s.open(`#/policies/${encodeURIComponent(id)}`);
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await eventually(async () => expect(await page.locator('#doc-status').textContent()).toContain('saved'));
  await s.replaceSource('policy "E2E unsaved" {\n  billing day of month 4\n}\n');
  await eventually(async () => expect(await page.locator('#doc-status').textContent()).toContain('unsaved changes'));

  s.dialogAnswer = 'dismiss';
  s.dialogs.length = 0;
  await page.getByRole('link', { name: '← All policies' }).click();
  await eventually(() => expect(s.dialogs).toEqual([expect.stringContaining('e2e-unsaved.policy has unsaved changes')]));
  expect(page.url()).toContain(`#/policies/${id}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await eventually(() => expect(s.dialogs).toHaveLength(2));
  expect(page.url()).toContain(`#/policies/${id}`);
  expect(await page.locator('#doc-status').textContent()).toContain('unsaved changes');

  // Ctrl+S in the editor saves the draft; leaving then asks nothing.
  await page.click('[data-testid="policy-editor"] .view-lines');
  await page.keyboard.press('Control+S');
  await eventually(async () => expect(await page.locator('#doc-status').textContent()).toMatch(/· saved ·/));
  const stored = await s.api<{ draftSource?: string; source?: string }>('GET', `/api/policies/${id}`);
  expect(stored.draftSource ?? stored.source).toContain('billing day of month 4');
  s.dialogAnswer = 'accept';
  s.dialogs.length = 0;
  await page.getByRole('link', { name: '← All policies' }).click();
  await page.getByRole('heading', { name: 'Policies' }).waitFor();
  expect(s.dialogs).toEqual([]);
});

test('finding 9: at 390 px wide nothing overflows horizontally and the editor uses the width', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    const doc = (await s.documents())[0];
    await s.open(`#/policies/${encodeURIComponent(doc.id)}`);
    await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      editor: document.querySelector('[data-testid="policy-editor"]')!.getBoundingClientRect().width,
      whoHeight: document.querySelector('[data-testid="role"]')!.getBoundingClientRect().height,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.editor).toBeGreaterThan(300);
    expect(layout.whoHeight).toBeLessThan(30); // one line, not a letter per line
    await page.screenshot({ path: artifact('13-narrow-390-editor.png'), fullPage: true });
    await s.fresh('#/policies');
    await page.locator('table[aria-label="Policy documents"] tbody tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifact('14-narrow-390-list.png'), fullPage: true });
  } finally {
    await page.setViewportSize({ width: 1400, height: 1000 });
  }
});

test('finding 6: the Timeline shows the periods from its From date and keeps the pickers', async () => {
  const { page } = s;
  const accountId = 'A000001';
  const ops = await s.api<{ items: { id: string; billingFrequency?: string | null }[] }>('GET', `/api/order-products?accountId=${accountId}&limit=50`);
  const op = ops.items.find((o) => o.billingFrequency === 'monthly') ?? ops.items[0];
  const from = '2026-01-01';
  const expected = await s.api<{ periods: { start: string }[] }>('GET', `/api/order-products/${op.id}/timeline?from=${from}&months=12`);
  expect(expected.periods.length).toBeGreaterThan(0);

  await s.open('#/timeline');
  await page.locator(`select[name="tlAccount"] option[value="${accountId}"]`).waitFor({ state: 'attached' });
  await page.selectOption('select[name="tlAccount"]', accountId);
  await page.locator(`select[name="tlLine"] option[value="${op.id}"]`).waitFor({ state: 'attached' });
  await page.selectOption('select[name="tlLine"]', op.id);
  await page.locator('input[name="tlFrom"]').fill(from);
  await page.getByRole('button', { name: 'Show timeline' }).click();
  await eventually(async () => expect(await page.locator('main .status').first().textContent()).toBe(`${expected.periods.length} period(s) for ${op.id}.`));
  const firstPeriod = await page.locator('table[aria-label="Periods"] tbody tr td').first().textContent();
  expect(firstPeriod?.slice(0, 10)).toBe(expected.periods[0].start);
  expect(expected.periods[0].start < '2026-12-01').toBe(true); // billed history, before today
  await eventually(async () => {
    expect(await page.locator('input[name="tlFrom"]').inputValue()).toBe(from);
    expect(await page.locator('select[name="tlAccount"]').inputValue()).toBe(accountId);
    expect(await page.locator('select[name="tlLine"]').inputValue()).toBe(op.id);
  });
  await page.screenshot({ path: artifact('15-timeline-history.png'), fullPage: true });
});
