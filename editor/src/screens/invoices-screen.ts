// Invoices: filter by status, run, account and invoice date; an invoice opens
// to its lines (each in the service's words, with its trace), its credit note,
// and the post / discard / void actions an admin has.
import { api, listOf } from '../api/api-client.js';
import type { StoredInvoice } from '../api/api-types.js';
import { accountLabel, accountNames } from '../api/names.js';
import { groupThousands } from '../ui/amounts.js';
import { field, formatTime, h } from '../ui/dom.js';
import type { AppContext, Screen } from './app-context.js';

const invoiceName = (i: { number: string | null; invoiceDate: string }): string => i.number ?? `Draft of ${i.invoiceDate}`;

export const invoicesScreen: Screen = (root, ctx, params) => {
  if (params.id) return invoiceDetail(root, ctx, params.id);
  const statusSel = h('select', { name: 'invoiceStatus' }, ['', 'draft', 'posted', 'void'].map((s) => h('option', { value: s }, s || 'any')));
  const run = h('input', { type: 'text', name: 'invoiceRun', placeholder: 'run id' });
  const account = h('input', { type: 'text', name: 'invoiceAccount', placeholder: 'account id' });
  const from = h('input', { type: 'date', name: 'invoiceFrom' });
  const to = h('input', { type: 'date', name: 'invoiceTo' });
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const form = h('form', { class: 'panel-form inline', role: 'search', 'aria-label': 'Filter invoices' },
    field('Status', statusSel), field('Run', run), field('Account', account), field('From', from), field('To', to), h('button', { type: 'submit', class: 'primary' }, 'Filter'));
  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Invoices')),
    form,
    status,
    h('table', { class: 'grid', 'aria-label': 'Invoices' },
      h('thead', {}, h('tr', {}, ['Invoice', 'Account', 'Date', 'Status', 'Total', 'Lines'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
  );
  const load = (): void => {
    const query = new URLSearchParams({ limit: '500' });
    if (statusSel.value) query.set('status', statusSel.value);
    if (run.value.trim()) query.set('runId', run.value.trim());
    if (account.value.trim()) query.set('accountId', account.value.trim());
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', to.value);
    status.textContent = 'Loading invoices…';
    status.dataset.kind = 'info';
    Promise.all([api<unknown>('GET', `/api/invoices?${query}`), accountNames()])
      .then(([body, names]) => {
        const rows = listOf<StoredInvoice>(body, 'invoices');
        status.textContent = rows.length === 0 ? 'No invoice matches.' : `${rows.length} invoice(s).`;
        status.dataset.kind = 'ok';
        tbody.replaceChildren(
          ...rows.map((i) =>
            h('tr', { 'data-invoice-id': i.id },
              h('td', {}, h('a', { href: `#/invoices/${encodeURIComponent(i.id)}` }, invoiceName(i))),
              h('td', {}, h('a', { href: `#/accounts/${encodeURIComponent(i.accountId)}` }, accountLabel(names, i.accountId))),
              h('td', {}, i.invoiceDate),
              h('td', {}, i.status),
              h('td', { class: 'num' }, `${groupThousands(i.total)} ${i.currency}`),
              h('td', { class: 'num' }, String(i.lines.length)),
            ),
          ),
        );
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
      });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  load();
};

function invoiceDetail(root: HTMLElement, ctx: AppContext, id: string): void {
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading the invoice…');
  const body = h('div', {});
  const title = h('h1', {}, 'Invoice');
  root.append(h('div', { class: 'screen-head' }, title, h('a', { href: '#/invoices' }, '← All invoices')), status, body);
  const path = `/api/invoices/${encodeURIComponent(id)}`;
  /** The action row on screen: its buttons are off while an action runs, so a second click cannot act on the invoice it is changing. */
  let actionRow: HTMLElement | null = null;
  const setBusy = (busy: boolean): void => {
    for (const b of actionRow?.querySelectorAll('button') ?? []) b.disabled = busy;
  };
  const act = (what: string, run: () => Promise<unknown>): void => {
    status.textContent = `${what}…`;
    status.dataset.kind = 'info';
    setBusy(true);
    run()
      .then(() => {
        ctx.notify(`${what}: done.`, 'ok');
        load();
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
        setBusy(false);
      });
  };
  const actions = (inv: StoredInvoice): HTMLElement | null => {
    if (ctx.role !== 'admin') return h('p', { class: 'hint' }, 'Only an admin posts, discards or voids invoices.');
    if (inv.status === 'draft') {
      return h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Invoice actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => act('Post', () => api('POST', `${path}/post`)) }, 'Post (number it)'),
        h('button', { type: 'button', onclick: () => window.confirm('Discard this draft? Its periods are billed again by the next run.') && act('Discard', () => api('POST', `${path}/discard`)) }, 'Discard draft'),
      );
    }
    if (inv.status === 'posted') {
      const reason = h('input', { type: 'text', name: 'voidReason', placeholder: 'Why it is voided' });
      return h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Invoice actions' },
        field('Void reason', reason),
        h('button', {
          type: 'button',
          onclick: () => window.confirm(`Void ${inv.number}? A credit note offsets it and its periods are billed again.`) && act('Void', () => api('POST', `${path}/void`, reason.value.trim() ? { reason: reason.value.trim() } : {})),
        }, 'Void with a credit note'),
      );
    }
    return null;
  };
  const load = (): void => {
    Promise.all([api<StoredInvoice>('GET', path), accountNames()])
      .then(([inv, names]) => {
        status.textContent = '';
        title.textContent = `Invoice ${invoiceName(inv)}`;
        document.title = `${invoiceName(inv)} — Proviso`;
        actionRow = actions(inv);
        body.replaceChildren(
          h('dl', { class: 'impact-summary', 'aria-label': 'Invoice' },
            h('dt', {}, 'Account'), h('dd', {}, h('a', { href: `#/accounts/${encodeURIComponent(inv.accountId)}` }, accountLabel(names, inv.accountId))),
            h('dt', {}, 'Invoice date'), h('dd', {}, inv.invoiceDate),
            h('dt', {}, 'Status'), h('dd', { 'data-testid': 'invoice-status' }, `${inv.status}${inv.postedAt ? ` (posted ${formatTime(inv.postedAt)})` : ''}${inv.voidedAt ? `, voided ${formatTime(inv.voidedAt)}${inv.voidReason ? `: ${inv.voidReason}` : ''}` : ''}`),
            h('dt', {}, 'Total'), h('dd', { 'data-testid': 'invoice-total' }, `${groupThousands(inv.total)} ${inv.currency}`),
            h('dt', {}, 'Billing run'), h('dd', {}, h('a', { href: `#/runs/${encodeURIComponent(inv.runId)}` }, inv.runId)),
            inv.creditNote
              ? [h('dt', {}, 'Credit note'), h('dd', { 'data-testid': 'credit-note' }, `${inv.creditNote.number} of ${inv.creditNote.issueDate}: ${groupThousands(inv.creditNote.total)} ${inv.currency}${inv.creditNote.reason ? ` (${inv.creditNote.reason})` : ''}`)]
              : null,
          ),
          actionRow ?? '',
          h('h2', {}, `Lines (${inv.lines.length})`),
          h('ol', { class: 'invoice-lines', 'aria-label': 'Invoice lines' },
            inv.lines.map((l) =>
              h('li', { class: 'invoice-line', 'data-order-product': l.orderProductId },
                h('div', {}, h('strong', {}, l.orderProductId), ` ${l.explanation ?? `${l.periodStart} – ${l.periodEnd}: ${l.amount}`}`),
                l.traceWords && l.traceWords.length
                  ? h('details', {}, h('summary', {}, 'Why'), h('ul', { class: 'trace', 'aria-label': `Why ${l.orderProductId} ${l.periodStart}` }, l.traceWords.map((t) => h('li', {}, t))))
                  : null,
              ),
            ),
          ),
        );
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
      });
  };
  load();
}
