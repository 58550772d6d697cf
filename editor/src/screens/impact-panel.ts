// Impact: the draft against the published version on the whole stored book for
// a date — lines added, removed and changed, credits, re-billed coverage, new
// errors and holds, totals per currency, each drilling down to its lines.
import { api } from '../api/api-client.js';
import type { Impact, ImpactNames } from '../api/api-types.js';
import { field, h } from '../ui/dom.js';
import type { AppContext } from './app-context.js';
import { impactSentence, renderImpact } from './impact-view.js';
import { today } from './simulation-panel.js';

export type Draft = { id?: string; name: string; source: string };

/** The impact of publishing these drafts on the stored book as of a date, with the names of what it mentions. */
export async function fetchImpact(asOf: string, drafts: readonly Draft[]): Promise<{ impact: Impact; names: ImpactNames }> {
  const body = { asOf, drafts: drafts.map((d) => ({ ...(d.id ? { id: d.id } : {}), name: d.name, source: d.source })) };
  const impact = await allImpactPages(body);
  return { impact, names: impact.names ?? { accounts: {}, orderProducts: {} } };
}

/** Every page of an impact (the service answers one page of lines at a time): the whole comparison, for the review; the pages' names merged. */
async function allImpactPages(body: object): Promise<Impact> {
  let page = await api<Impact>('POST', '/api/impact', { ...body, limit: 5000 });
  const all = { ...page, added: [...page.added], removed: [...page.removed], changed: [...page.changed], perAccount: [...page.perAccount], newlyHeld: [...page.newlyHeld], released: [...page.released], newErrors: [...(page.newErrors ?? [])], credits: [...(page.credits ?? [])], rebilled: [...(page.rebilled ?? [])] };
  const accounts = new Map(Object.entries(page.names?.accounts ?? {}));
  const orderProducts = new Map(Object.entries(page.names?.orderProducts ?? {}));
  while (page.nextCursor) {
    page = await api<Impact>('POST', '/api/impact', { ...body, limit: 5000, cursor: page.nextCursor });
    all.added.push(...page.added);
    all.removed.push(...page.removed);
    all.changed.push(...page.changed);
    all.perAccount.push(...page.perAccount);
    all.newlyHeld.push(...page.newlyHeld);
    all.released.push(...page.released);
    all.newErrors.push(...(page.newErrors ?? []));
    all.credits.push(...(page.credits ?? []));
    all.rebilled.push(...(page.rebilled ?? []));
    for (const [id, name] of Object.entries(page.names?.accounts ?? {})) accounts.set(id, name);
    for (const [id, p] of Object.entries(page.names?.orderProducts ?? {})) orderProducts.set(id, p);
  }
  return { ...all, nextCursor: null, names: { accounts: Object.fromEntries(accounts), orderProducts: Object.fromEntries(orderProducts) } };
}

export function impactPanel(root: HTMLElement, _ctx: AppContext, getDraft: () => Draft): void {
  const asOf = h('input', { type: 'date', name: 'impactAsOf', required: true, value: today() });
  const run = h('button', { type: 'submit', class: 'primary' }, 'Compare with published');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'impact-results' });
  const form = h('form', { class: 'panel-form', 'aria-label': 'Impact' }, field('As of date', asOf), run);
  root.append(h('p', {}, 'What would change on the whole stored book if this draft were published.'), form, status, out);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run.disabled = true;
    status.textContent = 'Comparing…';
    status.dataset.kind = 'info';
    fetchImpact(asOf.value, [getDraft()])
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
