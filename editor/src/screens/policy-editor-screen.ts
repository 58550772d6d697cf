// Open, edit, save a draft, publish with a message (refused while errors
// remain), with the problems list and the simulation, impact and history panels.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { api, ApiError } from '../api/api-client.js';
import { toDocument, type PolicyDocument } from '../api/api-types.js';
import { LANGUAGE_ID } from '../language/dsl-language.js';
import { monaco } from '../monaco/monaco-setup.js';
import { field, h } from '../ui/dom.js';
import { tabs } from '../ui/tabs.js';
import { attachPluginCheckMarkers, checkedWords } from '../worker/plugin-check-markers.js';
import { spanToRange } from '../worker/worker-client.js';
import { canWrite, type EditorScreen } from './app-context.js';
import { historyPanel } from './history-panel.js';
import type { DraftSource } from './draft-source.js';
import { impactPanel } from './impact-panel.js';
import { openPublishReview } from './publish-review.js';
import { simulationPanel } from './simulation-panel.js';

const NEW_POLICY = `policy "New policy" {
  description "What this policy does, for the people who read it."
  when account.region is present and account.region = "EMEA"
  hold billing until order.poNumber is present reason "Awaiting purchase order"
}
`;

let modelSeq = 0;

/** The text of a document just created, handed to the screen that opens it, so the editor never shows empty while it loads. */
let handoff: { id: string; name: string; source: string } | null = null;

