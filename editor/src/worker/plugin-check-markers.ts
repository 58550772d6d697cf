// Markers for the diagnostics of plugin words' own static checks (PV29xx).
// Those checks are plugin code that runs only in the service, so while a model
// calls a checked word (manifest `checked`), its text is sent to POST
// /api/check when typing pauses, and the PV29xx diagnostics become markers
// (owner PLUGIN_MARKER_OWNER) beside the worker's.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { monaco } from '../monaco/monaco-setup.js';
import { diagnosticRanges } from './diagnostic-ranges.js';
import { PLUGIN_MARKER_OWNER } from './worker-client.js';

export { PLUGIN_MARKER_OWNER };
const IDLE_MS = 400;

export type CheckWithService = (source: string) => Promise<readonly Diagnostic[]>;

/** Words with their own check, from the manifest. */
export function checkedWords(functions: readonly { name: string; checked?: boolean }[]): ReadonlySet<string> {
  return new Set(functions.filter((f) => f.checked).map((f) => f.name));
}

/** True when the text calls one of the words (`word(`). */
export function callsAny(text: string, words: ReadonlySet<string>): boolean {
  for (const w of words) if (new RegExp(`\\b${w}\\s*\\(`).test(text)) return true;
  return false;
}

export function attachPluginCheckMarkers(model: monaco.editor.ITextModel, words: () => ReadonlySet<string>, check: CheckWithService): monaco.IDisposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const run = async (): Promise<void> => {
    const version = model.getVersionId();
    const text = model.getValue();
    if (!callsAny(text, words())) {
      monaco.editor.setModelMarkers(model, PLUGIN_MARKER_OWNER, []);
      return;
    }
    let diagnostics: readonly Diagnostic[];
    try {
      diagnostics = await check(text);
    } catch {
      return; // the service is unreachable: keep the last markers; saving reports it
    }
    if (disposed || model.getVersionId() !== version) return;
    const ofWords = diagnostics.filter((d) => d.code.startsWith('PV29'));
    const ranges = diagnosticRanges(text, ofWords.map((d) => d.span));
    monaco.editor.setModelMarkers(
      model,
      PLUGIN_MARKER_OWNER,
      ofWords.map((d, i) => ({
        severity: d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
        message: d.message,
        code: d.code,
        source: 'proviso plugin',
        ...ranges[i],
      })),
    );
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), IDLE_MS);
  };
  const sub = model.onDidChangeContent(schedule);
  schedule();
  return {
    dispose: () => {
      disposed = true;
      sub.dispose();
      if (timer) clearTimeout(timer);
      monaco.editor.setModelMarkers(model, PLUGIN_MARKER_OWNER, []);
    },
  };
}
