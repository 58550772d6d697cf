// Four eyes on rollback in the browser (issue 10): with PROVISO_FOUR_EYES=1 a
// rollback from the History panel is a publish request, reviewed (the same
// review, the impact of the old version's text) and approved by a different
// admin; and a request the document was published past since cannot be
// approved: the review says so, naming both versions. Real service on PGlite,
// Debian's Chromium; each test makes its own documents; no console errors.
import { jest } from '@jest/globals';
import { artifact, EditorSuite, eventually } from './e2e-harness.js';

jest.setTimeout(240_000);

const FOUR_EYES = { PROVISO_FOUR_EYES: '1' };
const s = EditorSuite.register({ attributes: { account: { region: 'string' } } }, { env: FOUR_EYES });

/** A policy of its own name and priority, billing on `day`. */
const billOn = (name: string, priority: number, day: number): string => `policy "${name}" {\n  priority ${priority}\n  billing day of month ${day}\n}\n`;

/** A document published once per source, each through a request the `approver` key approves; returns its id. */
async function publishedThrough(name: string, sources: readonly string[], approver: string): Promise<string> {
  const { id } = await s.api<{ id: string }>('POST', '/api/policies', { name, source: sources[0] });
  for (const [i, source] of sources.entries()) {
    await s.api('PUT', `/api/policies/${id}`, { source });
    const asked = await s.api<{ id: string }>('POST', `/api/policies/${id}/publish-requests`, { message: `v${i + 1}` });
    await s.api('POST', `/api/publish-requests/${asked.id}/approve`, { comment: 'e2e setup' }, approver);
  }
  return id;
}

/** Signs this tab out and in again with `key`. */
async function switchTo(key: string): Promise<void> {
  await s.page.getByRole('button', { name: 'Sign out' }).click();
  await s.page.getByLabel('API key').waitFor();
  await s.signIn(key);
}

test('a rollback from the History panel becomes a request; a second admin reviews it and approves it as a rollback', async () => {
  const { page } = s;
  const second = await s.key('admin', 'Second admin');
  const [v1, v2] = [billOn('E2E rollback', 711, 8), billOn('E2E rollback', 711, 9)];
  const id = await publishedThrough('e2e-rollback.policy', [v1, v2], second);

  await s.openDocument(id, 'billing day of month 9');
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.locator('#panel-history');
  await eventually(async () => expect(await history.locator('.status').first().textContent()).toBe('2 published version(s).'));
  await history.getByRole('button', { name: 'v1', exact: true }).click();
  // With four eyes on there is no direct rollback, only a request for one.
  await history.getByRole('button', { name: 'Ask to roll back to v1' }).click();
  const review = page.getByTestId('publish-review');
  await review.getByRole('heading', { name: 'Ask to roll back e2e-rollback.policy to version 1' }).waitFor();
  await eventually(async () => expect(await review.getByTestId('review-status').textContent()).toMatch(/^Lines added/), 60_000);
  await eventually(async () => expect(await review.getByRole('button', { name: 'Request approval' }).isEnabled()).toBe(true));
  await review.getByRole('button', { name: 'Request approval' }).click();
  await page.locator('.toast', { hasText: 'Asked to roll back e2e-rollback.policy to version 1' }).waitFor();
  await review.waitFor({ state: 'detached' });

  const asked = await s.api<{ items: { id: string; status: string; rollbackTo: number | null; message: string; source: string }[] }>('GET', `/api/publish-requests?documentId=${id}&status=pending`);
  expect(asked.items.map((r) => [r.status, r.rollbackTo, r.message])).toEqual([['pending', 1, 'Roll back to version 1']]);
  expect((await s.api<{ publishedVersion: number }>('GET', `/api/policies/${id}`)).publishedVersion).toBe(2);

  // The requester sees it waiting; a second admin reviews the same impact and approves it.
  await s.fresh('#/requests');
  const row = page.getByRole('table', { name: 'Publish requests' }).locator(`tr[data-request-id="${asked.items[0].id}"]`);
  await row.getByText('waiting for another admin').waitFor();
  expect(await row.textContent()).toContain('roll back to v1');
  await switchTo(second);
  await s.fresh('#/requests');
  await row.getByRole('button', { name: 'Review' }).click();
  await review.getByRole('heading', { name: 'Review: roll back to v1 e2e-rollback.policy (requested on v2)' }).waitFor();
  await review.getByText("The impact is of version 1's text", { exact: false }).waitFor();
  await eventually(async () => expect(await review.getByTestId('review-status').textContent()).toMatch(/^Lines added/), 60_000);
  await review.getByLabel('Comment').fill('v2 moved the billing day by mistake');
  await page.screenshot({ path: artifact('24-four-eyes-rollback-review.png'), fullPage: true });
  await review.getByRole('button', { name: 'Approve and roll back to v1' }).click();
  await page.locator('.toast', { hasText: 'Approved: e2e-rollback.policy is rolled back to v1.' }).waitFor();
  await row.getByText('approved by Second admin (published v3): “v2 moved the billing day by mistake”').waitFor();

  const versions = await s.api<{ version: number; author: string; message: string }[]>('GET', `/api/policies/${id}/versions`);
  expect(versions.map((v) => [v.version, v.message])).toEqual([[3, 'Roll back to version 1'], [2, 'v2'], [1, 'v1']]);
  expect(versions[0].author).toBe('admin (PROVISO_ADMIN_KEY)');
  expect((await s.api<{ source: string }>('GET', `/api/policies/${id}/versions/3`)).source).toBe(v1);
  const audit = await s.api<{ items: { action: string; actorName: string | null; detail: { request?: string; from?: number; rollbackTo?: number } }[] }>(
    'GET',
    `/api/audit?entityType=policy&entityId=${id}`,
  );
  const mine = audit.items.filter((a) => a.detail.request === asked.items[0].id).map((a) => [a.action, a.actorName]);
  expect(mine).toEqual(expect.arrayContaining([['policy.publish-request', 'admin (PROVISO_ADMIN_KEY)'], ['policy.publish-approve', 'Second admin'], ['policy.rollback', 'Second admin']]));
  expect(mine).toHaveLength(3);
});

