// The audit log: who did what to which record, newest first, filtered by the
// kind of record; "More" pages back (GET /api/audit, keyset cursor).
import { api } from '../api/api-client.js';
import { field, formatTime, h } from '../ui/dom.js';
import type { Screen } from './app-context.js';

interface AuditRow {
  readonly id: string;
  readonly at: string;
  readonly actorKeyId: string | null;
  readonly actorName?: string | null;
  readonly action: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly detail: Record<string, unknown>;
}

const LINKS: Readonly<Record<string, (id: string) => string>> = {
  invoice: (id) => `#/invoices/${encodeURIComponent(id)}`,
  'billing-run': (id) => `#/runs/${encodeURIComponent(id)}`,
  policy: (id) => `#/policies/${encodeURIComponent(id)}`,
};

function detailText(d: Record<string, unknown>): string {
  return Object.entries(d)
    .filter(([k]) => k !== 'checksum')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

export const auditScreen: Screen = (root) => {
  const kind = h('select', { name: 'auditEntity' }, ['', 'policy', 'invoice', 'billing-run', 'api-key', 'book', 'quote'].map((k) => h('option', { value: k }, k || 'everything')));
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, 'Older entries');
  const form = h('form', { class: 'panel-form inline', 'aria-label': 'Filter the audit log' }, field('Record', kind), h('button', { type: 'submit', class: 'primary' }, 'Show'));
  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Audit log')),
    form,
    status,
    h('table', { class: 'grid', 'aria-label': 'Audit log' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Record', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
    more,
  );
  let cursor: string | null = null;
  const load = (fresh: boolean): void => {
    const q = new URLSearchParams({ limit: '100' });
    if (kind.value) q.set('entityType', kind.value);
    if (!fresh && cursor) q.set('cursor', cursor);
    api<{ items: AuditRow[]; nextCursor: string | null }>('GET', `/api/audit?${q}`)
      .then((r) => {
        if (fresh) tbody.replaceChildren();
        for (const a of r.items) {
          const link = a.entityType && a.entityId ? LINKS[a.entityType]?.(a.entityId) : undefined;
          const name = typeof a.detail?.name === 'string' ? a.detail.name : a.entityId;
          tbody.append(
            h('tr', {},
              h('td', {}, formatTime(a.at)),
              h('td', {}, a.actorName ?? (a.actorKeyId ? a.actorKeyId : 'system')),
              h('td', {}, a.action),
              h('td', {}, link ? h('a', { href: link }, `${a.entityType} ${name ?? ''}`) : `${a.entityType ?? ''} ${name ?? ''}`),
              h('td', {}, detailText(a.detail ?? {})),
            ),
          );
        }
        cursor = r.nextCursor;
        more.hidden = !cursor;
        status.textContent = `${tbody.children.length} entr${tbody.children.length === 1 ? 'y' : 'ies'}${cursor ? ', more below' : ''}.`;
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
      });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(true);
  });
  more.addEventListener('click', () => load(false));
  load(true);
};
