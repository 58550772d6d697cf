// Four eyes: the publish requests (and rollback requests), newest first. A
// different admin opens the same review the requester saw (the impact of the
// requested source) and approves or rejects it with a comment; the requester
// sees it waiting. A request the document was published past since cannot be
// approved: the review says so and offers only Reject.
import { api, listOf } from '../api/api-client.js';
import type { PublishRequest } from '../api/api-types.js';
import { field, formatTime, h } from '../ui/dom.js';
import type { AppContext, Screen } from './app-context.js';
import { openPublishReview } from './publish-review.js';

function decisionText(r: PublishRequest): string {
  if (r.status === 'pending') return 'waiting for another admin';
  const who = r.decidedBy?.name ?? 'an admin';
  const what = r.status === 'approved' ? `approved by ${who}${r.publishedVersion ? ` (published v${r.publishedVersion})` : ''}` : `rejected by ${who}`;
  return `${what}${r.comment ? `: “${r.comment}”` : ''}`;
}

/** What the request publishes: "publish" or "roll back to v2". */
function whatText(r: PublishRequest): string {
  return r.rollbackTo === null ? 'publish' : `roll back to v${r.rollbackTo}`;
}

/** Why a pending request can no longer be approved (the document was published since), or null. */
function overtakenText(r: PublishRequest): string | null {
  if (r.status !== 'pending' || r.currentVersion === r.baseVersion) return null;
  return `${r.documentName} was published since this request (now v${r.currentVersion ?? 0}, requested on v${r.baseVersion ?? 0}): approving it is refused. Reject it and ask again.`;
}

/** Opens the review of a request; `button` stays off until it is open (a second click meanwhile would open a second review). */
function review(ctx: AppContext, id: string, reload: () => void, button: HTMLButtonElement): void {
  button.disabled = true;
  api<PublishRequest>('GET', `/api/publish-requests/${encodeURIComponent(id)}`)
    .then((r) => {
      const mayDecide = r.status === 'pending' && ctx.role === 'admin' && r.requestedBy.id !== ctx.keyId;
      const overtaken = overtakenText(r);
      const comment = h('textarea', { name: 'decisionComment', rows: 2, placeholder: 'Why you approve or reject it' });
      const decide = (verb: 'approve' | 'reject') => async (): Promise<void> => {
        if (!comment.value.trim()) throw new Error('Write a comment first: the audit log records why.');
        await api('POST', `/api/publish-requests/${encodeURIComponent(r.id)}/${verb}`, { comment: comment.value.trim() });
        const done = r.rollbackTo === null ? `${r.documentName} is published` : `${r.documentName} is rolled back to v${r.rollbackTo}`;
        ctx.notify(verb === 'approve' ? `Approved: ${done}.` : `Rejected the request for ${r.documentName}.`, 'ok');
        reload();
      };
      const waitingText =
        r.status !== 'pending' ? `This request was ${decisionText(r)}.` : r.requestedBy.id === ctx.keyId ? 'You asked for this: another admin decides it.' : 'Only an admin decides it.';
      const warning = overtaken ? h('p', { class: 'status', role: 'alert', 'data-kind': 'error', 'data-testid': 'review-overtaken' }, overtaken) : null;
      openPublishReview({
        title: `Review: ${whatText(r)} ${r.documentName}${r.baseVersion ? ` (requested on v${r.baseVersion})` : ''}`,
        intro:
          `${r.requestedBy.name} asked on ${formatTime(r.requestedAt)}: “${r.message}”. ` +
          (r.rollbackTo === null ? 'The impact is of the text as requested.' : `The impact is of version ${r.rollbackTo}'s text, published again as the next version.`),
        drafts: [{ id: r.documentId, name: r.documentName, source: r.source ?? '' }],
        extra: h('div', {}, warning, mayDecide ? h('div', { class: 'decision' }, field('Comment', comment)) : h('p', { class: 'hint' }, waitingText)),
        actions: mayDecide
          ? [
              { label: 'Reject', run: decide('reject') },
              ...(overtaken ? [] : [{ label: r.rollbackTo === null ? 'Approve and publish' : `Approve and roll back to v${r.rollbackTo}`, primary: true, run: decide('approve') }]),
            ]
          : [],
      });
    })
    .catch((err: Error) => ctx.notify(err.message, 'error'))
    .finally(() => {
      button.disabled = false;
    });
}

export const publishRequestsScreen: Screen = (root, ctx) => {
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading publish requests…');
  const tbody = h('tbody');
  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, 'Publish requests')),
    h('p', { class: 'hint' }, ctx.fourEyes ? 'Publishing needs the approval of a second admin (four eyes).' : 'Four eyes is off: policies are published directly.'),
    status,
    h('table', { class: 'grid', 'aria-label': 'Publish requests' },
      h('thead', {}, h('tr', {}, ['Policy', 'Message', 'Asked by', 'Asked at', 'Decision', ''].map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
  );
  const load = (): void => {
    api<unknown>('GET', '/api/publish-requests')
      .then((body) => {
        const rows = listOf<PublishRequest>(body, 'items');
        const pending = rows.filter((r) => r.status === 'pending').length;
        status.textContent = rows.length === 0 ? 'No publish requests.' : `${rows.length} request(s), ${pending} waiting.`;
        tbody.replaceChildren(
          ...rows.map((r) =>
            h('tr', { 'data-request-id': r.id },
              h('td', {}, h('a', { href: `#/policies/${encodeURIComponent(r.documentId)}` }, r.documentName), r.rollbackTo === null ? null : h('small', { class: 'hint' }, ` roll back to v${r.rollbackTo}`)),
              h('td', {}, r.message),
              h('td', {}, r.requestedBy.name),
              h('td', {}, formatTime(r.requestedAt)),
              h('td', {}, h('span', { class: `badge ${r.status === 'rejected' ? 'error' : r.status === 'pending' ? 'draft' : 'published'}` }, decisionText(r))),
              h('td', {}, h('button', { type: 'button', onclick: (e: MouseEvent) => review(ctx, r.id, load, e.currentTarget as HTMLButtonElement) }, r.status === 'pending' ? 'Review' : 'View')),
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
};
