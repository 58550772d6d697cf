// Accounts: search by id or name, filter by currency and attribute; an account
// opens to its order products (each with its timeline), invoices and contracts.
import { api } from '../api/api-client.js';
import type { AccountDetail, AccountSummary } from '../api/api-types.js';
import { groupThousands } from '../ui/amounts.js';
import { field, h } from '../ui/dom.js';
import { filterList } from '../ui/filter-list.js';
import type { Screen } from './app-context.js';

const attributesText = (a: Readonly<Record<string, unknown>>): string =>
  Object.entries(a)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');

export const accountsScreen: Screen = (root, ctx, params) => {
  if (params.id) return accountDetail(root, params.id);
  const q = h('input', { type: 'search', name: 'accountSearch', placeholder: 'Id or name' });
  const currency = h('input', { type: 'text', name: 'accountCurrency', placeholder: 'EUR', maxlength: 3, size: 4 });
  const attribute = h('input', { type: 'text', name: 'accountAttribute', placeholder: 'region=EMEA' });
  const list = filterList<AccountSummary>({
    label: 'Find accounts',
    search: true,
    fields: [field('Search', q), field('Currency', currency), field('Attribute', attribute, 'name=value')],
    submitLabel: 'Search',
    moreLabel: 'More accounts',
    loadingText: 'Searching…',
    query: () => {
      const query = new URLSearchParams({ limit: '100' });
      if (q.value.trim()) query.set('q', q.value.trim());
      if (currency.value.trim()) query.set('currency', currency.value.trim().toUpperCase());
      if (attribute.value.trim()) query.set('attribute', attribute.value.trim());
      return query;
    },
    fetchPage: (query) => api<{ items: AccountSummary[]; nextCursor: string | null }>('GET', `/api/accounts?${query}`),
    row: (a) =>
      h('tr', { 'data-account-id': a.id },
        h('td', {}, h('a', { href: `#/accounts/${encodeURIComponent(a.id)}` }, a.name)),
        h('td', {}, a.id),
        h('td', {}, a.currency),
        h('td', {}, attributesText(a.attributes)),
        h('td', { class: 'num' }, String(a.orders ?? '')),
      ),
    summary: (shown, more) => (shown === 0 ? 'No account matches.' : `${shown} account(s)${more ? ' so far' : ''}.`),
  });
  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Accounts')),
    list.form,
    list.status,
    h('table', { class: 'grid', 'aria-label': 'Accounts' },
      h('thead', {}, h('tr', {}, ['Name', 'Id', 'Currency', 'Attributes', 'Orders'].map((t) => h('th', { scope: 'col' }, t)))),
      list.tbody,
    ),
    list.more,
  );
  void ctx;
  list.reload();
};

function accountDetail(root: HTMLElement, id: string): void {
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading the account…');
  const body = h('div', {});
  root.append(h('div', { class: 'screen-head' }, h('h1', {}, 'Account'), h('a', { href: '#/accounts' }, '← All accounts')), status, body);
  api<AccountDetail>('GET', `/api/accounts/${encodeURIComponent(id)}`)
    .then((a) => {
      status.textContent = '';
      document.title = `${a.name} — Proviso`;
      root.querySelector('h1')!.textContent = `${a.name} (${a.id})`;
      body.replaceChildren(
        h('dl', { class: 'impact-summary' },
          h('dt', {}, 'Currency'), h('dd', {}, a.currency),
          h('dt', {}, 'Time zone'), h('dd', {}, a.timezone),
          h('dt', {}, 'Billing day'), h('dd', {}, a.billingDayOfMonth === null ? 'not set' : String(a.billingDayOfMonth)),
          h('dt', {}, 'Attributes'), h('dd', {}, attributesText(a.attributes) || 'none'),
          h('dt', {}, 'Contracts'), h('dd', {}, a.contracts.map((c) => `${c.id} ${c.startDate} – ${c.endDate ?? 'open'}`).join(', ') || 'none'),
        ),
        h('h2', {}, `Order products (${a.orderProducts.length})`),
        h('table', { class: 'grid', 'aria-label': 'Order products' },
          h('thead', {}, h('tr', {}, ['Order product', 'Product', 'Order', 'Billing', 'Quantity × price', 'Term', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {},
            a.orderProducts.map((p) =>
              h('tr', {},
                h('td', {}, p.id),
                h('td', {}, p.productName),
                h('td', {}, p.orderId),
                h('td', {}, `${p.billingFrequency ?? 'one-time'}${p.holdBilling ? ', billing hold' : ''}`),
                h('td', { class: 'num' }, `${p.quantity} × ${groupThousands(p.unitPrice)}`),
                h('td', {}, `${p.startDate} – ${p.endDate ?? 'open'}`),
                h('td', {}, h('a', { href: `#/timeline/${encodeURIComponent(p.id)}?${new URLSearchParams({ account: a.id })}` }, 'Timeline')),
              ),
            ),
          ),
        ),
        h('h2', {}, `Invoices (${a.invoices.length})`),
        h('table', { class: 'grid', 'aria-label': 'Invoices of the account' },
          h('thead', {}, h('tr', {}, ['Invoice', 'Date', 'Status', 'Total', 'Lines'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {},
            a.invoices.length
              ? a.invoices.map((i) =>
                  h('tr', {},
                    h('td', {}, h('a', { href: `#/invoices/${encodeURIComponent(i.id)}` }, i.number ?? `Draft of ${i.invoiceDate}`)),
                    h('td', {}, i.invoiceDate),
                    h('td', {}, i.status),
                    h('td', { class: 'num' }, `${groupThousands(i.total)} ${i.currency}`),
                    h('td', { class: 'num' }, String(i.lines)),
                  ),
                )
              : [h('tr', {}, h('td', { colspan: '5' }, 'No invoices yet.'))],
          ),
        ),
      );
    })
    .catch((err: Error) => {
      status.textContent = err.message;
      status.dataset.kind = 'error';
    });
}