export const policyEditorScreen: EditorScreen = (root, ctx, params) => {
  const isNew = params.id === 'new';
  const handed = !isNew && handoff?.id === params.id ? handoff : null;
  handoff = null;
  let doc: PolicyDocument | undefined;
  // A new document counts as unsaved once it differs from the template.
  let savedSource = isNew ? NEW_POLICY : '';
  const writable = canWrite(ctx);

  const nameInput = h('input', { type: 'text', name: 'documentName', required: true, value: handed?.name ?? 'new.policy', readonly: isNew ? undefined : true });
  const statusLine = h('p', { class: 'status', id: 'doc-status', 'aria-live': 'polite' }, isNew ? 'New document, not saved.' : 'Loading the document…');
  const saveBtn = h('button', { type: 'button', disabled: !writable }, 'Save draft');
  const formatBtn = h('button', { type: 'button' }, 'Format');
  const messageInput = h('input', { type: 'text', name: 'publishMessage', placeholder: 'What changed and why' });
  const publishBtn = h('button', { type: 'button', class: 'primary', 'aria-describedby': 'publish-reason' }, 'Publish');
  const publishReason = h('span', { id: 'publish-reason', class: 'reason' });
  const problems = h('ul', { class: 'problems', 'aria-label': 'Problems' });
  const problemsHead = h('h2', { id: 'problems-title' }, 'Problems');
  const editorHost = h('div', { class: 'code-editor', 'data-testid': 'policy-editor' });

  const publishRow = writable
    ? h('div', { class: 'publish-row' }, field('Publish message', messageInput), publishBtn, publishReason)
    : h('p', { class: 'hint' }, 'Your role can read policies but not change or publish them.');

  root.append(
    h('div', { class: 'screen-head' }, h('h1', {}, isNew ? 'New policy' : 'Policy'), h('a', { href: '#/policies' }, '← All policies')),
    h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Document actions' }, field('Document name', nameInput), saveBtn, formatBtn),
    statusLine,
    h('div', { class: 'editor-layout' },
      h('section', { class: 'editor-pane', 'aria-label': 'Policy source' }, editorHost, publishRow),
      h('section', { class: 'problems-pane', 'aria-labelledby': 'problems-title' }, problemsHead, problems),
    ),
  );

  const uri = monaco.Uri.parse(`inmemory://policies/${++modelSeq}/${isNew ? 'new.policy' : encodeURIComponent(params.id ?? 'doc')}`);
  const model = monaco.editor.createModel(isNew ? NEW_POLICY : (handed?.source ?? ''), LANGUAGE_ID, uri);
  if (handed) savedSource = handed.source;
  const editor = monaco.editor.create(editorHost, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    ariaLabel: 'Policy source editor',
    fixedOverflowWidgets: true,
    tabSize: 2,
    // A stored document is read-only until its text has arrived: an edit meanwhile would be overwritten by it.
    readOnly: !writable || !isNew,
    fontSize: 14,
    scrollBeyondLastLine: false,
    renderValidationDecorations: 'on',
    'semanticHighlighting.enabled': false,
  });
  const attached = ctx.worker.attach(model);
  const pluginChecks = attachPluginCheckMarkers(
    model,
    () => checkedWords(ctx.vocabulary().manifest.functions),
    async (source) => (await api<{ diagnostics: Diagnostic[] }>('POST', '/api/check', { name: nameInput.value || 'untitled.policy', source })).diagnostics,
  );

  const getSource = (): string => model.getValue();
  const getDraft = (): { id?: string; name: string; source: string } => ({ ...(doc?.id ? { id: doc.id } : {}), name: nameInput.value.trim(), source: getSource() });
  const unsaved = (): boolean => writable && getSource() !== savedSource;
  /** The stored document has arrived (a new one is there from the start): only then is there a draft to save, simulate or publish. */
  const loaded = (): boolean => isNew || doc !== undefined;
  const onLoaded: (() => void)[] = [];
  const draftSource: DraftSource = {
    get: () => (loaded() ? getDraft() : null),
    whenReady: (then) => (loaded() ? then() : void onLoaded.push(then)),
  };
  ctx.setLeaveGuard(() => (unsaved() ? `${nameInput.value.trim() || 'This document'} has unsaved changes. Leave without saving them?` : null));

  // The rest of the published library: the worker checks this document against it while typing.
  const loadLibrary = (): void => {
    api<{ documents: { id: string; name: string; source: string }[] }>('GET', '/api/library')
      .then((lib) => {
        if (model.isDisposed()) return;
        const mine = (d: { id: string; name: string }): boolean => (doc ? d.id === doc.id : false) || d.name === nameInput.value.trim();
        ctx.worker.setLibrary(model, lib.documents.filter((d) => !mine(d)).map((d) => ({ file: d.name, text: d.source })));
      })
      .catch((err: Error) => ctx.notify(`The published library could not be loaded (${err.message}); only this document is checked.`, 'error'));
  };
  const panels = tabs('Policy tools', [
    { id: 'simulate', label: 'Simulate', render: (el) => simulationPanel(el, ctx, draftSource) },
    { id: 'impact', label: 'Impact', render: (el) => impactPanel(el, ctx, draftSource) },
    { id: 'history', label: 'History', render: (el) => (doc ? historyPanel(el, ctx, doc.id, () => doc?.name ?? nameInput.value.trim(), getSource, () => reload()) : el.append('Save the document first.')) },
  ]);
  root.append(panels.element);

  let diagnostics: readonly Diagnostic[] = [];
  const errors = (): number => diagnostics.filter((d) => d.severity === 'error').length;

  const refreshState = (): void => {
    const dirty = getSource() !== savedSource || isNew;
    const e = errors();
    const w = diagnostics.length - e;
    const published = doc?.publishedVersion ? `published v${doc.publishedVersion}` : 'never published';
    // Until the stored document has arrived its state is not known ('saved' would be a guess).
    statusLine.textContent = loaded()
      ? `${published} · ${dirty ? 'unsaved changes' : 'saved'} · ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`
      : 'Loading the document…';
    if (!loaded()) {
      // Until the stored document has arrived there is nothing to publish (nor are its errors known).
      publishBtn.disabled = true;
      publishReason.textContent = 'Loading the document…';
    } else if (e > 0) {
      publishBtn.disabled = true;
      publishReason.textContent = `Fix ${e} error${e === 1 ? '' : 's'} before publishing.`;
    } else if (!doc) {
      // A new document is published once it is saved.
      publishBtn.disabled = true;
      publishReason.textContent = 'Save the draft before publishing.';
    } else if (!messageInput.value.trim()) {
      publishBtn.disabled = true;
      publishReason.textContent = 'Write a publish message.';
    } else {
      publishBtn.disabled = false;
      publishReason.textContent = '';
    }
    saveBtn.disabled = !writable || !dirty || !loaded();
  };

  const renderProblems = (): void => {
    problems.replaceChildren();
    if (diagnostics.length === 0) problems.append(h('li', { class: 'ok' }, 'No problems.'));
    for (const d of diagnostics) {
      const r = spanToRange(model, d.span);
      const btn = h(
        'button',
        {
          type: 'button',
          class: `problem ${d.severity}`,
          onclick: () => {
            editor.setSelection(r);
            editor.revealRangeInCenter(r);
            editor.focus();
          },
        },
        h('span', { class: 'sev' }, d.severity),
        ` line ${r.startLineNumber}, col ${r.startColumn}: `,
        h('code', {}, d.code),
        ` ${d.message}`,
      );
      problems.append(h('li', {}, btn));
    }
    problemsHead.textContent = `Problems (${diagnostics.length})`;
  };

  const offDiag = ctx.worker.onDiagnostics((u, ds) => {
    if (u !== model.uri.toString()) return;
    diagnostics = ds;
    renderProblems();
    refreshState();
  });
  // An edit makes "Draft saved." (or "Published …") untrue: the banner goes.
  let applyingStored = false;
  const offChange = model.onDidChangeContent(() => {
    if (!applyingStored) ctx.clearNotice();
    refreshState();
  });
  messageInput.addEventListener('input', refreshState);

  const save = async (): Promise<void> => {
    const source = getSource();
    if (isNew || !doc) {
      const name = nameInput.value.trim();
      if (!name) throw new Error('Give the document a name, such as holds.policy.');
      const created = await api<{ id: string | number }>('POST', '/api/policies', { name, source });
      savedSource = source;
      handoff = { id: String(created.id), name, source };
      ctx.notify(`Draft ${name} created.`, 'ok');
      ctx.navigate(`#/policies/${encodeURIComponent(String(created.id))}`);
      return;
    }
    await api('PUT', `/api/policies/${encodeURIComponent(doc.id)}`, { source });
    savedSource = source;
    ctx.notify('Draft saved.', 'ok');
    refreshState();
  };

  const saveNow = (): void => {
    // Before the stored document has loaded a save would create a second document (Ctrl+S in that gap).
    if (!writable || !loaded()) return;
    saveBtn.disabled = true;
    save().catch((err: Error) => {
      ctx.notify(err.message, 'error');
      refreshState();
    });
  };
  saveBtn.addEventListener('click', saveNow);
  // Ctrl+S / Cmd+S saves the draft, in the editor and anywhere on the screen (never the browser's "save page").
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, saveNow);
  const onKey = (e: KeyboardEvent): void => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (!editor.hasTextFocus()) saveNow();
    }
  };
  document.addEventListener('keydown', onKey);
  formatBtn.addEventListener('click', () => {
    const before = model.getValue();
    ctx.worker
      .format(before)
      .then((r) => {
        if (model.getValue() !== before) return; // edited meanwhile; the user can format again
        if (r.text === undefined) {
          ctx.notify('Fix the syntax errors first; a document that does not parse is never reformatted.', 'error');
        } else if (r.text === before) {
          ctx.notify('Already formatted.', 'ok');
        } else {
          editor.pushUndoStop();
          editor.executeEdits('format', [{ range: model.getFullModelRange(), text: r.text }]);
          editor.pushUndoStop();
          ctx.notify('Formatted.', 'ok');
        }
      })
      .catch((err: Error) => ctx.notify(err.message, 'error'));
  });
  // Publish opens the review (the impact on the stored book); only its confirm publishes, or asks another admin to (four eyes).
  publishBtn.addEventListener('click', () => {
    if (!doc) {
      ctx.notify('Save the draft before publishing.', 'error');
      return;
    }
    publishBtn.disabled = true;
    const current = doc;
    const message = messageInput.value.trim();
    (async () => {
      if (getSource() !== savedSource) await save();
      const next = (current.publishedVersion ?? 0) + 1;
      const draft = { id: current.id, name: current.name, source: getSource() };
      const path = `/api/policies/${encodeURIComponent(current.id)}`;
      openPublishReview({
        title: ctx.fourEyes ? `Ask to publish ${current.name}` : `Publish ${current.name} as version ${next}`,
        intro: ctx.fourEyes
          ? `Publishing needs the approval of another admin. They see this same review before ${current.name} becomes version ${next}. Message: “${message}”.`
          : `What this version changes on the stored book, with every other published policy. Message: “${message}”.`,
        drafts: [draft],
        actions: [
          ctx.fourEyes
            ? {
                label: 'Request approval',
                primary: true,
                run: async () => {
                  await api('POST', `${path}/publish-requests`, { message });
                  ctx.notify(`Asked to publish ${current.name}; another admin approves it under Requests.`, 'ok');
                  messageInput.value = '';
                  refreshState();
                },
              }
            : {
                label: `Publish version ${next}`,
                primary: true,
                run: async () => {
                  const r = await api<{ version: number }>('POST', `${path}/publish`, { message });
                  ctx.notify(`Published version ${r.version}.`, 'ok');
                  messageInput.value = '';
                  await reload();
                },
              },
        ],
      }).dialog.addEventListener('close', refreshState);
    })().catch((err: unknown) => {
      const extra = err instanceof ApiError && err.diagnostics.length ? ` (${err.diagnostics.length} problem(s) reported by the service)` : '';
      ctx.notify(`Publish refused: ${err instanceof Error ? err.message : String(err)}${extra}`, 'error');
      refreshState();
    });
  });

  async function reload(): Promise<void> {
    if (isNew) return;
    const raw = await api<Record<string, unknown>>('GET', `/api/policies/${encodeURIComponent(params.id!)}`);
    const first = doc === undefined;
    doc = toDocument(raw);
    nameInput.value = doc.name;
    if (first) loadLibrary();
    savedSource = doc.source;
    if (model.getValue() !== doc.source) {
      // the stored text arriving is no edit: the messages about it stay
      applyingStored = true;
      model.setValue(doc.source);
      applyingStored = false;
    }
    if (first) {
      editor.updateOptions({ readOnly: !writable });
      for (const then of onLoaded.splice(0)) then();
    }
    refreshState();
    panels.refresh('history');
  }

  if (isNew) {
    nameInput.removeAttribute('readonly');
    refreshState();
    loadLibrary();
  } else {
    reload().catch((err: Error) => {
      statusLine.textContent = err.message;
      statusLine.dataset.kind = 'error';
    });
  }

  const beforeUnload = (e: BeforeUnloadEvent): void => {
    if (unsaved()) e.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);

  return () => {
    window.removeEventListener('beforeunload', beforeUnload);
    document.removeEventListener('keydown', onKey);
    offDiag();
    offChange.dispose();
    attached.dispose();
    pluginChecks.dispose();
    panels.dispose();
    editor.dispose();
    model.dispose();
  };
};
