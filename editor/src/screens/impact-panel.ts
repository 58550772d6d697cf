// Impact: the draft against the published version on the whole stored book for
// a date — lines added, removed and changed, amount deltas per account and total.
import { api } from '../api/api-client.js';
import { groupThousands } from '../ui/amounts.js';
import { field, h } from '../ui/dom.js';
import type { AppContext } from './app-context.js';
import { today } from './simulation-panel.js';

export interface ImpactResult {
  readonly added: number | readonly unknown[];
  readonly removed: number | readonly unknown[];
  readonly changed: number | readonly unknown[];
  readonly perAccount: readonly { accountId: string; currency: string; before: string; after: string; delta: string }[];
  readonly total: string | Record<string, string> | readonly { currency: string; delta: string }[];
  readonly newlyHeld?: readonly string[];
  readonly released?: readonly string[];
  /** The whole result's line counts (added, removed, changed hold one page of them). */
  readonly counts?: { readonly added: number; readonly removed: number; readonly changed: number };
}

const count = (x: number | readonly unknown[]): number => (typeof x === 'number' ? x : x.length);

export function totalText(total: ImpactResult['total']): string {
  if (typeof total === 'string') return total;
  if (Array.isArray(total) && total.length === 0) return '0';
  if (Array.isArray(total)) return total.map((t: { currency: string; delta: string }) => `${signed(t.delta)} ${t.currency}`).join(', ');
  return Object.entries(total as Record<string, string>)
    .map(([cur, d]) => `${signed(d)} ${cur}`)
    .join(', ');
}

/** A delta as shown: signed, thousands separated. */
export function signed(d: string): string {
  return groupThousands(/^-/.test(d) || /^0(\.0+)?$/.test(d) ? d : `+${d}`);
}

export function impactPanel(root: HTMLElement, _ctx: AppContext, getDraft: () => { id?: string; name: string; source: string }): void {
  const asOf = h('input', { type: 'date', name: 'impactAsOf', required: true, value: today() });
  const run = h('button', { type: 'submit', class: 'primary' }, 'Compare with published');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'impact-results' });
  const form = h('form', { class: 'panel-form', 'aria-label': 'Impact' }, field('As of date', asOf), run);
  root.append(
    h('p', {}, 'What would change on the whole stored book if this draft were published.'),
    form,
    status,
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const d = getDraft();
    run.disabled = true;
    status.textContent = 'Comparing…';
    status.dataset.kind = 'info';
    api<ImpactResult>('POST', '/api/impact', { asOf: asOf.value, drafts: [{ ...(d.id ? { id: d.id } : {}), name: d.name, source: d.source }] })
      .then((r) => {
        const n = r.counts ?? { added: count(r.added), removed: count(r.removed), changed: count(r.changed) };
        status.textContent = `Lines added ${n.added}, removed ${n.removed}, changed ${n.changed}. Total delta ${totalText(r.total)}.`;
        status.dataset.kind = 'ok';
        out.replaceChildren(renderImpact(r));
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
      })
      .finally(() => {
        run.disabled = false;
      });
  });
}

export function renderImpact(r: ImpactResult): HTMLElement {
  const n = r.counts ?? { added: count(r.added), removed: count(r.removed), changed: count(r.changed) };
  const summary = h(
    'dl',
    { class: 'impact-summary' },
    h('dt', {}, 'Lines added'), h('dd', { 'data-testid': 'impact-added' }, String(n.added)),
    h('dt', {}, 'Lines removed'), h('dd', { 'data-testid': 'impact-removed' }, String(n.removed)),
    h('dt', {}, 'Lines changed'), h('dd', { 'data-testid': 'impact-changed' }, String(n.changed)),
    h('dt', {}, 'Total delta'), h('dd', { 'data-testid': 'impact-total' }, totalText(r.total)),
    r.newlyHeld ? [h('dt', {}, 'Newly held'), h('dd', {}, r.newlyHeld.length ? r.newlyHeld.join(', ') : 'none')] : null,
    r.released ? [h('dt', {}, 'Released'), h('dd', {}, r.released.length ? r.released.join(', ') : 'none')] : null,
  );
  const rows = r.perAccount.map((a) =>
    h('tr', { class: /^-/.test(a.delta) ? 'neg' : /^0(\.0+)?$/.test(a.delta) ? '' : 'pos' },
      h('th', { scope: 'row' }, a.accountId),
      h('td', {}, a.currency),
      h('td', { class: 'num' }, groupThousands(a.before)),
      h('td', { class: 'num' }, groupThousands(a.after)),
      h('td', { class: 'num delta' }, signed(a.delta)),
    ),
  );
  const table = h('table', { class: 'grid', 'aria-label': 'Amount deltas per account' },
    h('thead', {}, h('tr', {}, ...['Account', 'Currency', 'Published', 'Draft', 'Delta'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length ? rows : [h('tr', {}, h('td', { colspan: '5' }, 'No account changes.'))]),
  );
  return h('div', {}, summary, table);
}
