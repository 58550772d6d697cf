// Issue 10, finding 7 in the browser: the editor shows the service's words for
// what billing does with a period (the API's `explanation`, engine/explain),
// e.g. a period moved by the year-end freeze. Real service on PGlite (seeded
// sample library and demo book), Debian's Chromium; a new EditorSuite tab per
// test; no console errors.
import { jest } from '@jest/globals';
import { artifact, EditorSuite } from './e2e-harness.js';

jest.setTimeout(180_000);

const s = EditorSuite.register({
  attributes: {
    account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'], creditStatus: ['good', 'watch', 'blocked'] },
    order: { channel: 'string' },
    line: { costCenter: 'string', seats: 'decimal' },
  },
});

interface Period {
  start: string;
  billingDate: string;
  naturalBillingDate: string;
  explanation: string;
}

/** A demo-book line with a period the year-end freeze moves (its natural billing date falls in 2026-12-24..2027-01-03). */
async function movedLine(): Promise<{ id: string; accountId: string; period: Period }> {
  const { items } = await s.api<{ items: { id: string; accountId: string; billingFrequency: string | null; startDate: string }[] }>('GET', '/api/order-products?limit=1000');
  const candidates = items.filter((l) => l.billingFrequency === 'monthly' && /-(0[1-3]|2[4-9]|3[01])$/.test(l.startDate));
  for (const l of candidates.slice(0, 25)) {
    const t = await s.api<{ periods: Period[] }>('GET', `/api/order-products/${l.id}/timeline?from=2026-12-01&months=2`);
    const p = t.periods.find((x) => x.billingDate === '2027-01-04' && x.naturalBillingDate !== x.billingDate);
    if (p) return { id: l.id, accountId: l.accountId, period: p };
  }
  throw new Error('no demo-book line is moved by the year-end freeze');
}

test('the timeline shows the service sentence for a period moved by the year-end freeze', async () => {
  const { id, accountId, period } = await movedLine();
  expect(period.explanation).toContain(`Billing date moved from ${period.naturalBillingDate} to 2027-01-04 by policy "Year-end freeze`);

  const { page } = s;
  await s.open(`#/timeline/${encodeURIComponent(id)}?from=2026-12-01&account=${encodeURIComponent(accountId)}`);
  const row = page.getByRole('table', { name: 'Periods' }).locator(`tr[data-period="${period.start}"]`);
  await row.waitFor();
  expect(await row.locator('td.explanation').textContent()).toBe(period.explanation);
  // The picture says the same when hovered (its title).
  const titles = await page.locator('figure.timeline svg title').allTextContents();
  expect(titles.some((t) => t.includes(period.explanation))).toBe(true);
  await page.screenshot({ path: artifact('24-moved-period-explanation.png'), fullPage: true });
});
