// A filter form over a cursor-paged list (the accounts, the audit log):
// submitting it loads the first page afresh, "More" appends the next page of
// the filter that was submitted (not of fields edited since). Only the answer
// to the latest request is shown and "More" is off while a page loads, so a
// late or repeated answer never mixes two lists.
import { h } from './dom.js';

export interface ListPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface FilterListOptions<T> {
  /** The form's accessible name; `search: true` makes it a search landmark. */
  readonly label: string;
  readonly search?: boolean;
  /** The form's fields (`field(...)` wrappers), before its submit button. */
  readonly fields: readonly HTMLElement[];
  readonly submitLabel: string;
  readonly moreLabel: string;
  /** The status while a page loads. */
  readonly loadingText?: string;
  /** The query of the fields as they are now: read when the form is submitted (and on the first load). */
  readonly query: () => URLSearchParams;
  /** One page of the list for a query (on a next page it carries `cursor`). */
  readonly fetchPage: (query: URLSearchParams) => Promise<ListPage<T>>;
  readonly row: (item: T) => HTMLElement;
  /** The status once a page is shown: `shown` rows in all, `more` when another page follows. */
  readonly summary: (shown: number, more: boolean) => string;
}

export interface FilterList {
  readonly form: HTMLFormElement;
  readonly status: HTMLParagraphElement;
  readonly tbody: HTMLTableSectionElement;
  readonly more: HTMLButtonElement;
  /** Loads the first page with the fields as they are now. */
  reload(): void;
}

export function filterList<T>(o: FilterListOptions<T>): FilterList {
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', hidden: true }, o.moreLabel);
  const form = h(
    'form',
    { class: 'panel-form inline', ...(o.search ? { role: 'search' } : {}), 'aria-label': o.label },
    ...o.fields,
    h('button', { type: 'submit', class: 'primary' }, o.submitLabel),
  );
  let submitted = new URLSearchParams();
  let cursor: string | null = null;
  let shown = 0;
  let seq = 0;

  const load = (fresh: boolean): void => {
    const mine = ++seq;
    if (fresh) submitted = o.query();
    const query = new URLSearchParams(submitted);
    if (!fresh && cursor) query.set('cursor', cursor);
    more.disabled = true;
    if (o.loadingText) {
      status.textContent = o.loadingText;
      status.dataset.kind = 'info';
    }
    o.fetchPage(query)
      .then((page) => {
        if (mine !== seq) return;
        if (fresh) {
          tbody.replaceChildren();
          shown = 0;
        }
        shown += page.items.length;
        tbody.append(...page.items.map(o.row));
        cursor = page.nextCursor;
        more.hidden = !cursor;
        more.disabled = false;
        status.textContent = o.summary(shown, cursor !== null);
        status.dataset.kind = 'ok';
      })
      .catch((err: Error) => {
        if (mine !== seq) return;
        more.disabled = false;
        status.textContent = err.message;
        status.dataset.kind = 'error';
      });
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(true);
  });
  more.addEventListener('click', () => load(false));
  return { form, status, tbody, more, reload: () => load(true) };
}
