// The publish review: before anything is published (or asked to be, or
// approved) a dialog shows the impact on the stored book as of a date, and
// only its confirm button goes on. Closing it (Cancel, Escape) publishes nothing.
// A refused action says why next to the buttons; the dialog stays open.
import { field, h } from '../ui/dom.js';
import { fetchImpact, type Draft } from './impact-panel.js';
import { impactSentence, renderImpact } from './impact-view.js';
import { today } from './simulation-panel.js';

export interface ReviewAction {
  readonly label: string;
  readonly primary?: boolean;
  /** Runs the action; the dialog closes when it resolves and shows the error when it rejects. */
  readonly run: () => Promise<void>;
}

export interface ReviewOptions {
  readonly title: string;
  readonly intro: string;
  /** The drafts whose impact is reviewed (in place of their published versions). */
  readonly drafts: readonly Draft[];
  /** Shown above the buttons (a comment field for a decision). */
  readonly extra?: HTMLElement;
  readonly actions: readonly ReviewAction[];
}

export function openPublishReview(o: ReviewOptions): { readonly dialog: HTMLDialogElement; close(): void } {
  const asOf = h('input', { type: 'date', name: 'reviewAsOf', required: true, value: today() });
  const recompute = h('button', { type: 'button' }, 'Recompute');
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'review-status' });
  const out = h('div', { class: 'review-impact' });
  // A refused action (e.g. approving a request the document was published past) is said next to the buttons too, where the click was.
  const refused = h('p', { class: 'status', role: 'alert', 'data-kind': 'error', 'data-testid': 'review-refused', hidden: true });
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const buttons = o.actions.map((a) => h('button', { type: 'button', class: a.primary ? 'primary' : '', disabled: true }, a.label));
  const titleId = `review-title-${Math.random().toString(36).slice(2)}`;
  const dialog = h('dialog', { class: 'review', 'aria-labelledby': titleId, 'data-testid': 'publish-review' },
    h('h2', { id: titleId }, o.title),
    h('p', {}, o.intro),
    h('div', { class: 'panel-form inline' }, field('Impact on the stored book as of', asOf), recompute),
    status,
    out,
    o.extra ?? null,
    h('div', { class: 'review-actions' }, refused, cancel, buttons),
  );
  let busy = false;
  const setEnabled = (ok: boolean): void => {
    for (const b of buttons) b.disabled = !ok || busy;
  };
  let seq = 0;
  const load = (): void => {
    const mine = ++seq;
    setEnabled(false);
    out.replaceChildren();
    status.textContent = 'Computing the impact on the stored book…';
    status.dataset.kind = 'info';
    fetchImpact(asOf.value, o.drafts)
      .then(({ impact, names }) => {
        if (mine !== seq) return;
        status.textContent = impactSentence(impact);
        status.dataset.kind = 'ok';
        out.replaceChildren(renderImpact(impact, names));
        setEnabled(true);
      })
      .catch((err: Error) => {
        if (mine !== seq) return;
        // Without the impact there is nothing to confirm: the buttons stay off until a recompute succeeds.
        status.textContent = `The impact could not be computed (${err.message}); nothing can be confirmed without it.`;
        status.dataset.kind = 'error';
      });
  };
  const close = (): void => {
    seq++;
    if (dialog.open) dialog.close();
    dialog.remove();
  };
  recompute.addEventListener('click', load);
  asOf.addEventListener('change', load);
  cancel.addEventListener('click', close);
  dialog.addEventListener('close', () => dialog.remove());
  o.actions.forEach((a, i) =>
    buttons[i]!.addEventListener('click', () => {
      busy = true;
      setEnabled(false);
      refused.hidden = true;
      const before = { text: status.textContent, kind: status.dataset.kind };
      status.textContent = `${a.label}…`;
      status.dataset.kind = 'info';
      a.run()
        .then(close)
        .catch((err: Error) => {
          busy = false;
          setEnabled(true);
          // the impact stays as it was; why the action was refused shows once, by the buttons
          status.textContent = before.text;
          if (before.kind) status.dataset.kind = before.kind;
          refused.textContent = err.message;
          refused.hidden = false;
        });
    }),
  );
  document.body.append(dialog);
  dialog.showModal();
  load();
  return { dialog, close };
}