test('a request the document was published past since: approving it is refused in the review, naming both versions, and only Reject is left', async () => {
  const { page } = s;
  const second = await s.key('admin', 'Second admin');
  const id = await publishedThrough('e2e-overtaken.policy', [billOn('E2E overtaken', 712, 3)], second);
  await s.api('PUT', `/api/policies/${id}`, { source: billOn('E2E overtaken', 712, 4) });
  const asked = await s.api<{ id: string }>('POST', `/api/policies/${id}/publish-requests`, { message: 'Bill on the 4th' });

  await s.signIn(second);
  await s.fresh('#/requests');
  const row = page.getByRole('table', { name: 'Publish requests' }).locator(`tr[data-request-id="${asked.id}"]`);
  await row.getByRole('button', { name: 'Review' }).click();
  const review = page.getByTestId('publish-review');
  await eventually(async () => expect(await review.getByRole('button', { name: 'Approve and publish' }).isEnabled()).toBe(true), 60_000);

  // While the review is open, the service runs a while without four eyes and someone publishes directly (v2).
  try {
    await s.service.restart({ PROVISO_FOUR_EYES: '0' });
    await s.api('PUT', `/api/policies/${id}`, { source: billOn('E2E overtaken', 712, 5) });
    await s.api('POST', `/api/policies/${id}/publish`, { message: 'direct' });
  } finally {
    await s.service.restart(FOUR_EYES);
  }

  await review.getByLabel('Comment').fill('Looks fine');
  await review.getByRole('button', { name: 'Approve and publish' }).click();
  const refusal = "'e2e-overtaken.policy' was published since this request (now v2, requested on v1); reject it and ask again";
  // said by the buttons where the admin clicked, as an alert; the impact above stays as it was
  const refused = review.getByTestId('review-refused');
  await eventually(async () => expect(await refused.textContent()).toBe(refusal));
  expect(await refused.isVisible()).toBe(true);
  expect(await refused.getAttribute('role')).toBe('alert');
  expect(await review.getByTestId('review-status').textContent()).toMatch(/^Lines added/);
  // Chromium itself logs the refused request (409) as a console error; only that one is expected.
  const logged = s.browser.problems.filter((p) => /status of 409/.test(p));
  expect(logged).toHaveLength(1);
  s.browser.problems.splice(s.browser.problems.indexOf(logged[0]), 1);
  await page.screenshot({ path: artifact('25-four-eyes-overtaken.png'), fullPage: true });
  await review.getByRole('button', { name: 'Cancel' }).click();
  await review.waitFor({ state: 'detached' });

  // Opened again, the review says it up front and offers only Reject.
  await row.getByRole('button', { name: 'Review' }).click();
  const overtaken = review.getByTestId('review-overtaken');
  await overtaken.waitFor();
  expect(await overtaken.textContent()).toBe(
    'e2e-overtaken.policy was published since this request (now v2, requested on v1): approving it is refused. Reject it and ask again.',
  );
  expect(await overtaken.getAttribute('role')).toBe('alert');
  expect(await review.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
  await eventually(async () => expect(await review.getByRole('button', { name: 'Reject' }).isEnabled()).toBe(true), 60_000);
  await review.getByLabel('Comment').fill('Overtaken by v2');
  await review.getByRole('button', { name: 'Reject' }).click();
  await page.locator('.toast', { hasText: 'Rejected the request for e2e-overtaken.policy.' }).waitFor();

  const versions = await s.api<{ version: number; message: string }[]>('GET', `/api/policies/${id}/versions`);
  expect(versions.map((v) => [v.version, v.message])).toEqual([[2, 'direct'], [1, 'v1']]);
  expect((await s.api<{ status: string; comment: string }>('GET', `/api/publish-requests/${asked.id}`)).status).toBe('rejected');
});
