// Quick fixes from diagnostic `data` (dsl/diagnostics/diagnostic-types.ts FixData):
// `replace` offers each candidate ("did you mean", clamp a billing day),
// `insert` adds missing text, `delete` removes text, `edits` applies several
// edits under the catalog's own title (the PV2039 guard).
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { monaco } from '../monaco/monaco-setup.js';
import { MARKER_OWNER, spanToRange, type DslWorkerClient } from '../worker/worker-client.js';

export function provideCodeActions(
  worker: DslWorkerClient,
  model: monaco.editor.ITextModel,
  context: monaco.languages.CodeActionContext,
): monaco.languages.CodeActionList {
  const diagnostics = worker.diagnosticsFor(model);
  const actions: monaco.languages.CodeAction[] = [];
  for (const marker of context.markers) {
    if (marker.source !== MARKER_OWNER) continue;
    const d = diagnostics.find((x) => x.code === String(marker.code) && sameStart(model, x, marker));
    if (!d?.data) continue;
    actions.push(...fixesFor(model, d, marker));
  }
  return { actions, dispose() {} };
}

function sameStart(model: monaco.editor.ITextModel, d: Diagnostic, m: monaco.editor.IMarkerData): boolean {
  const p = model.getPositionAt(d.span.start);
  return p.lineNumber === m.startLineNumber && p.column === m.startColumn;
}

export function fixTitle(d: Diagnostic, candidate: string): string {
  return /^\d+$/.test(candidate) && /day/i.test(d.message) ? `Change to ${candidate}` : `Change to '${candidate}'`;
}

function fixesFor(model: monaco.editor.ITextModel, d: Diagnostic, marker: monaco.editor.IMarkerData): monaco.languages.CodeAction[] {
  const data = d.data!;
  const edit = (range: monaco.IRange, text: string): monaco.languages.WorkspaceEdit => ({
    edits: [{ resource: model.uri, versionId: model.getVersionId(), textEdit: { range, text } }],
  });
  switch (data.kind) {
    case 'replace':
      return data.candidates.map((c, i) => ({
        title: fixTitle(d, c),
        kind: 'quickfix',
        diagnostics: [marker],
        isPreferred: i === 0,
        edit: edit(spanToRange(model, data.span), c),
      }));
    case 'insert': {
      const p = model.getPositionAt(data.offset);
      return [
        {
          title: `Insert '${data.text.trim()}'`,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: edit(new monaco.Range(p.lineNumber, p.column, p.lineNumber, p.column), data.text),
        },
      ];
    }
    case 'delete':
      return [
        {
          title: `Remove '${model.getValueInRange(spanToRange(model, data.span)).trim().slice(0, 40)}'`,
          kind: 'quickfix',
          diagnostics: [marker],
          edit: edit(spanToRange(model, data.span), ''),
        },
      ];
    case 'edits':
      return [
        {
          title: data.title,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: {
            edits: data.edits.map((e) => ({ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: spanToRange(model, e.span), text: e.text } })),
          },
        },
      ];
    default:
      return [];
  }
}
