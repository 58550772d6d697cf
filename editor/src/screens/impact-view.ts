// The impact of a draft as a finance admin reads it (the Impact panel and the
// publish review): counts per category, totals per currency, and each
// category (and each account's delta) drills down to the lines behind it.
import type { Impact, ImpactLine, ImpactNames } from '../api/api-types.js';
import { accountLabel, impactAccountNames, productAndAccountText, productText } from '../api/names.js';
import { groupThousands } from '../ui/amounts.js';
import { h } from '../ui/dom.js';

/** A delta as shown: signed, thousands separated. */
export function signed(d: string): string {
  return groupThousands(/^-/.test(d) || /^0(\.0+)?$/.test(d) ? d : `+${d}`);
}

export function totalText(total: Impact['total']): string {
  return total.length === 0 ? '0' : total.map((t) => `${signed(t.delta)} ${t.currency}`).join(', ');
}

export function impactSentence(r: Impact): string {
  return (
    `Lines added ${r.added.length}, removed ${r.removed.length}, changed ${r.changed.length}; ` +
    `credits ${(r.credits ?? []).length}, re-billed ${(r.rebilled ?? []).length}, new errors ${(r.newErrors ?? []).length}, newly held ${r.newlyHeld.length}. ` +
    `Total delta ${totalText(r.total)}.`
  );
}

/** An order product as shown: its name (and code, and account when `withAccount`), the id as secondary text. */
function orderProduct(names: ImpactNames, id: string, withAccount: boolean, tag: 'span' | 'strong' = 'span'): HTMLElement[] {
  const name = withAccount ? productAndAccountText(names, id) : productText(names, id);
  return name ? [h(tag, { class: 'name' }, name), h('small', { class: 'hint id' }, ` ${id}`)] : [h(tag, {}, id)];
}

const deltaClass = (d: string): string => (/^-/.test(d) ? 'neg' : /^0(\.0+)?$/.test(d) ? '' : 'pos');

function linesTable(label: string, lines: readonly ImpactLine[], names: ImpactNames, before?: readonly ImpactLine[]): HTMLElement {
  const accounts = impactAccountNames(names);
  const head = ['Account', 'Order product', 'Kind', 'Period', 'Billing date', ...(before ? ['Published', 'Draft'] : ['Amount'])];
  return h('table', { class: 'grid lines', 'aria-label': label },
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {},
      lines.map((l, i) =>
        h('tr', {},
          h('td', {}, accountLabel(accounts, l.accountId)),
          h('td', {}, orderProduct(names, l.orderProductId, false)),
          h('td', {}, l.kind ?? 'charge'),
          h('td', {}, `${l.periodStart} – ${l.periodEnd}`),
          h('td', {}, l.billingDate),
          before ? h('td', { class: 'num' }, `${groupThousands(before[i]!.amount)} ${l.currency}`) : null,
          h('td', { class: 'num' }, `${groupThousands(l.amount)} ${l.currency}`),
        ),
      ),
    ),
  );
}

/** One category: its count, opening to the lines behind it. */
function drill(id: string, title: string, count: number, body: () => HTMLElement): HTMLElement {
  const d = h('details', { class: 'drill', 'data-testid': `drill-${id}` }, h('summary', {}, `${title} (${count})`));
  if (count === 0) {
    d.append(h('p', { class: 'hint' }, 'None.'));
    return d;
  }
  // Built when first opened: a large book has thousands of lines.
  d.addEventListener('toggle', () => {
    if (d.open && d.children.length === 1) d.append(body());
  });
  return d;
}

