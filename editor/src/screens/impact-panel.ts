// Impact: the draft against the published version on the whole stored book for
// a date — lines added, removed and changed, credits, re-billed coverage, new
// errors and holds, totals per currency, each drilling down to its lines.
import { api } from '../api/api-client.js';
import type { Impact, ImpactNames } from '../api/api-types.js';
import { field, h, nextId } from '../ui/dom.js';
import type { AppContext } from './app-context.js';
import { disableUntilReady, type DraftSource } from './draft-source.js';
import { impactSentence, renderImpact } from './impact-view.js';
import { today } from './simulation-panel.js';

export type Draft = { id?: string; name: string; source: string };

/** The impact of publishing these drafts on the stored book as of a date, with the names of what it mentions. */
export async function fetchImpact(asOf: string, drafts: readonly Draft[]): Promise<{ impact: Impact; names: ImpactNames }> {
  const body = { asOf, drafts: drafts.map((d) => ({ ...(d.id ? { id: d.id } : {}), name: d.name, source: d.source })) };
  const impact = await allImpactPages(body);
  return { impact, names: impact.names ?? { accounts: {}, orderProducts: {} } };
}

/** The lists of an impact that come a page at a time (the names of its `counts`). */
type ImpactList = keyof Impact['counts'];
const IMPACT_LISTS = ['added', 'removed', 'changed', 'credits', 'rebilled', 'newErrors', 'newlyHeld', 'released', 'perAccount'] as const satisfies readonly ImpactList[];
// A list the service adds to `counts` and not here is a type error.
const everyList: Exclude<ImpactList, (typeof IMPACT_LISTS)[number]> extends never ? true : never = true;
void everyList;

/** Every page of an impact (the service answers one page of lines at a time): the whole comparison, for the review; the pages' names merged. */
async function allImpactPages(body: object): Promise<Impact> {
  const first = await api<Impact>('POST', '/api/impact', { ...body, limit: 5000 });
  const lists = new Map<ImpactList, unknown[]>(IMPACT_LISTS.map((name) => [name, [...first[name]]]));
  const accounts = { ...first.names?.accounts };
  const orderProducts = { ...first.names?.orderProducts };
  for (let page = first; page.nextCursor; ) {
    page = await api<Impact>('POST', '/api/impact', { ...body, limit: 5000, cursor: page.nextCursor });
    for (const name of IMPACT_LISTS) lists.get(name)!.push(...page[name]);
    Object.assign(accounts, page.names?.accounts);
    Object.assign(orderProducts, page.names?.orderProducts);
  }
  return { ...first, ...Object.fromEntries(lists), nextCursor: null, names: { accounts, orderProducts } };
}

export function impactPanel(root: HTMLElement, _ctx: AppContext, source: DraftSource): void {
  const asOf = h('input', { type: 'date', name: 'impactAsOf', required: true, value: today() });
  const reason = h('span', { class: 'reason', id: nextId('impact-reason') });
  const run = h('button', { type: 'submit', class: 'primary', 'aria-describedby': reason.id }, 'Compare with published');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'impact-results' });
  const form = h('form', { class: 'panel-form', 'aria-label': 'Impact' }, field('As of date', asOf), run, reason);
  root.append(h('p', {}, 'What would change on the whole stored book if this draft were published.'), form, status, out);
  disableUntilReady(source, run, reason);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const draft = source.get();
    if (!draft) return;
    run.disabled = true;
    status.textContent = 'Comparing…';
    status.dataset.kind = 'info';
    fetchImpact(asOf.value, [draft])
      .then(({ impact, names }) => {
        status.textContent = impactSentence(impact);
        status.dataset.kind = 'ok';
        out.replaceChildren(renderImpact(impact, names));
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
