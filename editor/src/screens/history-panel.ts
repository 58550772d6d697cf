// Version history: published versions with author, message and time; a
// side-by-side diff (Monaco diff editor) of a version against the draft; roll
// back by publishing an earlier version anew. With four eyes on, a rollback is
// a publish request: the review of its impact, then another admin approves it.
import { api, listOf } from '../api/api-client.js';
import { toVersion, type PolicyVersion } from '../api/api-types.js';
import { LANGUAGE_ID } from '../language/dsl-language.js';
import { monaco } from '../monaco/monaco-setup.js';
import { field, formatTime, h } from '../ui/dom.js';
import { canWrite, type AppContext } from './app-context.js';
import { openPublishReview } from './publish-review.js';

export function historyPanel(
  root: HTMLElement,
  ctx: AppContext,
  policyId: string,
  policyName: () => string,
  getDraft: () => string,
  afterRollback: () => Promise<void>,
): () => void {
  const status = h('p', { class: 'status', 'aria-live': 'polite' }, 'Loading versions…');
  const list = h('ol', { class: 'versions', reversed: true });
  const diffHost = h('div', { class: 'diff-editor', 'aria-label': 'Side-by-side difference' });
  const diffTitle = h('h3', { id: 'diff-title' }, 'Pick a version to compare with the draft');
  const rollbackRow = h('div', { class: 'rollback-row' });
  root.append(status, list, diffTitle, rollbackRow, diffHost);

  let diff: monaco.editor.IStandaloneDiffEditor | undefined;
  const models: monaco.editor.ITextModel[] = [];

  const show = async (v: PolicyVersion): Promise<void> => {
    const raw = v.source !== undefined ? v : toVersion(await api('GET', `/api/policies/${encodeURIComponent(policyId)}/versions/${v.version}`));
    for (const m of models.splice(0)) m.dispose();
    const original = monaco.editor.createModel(raw.source ?? '', LANGUAGE_ID);
    const modified = monaco.editor.createModel(getDraft(), LANGUAGE_ID);
    models.push(original, modified);
    diff ??= monaco.editor.createDiffEditor(diffHost, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      ariaLabel: 'Version difference',
      useInlineViewWhenSpaceIsLimited: false,
    });
    diff.setModel({ original, modified });
    diffTitle.textContent = `Version ${v.version} (left) against the draft (right)`;
    rollbackRow.replaceChildren();
    if (canWrite(ctx)) {
      const msg = h('input', { type: 'text', name: 'rollbackMessage', value: `Roll back to version ${v.version}` });
      const btn = h('button', { type: 'button' }, ctx.fourEyes ? `Ask to roll back to v${v.version}` : `Roll back to v${v.version}`);
      btn.addEventListener('click', () => {
        if (ctx.fourEyes) {
          askToRollBack(raw.source ?? '', v.version, msg.value.trim());
          return;
        }
        btn.disabled = true;
        api<{ version: number }>('POST', `/api/policies/${encodeURIComponent(policyId)}/rollback`, { version: v.version, message: msg.value })
          .then(async (r) => {
            ctx.notify(`Version ${v.version} published anew as version ${r.version}.`, 'ok');
            await afterRollback();
          })
          .catch((err: Error) => ctx.notify(err.message, 'error'))
          .finally(() => {
            btn.disabled = false;
          });
      });
      rollbackRow.append(field('Roll-back message', msg), btn);
    }
  };

  /** Four eyes: the review of the old version's impact; its confirm asks another admin to approve the rollback. */
  const askToRollBack = (source: string, version: number, message: string): void => {
    const name = policyName();
    openPublishReview({
      title: `Ask to roll back ${name} to version ${version}`,
      intro: `Rolling back needs the approval of another admin. They see this same review before version ${version}'s text is published again. Message: “${message}”.`,
      drafts: [{ id: policyId, name, source }],
      actions: [
        {
          label: 'Request approval',
          primary: true,
          run: async () => {
            if (!message) throw new Error('Write a roll-back message first.');
            await api('POST', `/api/policies/${encodeURIComponent(policyId)}/publish-requests`, { message, rollbackTo: version });
            ctx.notify(`Asked to roll back ${name} to version ${version}; another admin approves it under Requests.`, 'ok');
          },
        },
      ],
    });
  };

  api<unknown>('GET', `/api/policies/${encodeURIComponent(policyId)}/versions`)
    .then((body) => {
      const versions = listOf<Record<string, unknown>>(body, 'versions').map(toVersion).sort((a, b) => b.version - a.version);
      status.textContent = versions.length ? `${versions.length} published version(s).` : 'Not published yet.';
      for (const v of versions) {
        const btn = h('button', { type: 'button', class: 'link', onclick: () => show(v).catch((e: Error) => ctx.notify(e.message, 'error')) }, `v${v.version}`);
        list.append(h('li', { value: String(v.version) }, btn, ` ${v.message || '(no message)'} — ${v.author ?? 'unknown author'}, ${formatTime(v.createdAt)}`));
      }
    })
    .catch((err: Error) => {
      status.textContent = err.message;
      status.dataset.kind = 'error';
    });

  return () => {
    diff?.dispose();
    for (const m of models) m.dispose();
  };
}