export function renderImpact(r: Impact, names: ImpactNames = r.names ?? { accounts: {}, orderProducts: {} }): HTMLElement {
  const accounts = impactAccountNames(names);
  const credits = r.credits ?? [];
  const rebilled = r.rebilled ?? [];
  const newErrors = r.newErrors ?? [];
  const summary = h('dl', { class: 'impact-summary' },
    h('dt', {}, 'Lines added'), h('dd', { 'data-testid': 'impact-added' }, String(r.added.length)),
    h('dt', {}, 'Lines removed'), h('dd', { 'data-testid': 'impact-removed' }, String(r.removed.length)),
    h('dt', {}, 'Lines changed'), h('dd', { 'data-testid': 'impact-changed' }, String(r.changed.length)),
    h('dt', {}, 'Credits'), h('dd', { 'data-testid': 'impact-credits' }, String(credits.length)),
    h('dt', {}, 'Re-billed coverage'), h('dd', { 'data-testid': 'impact-rebilled' }, String(rebilled.length)),
    h('dt', {}, 'New errors'), h('dd', { 'data-testid': 'impact-new-errors', class: newErrors.length ? 'bad' : '' }, String(newErrors.length)),
    h('dt', {}, 'Newly held'), h('dd', { 'data-testid': 'impact-newly-held' }, String(r.newlyHeld.length)),
    h('dt', {}, 'Released'), h('dd', { 'data-testid': 'impact-released' }, String(r.released.length)),
    h('dt', {}, 'Total delta'), h('dd', { 'data-testid': 'impact-total' }, totalText(r.total)),
  );
  const totals = h('table', { class: 'grid', 'aria-label': 'Totals per currency' },
    h('thead', {}, h('tr', {}, ['Currency', 'Published', 'Draft', 'Delta'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {},
      r.total.length
        ? r.total.map((t) =>
            h('tr', { class: deltaClass(t.delta) },
              h('th', { scope: 'row' }, t.currency),
              h('td', { class: 'num' }, groupThousands(t.before)),
              h('td', { class: 'num' }, groupThousands(t.after)),
              h('td', { class: 'num delta' }, signed(t.delta)),
            ),
          )
        : [h('tr', {}, h('td', { colspan: '4' }, 'Nothing is billed either way.'))],
    ),
  );
  const idList = (label: string, ids: readonly string[]): HTMLElement =>
    h('ul', { 'aria-label': label }, ids.map((id) => h('li', { 'data-order-product': id }, orderProduct(names, id, true))));
  const drills = h('div', { class: 'drills' },
    drill('added', 'Lines added', r.added.length, () => linesTable('Lines added', r.added, names)),
    drill('removed', 'Lines removed', r.removed.length, () => linesTable('Lines removed', r.removed, names)),
    drill('changed', 'Lines changed', r.changed.length, () => linesTable('Lines changed', r.changed.map((c) => c.after), names, r.changed.map((c) => c.before))),
    drill('credits', 'Credits', credits.length, () => linesTable('Credits', credits, names)),
    drill('rebilled', 'Re-billed coverage', rebilled.length, () => linesTable('Re-billed coverage', rebilled, names)),
    drill('new-errors', 'New errors', newErrors.length, () =>
      h('ul', { class: 'errors', 'aria-label': 'New errors' }, newErrors.map((e) => h('li', { 'data-order-product': e.orderProductId }, orderProduct(names, e.orderProductId, true, 'strong'), ` ${e.code}: ${e.message}`))),
    ),
    drill('newly-held', 'Newly held', r.newlyHeld.length, () => idList('Newly held', r.newlyHeld)),
    drill('released', 'Released', r.released.length, () => idList('Released', r.released)),
  );
  const accountLines = h('div', { class: 'account-lines', 'aria-live': 'polite' });
  const showAccount = (accountId: string, currency: string): void => {
    const mine = (l: ImpactLine): boolean => l.accountId === accountId && l.currency === currency;
    const changed = r.changed.filter((c) => mine(c.after));
    accountLines.replaceChildren(
      h('h3', {}, `Lines behind the delta of ${accountLabel(accounts, accountId)} (${currency})`),
      linesTable('Added for the account', r.added.filter(mine), names),
      linesTable('Removed for the account', r.removed.filter(mine), names),
      linesTable('Changed for the account', changed.map((c) => c.after), names, changed.map((c) => c.before)),
    );
  };
  const rows = r.perAccount.map((a) =>
    h('tr', { class: deltaClass(a.delta) },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: () => showAccount(a.accountId, a.currency) }, accountLabel(accounts, a.accountId))),
      h('td', {}, a.currency),
      h('td', { class: 'num' }, groupThousands(a.before)),
      h('td', { class: 'num' }, groupThousands(a.after)),
      h('td', { class: 'num delta' }, signed(a.delta)),
    ),
  );
  const changedAccounts = rows.filter((_, i) => !/^0(\.0+)?$/.test(r.perAccount[i]!.delta));
  const perAccount = h('table', { class: 'grid', 'aria-label': 'Amount deltas per account' },
    h('thead', {}, h('tr', {}, ['Account', 'Currency', 'Published', 'Draft', 'Delta'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, changedAccounts.length ? changedAccounts : [h('tr', {}, h('td', { colspan: '5' }, 'No account changes.'))]),
  );
  return h('div', { class: 'impact' }, summary, h('h3', {}, 'Totals per currency'), totals, drills, h('h3', {}, 'Accounts whose amount changes'), perAccount, accountLines);
}
