// The audit log: who did what to which record, newest first, filtered by the
// kind of record; "More" pages back (GET /api/audit, keyset cursor).
import { api } from '../api/api-client.js';
import type { AuditEntry } from '../api/api-types.js';
import { field, formatTime, h } from '../ui/dom.js';
import { filterList } from '../ui/filter-list.js';
import type { Screen } from './app-context.js';

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
  const list = filterList<AuditEntry>({
    label: 'Filter the audit log',
    fields: [field('Record', kind)],
    submitLabel: 'Show',
    moreLabel: 'Older entries',
    query: () => {
      const q = new URLSearchParams({ limit: '100' });
      if (kind.value) q.set('entityType', kind.value);
      return q;
    },
    fetchPage: (q) => api<{ items: AuditEntry[]; nextCursor: string | null }>('GET', `/api/audit?${q}`),
    row: (a) => {
      const link = a.entityType && a.entityId ? LINKS[a.entityType]?.(a.entityId) : undefined;
      const detail = a.detail && typeof a.detail === 'object' ? (a.detail as Record<string, unknown>) : {};
      const name = typeof detail.name === 'string' ? detail.name : a.entityId;
      return h('tr', {},
        h('td', {}, formatTime(a.at)),
        h('td', {}, a.actorName ?? (a.actorKeyId ? a.actorKeyId : 'system')),
        h('td', {}, a.action),
        h('td', {}, link ? h('a', { href: link }, `${a.entityType} ${name ?? ''}`) : `${a.entityType ?? ''} ${name ?? ''}`),
        h('td', {}, detailText(detail)),
      );
    },
    summary: (shown, more) => `${shown} entr${shown === 1 ? 'y' : 'ies'}${more ? ', more below' : ''}.`,
  });
  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Audit log')),
    list.form,
    list.status,
    h('table', { class: 'grid', 'aria-label': 'Audit log' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Record', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
      list.tbody,
    ),
    list.more,
  );
  list.reload();
};
