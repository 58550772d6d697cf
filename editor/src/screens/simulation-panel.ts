// Simulation: what a billing run on a date would invoice, hold and report with
// the draft in the editor applied in place of its published version inside the
// whole published library (optionally with the other unpublished drafts), on
// the stored book (optionally some accounts) or on a pasted order book. Each
// line shows its arithmetic and its trace in words.
import { api } from '../api/api-client.js';
import { allPages, client, send } from '../api/typed-client.js';
import type { SimulationResult } from '../api/api-types.js';
import { groupThousands } from '../ui/amounts.js';
import { field, h, nextId } from '../ui/dom.js';
import type { AppContext } from './app-context.js';
import { disableUntilReady, type DraftSource } from './draft-source.js';

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface LibraryUsed {
  readonly published: readonly { name: string; version: number }[];
  readonly drafts: readonly { id?: string; name: string }[];
}

export function simulationPanel(root: HTMLElement, _ctx: AppContext, source: DraftSource): void {
  const asOf = h('input', { type: 'date', name: 'simAsOf', required: true, value: today() });
  const accounts = h('select', { name: 'simAccounts', multiple: true, size: 4 });
  const bookText = h('textarea', { name: 'simBook', rows: 4, placeholder: '{ "accounts": [...], "orderProducts": [...] }', spellcheck: 'false' });
  const otherDrafts = h('input', { type: 'checkbox', name: 'simOtherDrafts' });
  const reason = h('span', { class: 'reason', id: nextId('sim-reason') });
  const run = h('button', { type: 'submit', class: 'primary', 'aria-describedby': reason.id }, 'Simulate draft');
  const used = h('p', { class: 'hint', 'data-testid': 'sim-library' });
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'sim-results' });
  const form = h(
    'form',
    { class: 'panel-form', 'aria-label': 'Simulation' },
    field('As of date', asOf),
    field('Accounts (none selected: all)', accounts, 'Ctrl/Cmd-click to pick several.'),
    field('Or paste an order book (JSON)', bookText, 'When given, the stored book is not used.'),
    h('label', { class: 'check' }, otherDrafts, ' Also apply the other unpublished drafts'),
    run,
    reason,
  );
  disableUntilReady(source, run, reason);
  root.append(
    h('p', {}, 'The draft replaces its published version; every other published policy still applies.'),
    form,
    status,
    used,
    out,
  );

  allPages((cursor) => send(client.GET('/api/accounts', { params: { query: { limit: 1000, cursor } } })))
    .then((all) => {
      for (const a of all) {
        accounts.append(h('option', { value: a.id }, a.name ? `${a.name} (${a.id})` : a.id));
      }
    })
    .catch(() => accounts.append(h('option', { disabled: true }, 'Accounts unavailable')));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const draft = source.get();
    if (!draft) return;
    let book: unknown;
    if (bookText.value.trim()) {
      try {
        book = JSON.parse(bookText.value);
      } catch (err) {
        status.textContent = `The pasted book is not valid JSON: ${(err as Error).message}`;
        status.dataset.kind = 'error';
        return;
      }
    }
    const picked = [...accounts.selectedOptions].map((o) => o.value);
    status.textContent = 'Simulating…';
    status.dataset.kind = 'info';
    run.disabled = true;
    const body: Record<string, unknown> = { asOf: asOf.value, draft };
    if (otherDrafts.checked) body.otherDrafts = true;
    if (book !== undefined) body.book = book;
    if (picked.length) body.accountIds = picked;
    // one page at a time (invoices, then holds and errors: the API bounds its answer); "Load more" follows nextCursor
    const shown: SimulationResult['invoices'][number][] = [];
    const shownHolds: SimulationResult['holds'][number][] = [];
    const shownErrors: SimulationResult['errors'][number][] = [];
    const show = (r: SimulationResult & { library?: LibraryUsed }): void => {
      shown.push(...r.invoices);
      shownHolds.push(...r.holds);
      shownErrors.push(...r.errors);
      const total = r.totals?.invoices ?? shown.length;
      const holds = r.totals?.holds ?? shownHolds.length;
      const errors = r.totals?.errors ?? shownErrors.length;
      status.textContent = `${total} invoice(s), ${holds} hold(s), ${errors} error(s) as of ${r.asOf}.`;
      status.dataset.kind = 'ok';
      const more = r.nextCursor
        ? h('button', { type: 'button', class: 'load-more' }, `Load more (${shown.length} of ${total} invoices, ${shownHolds.length} of ${holds} holds shown)`)
        : null;
      more?.addEventListener('click', () => {
        more.disabled = true;
        api<SimulationResult & { library?: LibraryUsed }>('POST', '/api/simulate', { ...body, cursor: r.nextCursor })
          .then(show)
          .catch((err: Error) => {
            status.textContent = err.message;
            status.dataset.kind = 'error';
            more.disabled = false;
          });
      });
      out.replaceChildren(renderSimulation({ ...r, invoices: [...shown], holds: [...shownHolds], errors: [...shownErrors] }, total), ...(more ? [more] : []));
    };
    api<SimulationResult & { library?: LibraryUsed }>('POST', '/api/simulate', body)
      .then((r) => {
        used.textContent = r.library ? libraryText(r.library) : '';
        show(r);
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

function libraryText(lib: LibraryUsed): string {
  const [mine, ...others] = lib.drafts;
  const published = lib.published.length ? `${lib.published.length} published document(s) (${lib.published.map((p) => `${p.name} v${p.version}`).join(', ')})` : 'no other published documents';
  return `Simulated with this draft (${mine?.name ?? 'draft'}), ${published}${others.length ? `, and the unpublished drafts ${others.map((d) => d.name).join(', ')}` : ''}.`;
}

/** `total`: invoices of the whole result when `r.invoices` is a part of it. */
export function renderSimulation(r: SimulationResult, total = r.invoices.length): HTMLElement {
  const wrap = h('div', { class: 'simulation' });
  wrap.append(h('h3', {}, total === r.invoices.length ? `Invoices (${total})` : `Invoices (${r.invoices.length} of ${total})`));
  for (const [i, inv] of r.invoices.entries()) {
    const lines = inv.lines.map((l) =>
      h(
        'li',
        { class: 'invoice-line', 'data-order-product': l.orderProductId },
        // the service's words (engine/explain): `explanation` and `traceWords` of each line
        h('div', {}, h('strong', {}, l.orderProductId), ` ${l.explanation ?? `${l.periodStart} – ${l.periodEnd}: ${l.amount}`}`),
        l.traceWords && l.traceWords.length
          ? h('ul', { class: 'trace', 'aria-label': `Why ${l.orderProductId} ${l.periodStart}` }, l.traceWords.map((t) => h('li', {}, t)))
          : h('p', { class: 'trace none' }, 'No policy changed this line (defaults).'),
      ),
    );
    wrap.append(
      h('details', { class: 'invoice', open: i === 0 || r.invoices.length <= 5 },
        h('summary', {}, `${inv.accountId} · ${inv.invoiceDate} · ${groupThousands(inv.total)} ${inv.currency} · ${inv.lines.length} line(s)`),
        h('ul', {}, lines),
      ),
    );
  }
  wrap.append(h('h3', {}, `Holds (${r.holds.length})`));
  wrap.append(
    h('ul', { class: 'holds' }, r.holds.map((x) => h('li', {}, h('strong', {}, x.orderProductId), ` ${x.explanation ?? `Held: ${x.reasons.join('; ')}.`}`))),
  );
  wrap.append(h('h3', {}, `Errors (${r.errors.length})`));
  wrap.append(h('ul', { class: 'errors' }, r.errors.map((x) => h('li', {}, h('strong', {}, x.orderProductId), ` ${x.code}: ${x.message}`))));
  return wrap;
}
