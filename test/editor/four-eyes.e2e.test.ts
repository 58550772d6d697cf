// Four eyes in the browser (issue 10): with PROVISO_FOUR_EYES=1 the publish
// review asks for approval; the requester cannot approve; a second admin sees
// the same review and approves with a comment. Real service on PGlite, Debian's
// Chromium; no console errors.
import { jest } from '@jest/globals';
import { artifact, EditorSuite, eventually } from './e2e-harness.js';

jest.setTimeout(180_000);

const s = EditorSuite.register({ attributes: { account: { region: 'string' } } }, { env: { PROVISO_FOUR_EYES: '1' } });

const policy = (day: number): string => `policy "E2E four eyes" {\n  priority 7\n  billing day of month ${day}\n}\n`;

test('a publish becomes a request; the requester cannot approve it; a second admin reviews and approves it with a comment', async () => {
  const { id: docId } = await s.api<{ id: string }>('POST', '/api/policies', { name: 'e2e-four-eyes.policy', source: policy(3) });
  const { key: secondKey } = await s.api<{ key: string }>('POST', '/api/keys', { name: 'Second admin', role: 'admin' });

  const { page } = s;
  await s.open(`#/policies/${encodeURIComponent(docId)}`);
  await page.locator('[data-testid="policy-editor"] .monaco-editor').waitFor();
  await page.getByLabel('Publish message').fill('Bill on the 3rd');
  await eventually(async () => expect(await page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true));
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const review = page.getByTestId('publish-review');
  await review.getByRole('heading', { name: 'Ask to publish e2e-four-eyes.policy' }).waitFor();
  await eventually(async () => expect(await review.getByRole('button', { name: 'Request approval' }).isEnabled()).toBe(true), 60_000);
  await review.getByRole('button', { name: 'Request approval' }).click();
  await page.locator('.toast', { hasText: 'Asked to publish e2e-four-eyes.policy' }).waitFor();
  expect((await s.api<{ publishedVersion: number | null }>('GET', `/api/policies/${docId}`)).publishedVersion).toBeNull();

  // The requester sees it waiting and has no approve button.
  await s.fresh('#/requests');
  const row = page.getByRole('table', { name: 'Publish requests' }).getByRole('row').filter({ hasText: 'e2e-four-eyes.policy' });
  await row.getByText('waiting for another admin').waitFor();
  await row.getByRole('button', { name: 'Review' }).click();
  await review.getByText('You asked for this: another admin decides it.').waitFor();
  expect(await review.getByRole('button', { name: 'Approve and publish' }).count()).toBe(0);
  await review.getByRole('button', { name: 'Cancel' }).click();

  // A second admin approves, after the review, with a comment.
  await s.signIn(secondKey);
  await s.fresh('#/requests');
  await row.getByRole('button', { name: 'Review' }).click();
  await review.getByText('admin (PROVISO_ADMIN_KEY) asked on', { exact: false }).waitFor();
  await eventually(async () => expect(await review.getByTestId('review-status').textContent()).toMatch(/^Lines added/), 60_000);
  await review.getByRole('button', { name: 'Approve and publish' }).click();
  await review.getByText('Write a comment first').waitFor();
  await review.getByLabel('Comment').fill('Impact checked: billing dates only');
  await page.screenshot({ path: artifact('22-four-eyes-review.png'), fullPage: true });
  await review.getByRole('button', { name: 'Approve and publish' }).click();
  await page.locator('.toast', { hasText: 'Approved: e2e-four-eyes.policy is published.' }).waitFor();
  await row.getByText('approved by Second admin (published v1): “Impact checked: billing dates only”').waitFor();
  await page.screenshot({ path: artifact('23-four-eyes-approved.png'), fullPage: true });

  const versions = await s.api<{ version: number; author: string; message: string }[]>('GET', `/api/policies/${docId}/versions`);
  expect(versions.map((v) => [v.version, v.author, v.message])).toEqual([[1, 'admin (PROVISO_ADMIN_KEY)', 'Bill on the 3rd']]);
  const audit = await s.api<{ items: { action: string; detail: { comment?: string } }[] }>('GET', `/api/audit?entityType=policy&entityId=${docId}`);
  expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.publish-request', 'policy.publish-approve', 'policy.publish']));
  expect(audit.items.find((a) => a.action === 'policy.publish-approve')!.detail.comment).toBe('Impact checked: billing dates only');
});
