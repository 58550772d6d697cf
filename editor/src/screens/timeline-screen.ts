// Timeline per order product: pick an account and a line, see its periods,
// billing dates, stubs, holds and overrides for 12 months from a chosen date
// (in the past too, to see billed history). The choice lives in the address
// (`#/timeline/<id>?from=<date>&account=<id>`), so a reload or a shared link
// shows the same timeline and the pickers keep their values.
import { api } from '../api/api-client.js';
import { allPages, client, send } from '../api/typed-client.js';
import { groupThousands } from '../ui/amounts.js';
import { field, h } from '../ui/dom.js';
import type { Screen } from './app-context.js';
import { today } from './simulation-panel.js';
import { readTimeline, timelineSvg, type Timeline } from './timeline-svg.js';

export const timelineScreen: Screen = (root, ctx, params) => {
  const [routeId, query = ''] = (params.id ?? '').split('?');
  const wanted = new URLSearchParams(query);
  const wantedFrom = /^\d{4}-\d{2}-\d{2}$/.test(wanted.get('from') ?? '') ? wanted.get('from')! : today();
  const wantedAccount = wanted.get('account') ?? '';
  const account = h('select', { name: 'tlAccount' }, h('option', { value: '' }, 'Choose an account'));
  const line = h('select', { name: 'tlLine' }, h('option', { value: '' }, 'Choose an order product'));
  const from = h('input', { type: 'date', name: 'tlFrom', value: wantedFrom });
  const show = h('button', { type: 'submit', class: 'primary' }, 'Show timeline');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const picture = h('figure', { class: 'timeline' });
  const table = h('div', {});
  const form = h('form', { class: 'panel-form inline', 'aria-label': 'Timeline' }, field('Account', account), field('Order product', line), field('From', from), show);
  root.append(h('div', { class: 'screen-head' }, h('h1', {}, 'Timeline')), form, status, picture, table);

  allPages((cursor) => send(client.GET('/api/accounts', { params: { query: { limit: 1000, cursor } } })))
    .then((all) => {
      for (const a of all) {
        account.append(h('option', { value: a.id, selected: a.id === wantedAccount }, a.name ? `${a.name} (${a.id})` : a.id));
      }
      if (wantedAccount && account.value === wantedAccount) loadLines(wantedAccount, routeId);
    })
    .catch((err: Error) => ctx.notify(err.message, 'error'));

  // Only the lines of the account chosen last are listed: an earlier choice's answer arriving late is dropped.
  let linesSeq = 0;
  const loadLines = (accountId: string, select?: string): void => {
    const mine = ++linesSeq;
    line.replaceChildren(h('option', { value: '' }, 'Choose an order product'));
    if (!accountId) return;
    allPages((cursor) => send(client.GET('/api/order-products', { params: { query: { accountId, limit: 1000, cursor } } })))
      .then((all) => {
        if (mine !== linesSeq) return;
        for (const op of all) {
          const name = typeof op.productName === 'string' ? op.productName : op.productCode;
          const frequency = typeof op.billingFrequency === 'string' ? ` (${op.billingFrequency})` : '';
          line.append(h('option', { value: op.id, selected: op.id === select }, `${op.id} — ${name}${frequency}`));
        }
      })
      .catch((err: Error) => ctx.notify(err.message, 'error'));
  };
  account.addEventListener('change', () => loadLines(account.value));

  const load = (id: string): void => {
    status.textContent = 'Loading…';
    api<Record<string, unknown>>('GET', `/api/order-products/${encodeURIComponent(id)}/timeline?from=${from.value}&months=12`)
      .then((raw) => {
        const tl = readTimeline(raw, id, from.value);
        const errs = Array.isArray(raw.errors) ? (raw.errors as { code: string; message: string }[]) : [];
        const held = tl.periods.find((p) => p.held)?.explanation;
        status.textContent = `${tl.periods.length} period(s) for ${tl.orderProductId}.${held ? ` ${held}` : ''}${errs.length ? ` Errors: ${errs.map((e) => `${e.code} ${e.message}`).join('; ')}` : ''}`;
        picture.replaceChildren(timelineSvg(tl), h('figcaption', {}, `Periods, billing dates, stubs, holds and overrides of ${tl.orderProductId} from ${tl.from}.`));
        table.replaceChildren(periodTable(tl));
      })
      .catch((err: Error) => {
        status.textContent = err.message;
        status.dataset.kind = 'error';
      });
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!line.value) {
      status.textContent = 'Choose an order product.';
      return;
    }
    const target = `#/timeline/${encodeURIComponent(line.value)}?${new URLSearchParams({ from: from.value || today(), ...(account.value ? { account: account.value } : {}) })}`;
    // A new address renders the screen afresh from it; the same address just reloads.
    if (location.hash === target) load(line.value);
    else ctx.navigate(target);
  });
  if (routeId) load(routeId);
};

function periodTable(tl: Timeline): HTMLElement {
  return h('table', { class: 'grid', 'aria-label': 'Periods' },
    h('thead', {}, h('tr', {}, ...['Period', 'Billing date', 'Kind', 'Amount', 'What billing does'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, tl.periods.map((p) => h('tr', { 'data-period': p.start },
      h('td', {}, `${p.start} – ${p.end}`),
      h('td', {}, p.billingDate),
      h('td', {}, p.stub ? `stub, ${p.proration ?? `× ${p.prorationFactor ?? '?'}`}` : 'full'),
      h('td', { class: 'num' }, p.amount ? groupThousands(p.amount) : ''),
      // the service's sentence (engine/explain): the same words as the API's `explanation`
      h('td', { class: 'explanation' }, p.explanation ?? ''),
    ))),
  );
}
