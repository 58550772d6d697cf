// Policy documents with their status: draft with changes, published version,
// error and warning counts. Opens a policy or creates a new one.
import { allPages, client, send } from '../api/typed-client.js';
import { toSummary, type PolicySummary } from '../api/api-types.js';
import { formatTime, h } from '../ui/dom.js';
import { canWrite, type Screen } from './app-context.js';

export function statusText(p: PolicySummary): string {
  const parts: string[] = [];
  parts.push(p.publishedVersion === null ? 'never published' : `published v${p.publishedVersion}`);
  if (p.draftChanged) parts.push('draft with changes');
  if (p.errorCount > 0) parts.push(`${p.errorCount} error${p.errorCount === 1 ? '' : 's'}`);
  if (p.warningCount > 0) parts.push(`${p.warningCount} warning${p.warningCount === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export const policyListScreen: Screen = (root, ctx) => {
  const tbody = h('tbody');
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading policies…');
  const newButton = canWrite(ctx)
    ? h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('#/policies/new') }, 'New policy')
    : null;
  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Policies'), newButton),
    status,
    h(
      'table',
      { class: 'grid', 'aria-label': 'Policy documents' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Updated'))),
      tbody,
    ),
  );
  allPages((cursor) => send(client.GET('/api/policies', { params: { query: { limit: 1000, cursor } } })))
    .then((docs) => {
      const rows = docs.map((d) => toSummary(d));
      status.textContent = rows.length === 0 ? 'No policies yet.' : `${rows.length} policy document${rows.length === 1 ? '' : 's'}.`;
      for (const p of rows) {
        const state = p.errorCount > 0 ? 'error' : p.draftChanged ? 'draft' : 'published';
        tbody.append(
          h(
            'tr',
            { 'data-policy-id': p.id },
            h('td', {}, h('a', { href: `#/policies/${encodeURIComponent(p.id)}` }, p.name)),
            h('td', {}, h('span', { class: `badge ${state}` }, statusText(p))),
            h('td', {}, formatTime(p.updatedAt)),
          ),
        );
      }
    })
    .catch((err: Error) => {
      status.textContent = err.message;
      status.dataset.kind = 'error';
    });
};
