// Page side of the DSL worker: debounced checks of attached models, markers,
// the diagnostics (with quick-fix data) of each model's latest version, and
// keystroke-to-marker timing (window.__proviso.latencies, read by the e2e test).
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { monaco } from '../monaco/monaco-setup.js';
import type { VocabularyManifest } from '../vocabulary/manifest-types.js';
import { diagnosticRanges } from './diagnostic-ranges.js';
import DslWorker from './dsl.worker.ts?worker';
import type { FromWorker, ToWorker } from './worker-protocol.js';

export const MARKER_OWNER = 'proviso';
/** Markers of plugin words' own checks (plugin-check-markers.ts). */
export const PLUGIN_MARKER_OWNER = 'proviso-plugin';
const DEBOUNCE_MS = 15;
/** The full check (names across policies, conflicts) runs when typing pauses this long. */
const FULL_CHECK_IDLE_MS = 350;

interface Tracked {
  readonly model: monaco.editor.ITextModel;
  diagnostics: readonly Diagnostic[];
  diagnosticsVersion: number;
  /** performance.now() of the first edit not yet reflected in markers. */
  editAt?: number;
  timer?: ReturnType<typeof setTimeout>;
  fullTimer?: ReturnType<typeof setTimeout>;
  inFlight: boolean;
  /** A check to run when the one in flight returns. */
  dirty?: 'fast' | 'full';
  /** Offsets (current text) touched since the text of the worker's last full check. */
  region?: { start: number; end: number };
  /** Offsets touched since the last request was sent (becomes `region` when that request ran a full check). */
  newEdits?: { start: number; end: number };
}

interface ProvisoMetrics {
  /** Keystroke-to-markers times (ms) of the checks that set markers. */
  latencies: number[];
  /** Time inside checkDocuments in the worker (ms). */
  checkMs: number[];
  /** Markers of the open policy models, for tests and debugging. */
  markers(): { line: number; column: number; code: string; message: string; severity: string }[];
}

declare global {
  interface Window {
    __proviso?: ProvisoMetrics;
  }
}

const SEVERITY: Record<Diagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export function spanToRange(model: monaco.editor.ITextModel, span: { start: number; end: number }): monaco.Range {
  const a = model.getPositionAt(Math.max(0, span.start));
  const b = model.getPositionAt(Math.max(span.start, span.end));
  return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
}

export class DslWorkerClient {
  private readonly worker: Worker;
  private readonly tracked = new Map<string, Tracked>();
  private readonly pending = new Map<number, (msg: FromWorker) => void>();
  private readonly listeners = new Set<(uri: string, diagnostics: readonly Diagnostic[]) => void>();
  private nextId = 1;
  readonly metrics: ProvisoMetrics = {
    latencies: [],
    checkMs: [],
    markers: () =>
      [...monaco.editor.getModelMarkers({ owner: MARKER_OWNER }), ...monaco.editor.getModelMarkers({ owner: PLUGIN_MARKER_OWNER })].map((m) => ({
        line: m.startLineNumber,
        column: m.startColumn,
        code: typeof m.code === 'string' ? m.code : String(m.code?.value ?? ''),
        message: m.message,
        severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info',
      })),
  };

  constructor() {
    this.worker = new DslWorker({ name: 'proviso-dsl' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => console.warn('DSL worker error', e.message);
    window.__proviso = this.metrics;
  }

  setVocabulary(manifest: VocabularyManifest): void {
    this.send({ type: 'vocabulary', manifest });
    for (const t of this.tracked.values()) this.schedule(t, 0, 'full');
  }

  /** The other documents of the library the model joins: its full checks include them (names, conflicts). */
  setLibrary(model: monaco.editor.ITextModel, documents: readonly { file: string; text: string }[]): void {
    this.send({ type: 'library', file: fileOf(model), documents });
    const t = this.tracked.get(model.uri.toString());
    if (t) this.schedule(t, 0, 'full');
  }

  /** Checks the model now and after every edit; returns a disposer. */
  attach(model: monaco.editor.ITextModel): monaco.IDisposable {
    const key = model.uri.toString();
    const t: Tracked = { model, diagnostics: [], diagnosticsVersion: -1, inFlight: false };
    this.tracked.set(key, t);
    const sub = model.onDidChangeContent((e) => {
      t.editAt ??= performance.now();
      for (const c of e.changes) {
        t.region = widen(t.region, c);
        t.newEdits = widen(t.newEdits, c);
      }
      this.schedule(t, DEBOUNCE_MS, 'fast');
      if (t.fullTimer) clearTimeout(t.fullTimer);
      t.fullTimer = setTimeout(() => {
        t.fullTimer = undefined;
        this.run(t, 'full');
      }, FULL_CHECK_IDLE_MS);
    });
    this.schedule(t, 0, 'full');
    return {
      dispose: () => {
        sub.dispose();
        if (t.timer) clearTimeout(t.timer);
        if (t.fullTimer) clearTimeout(t.fullTimer);
        this.tracked.delete(key);
        this.send({ type: 'library', file: fileOf(model), documents: [] });
        monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      },
    };
  }

  /** Diagnostics of the model's current version (empty if stale). */
  diagnosticsFor(model: monaco.editor.ITextModel): readonly Diagnostic[] {
    const t = this.tracked.get(model.uri.toString());
    return t && t.diagnosticsVersion === model.getVersionId() ? t.diagnostics : [];
  }

  /** Diagnostics of the latest check even if the model moved on since. */
  latestDiagnostics(model: monaco.editor.ITextModel): readonly Diagnostic[] {
    return this.tracked.get(model.uri.toString())?.diagnostics ?? [];
  }

  onDiagnostics(cb: (uri: string, diagnostics: readonly Diagnostic[]) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Checks now and resolves with the diagnostics of the model's current text. */
  async checkNow(model: monaco.editor.ITextModel): Promise<readonly Diagnostic[]> {
    const msg = await this.request({ type: 'check', id: 0, file: fileOf(model), version: model.getVersionId(), text: model.getValue() });
    return msg.type === 'checked' ? msg.diagnostics : [];
  }

  async format(text: string): Promise<{ text?: string; diagnostics: readonly Diagnostic[] }> {
    const msg = await this.request({ type: 'format', id: 0, text });
    if (msg.type === 'formatted') return msg.text !== undefined ? { text: msg.text, diagnostics: msg.diagnostics } : { diagnostics: msg.diagnostics };
    throw new Error(msg.type === 'failed' ? msg.message : 'format failed');
  }

  private schedule(t: Tracked, delay: number, mode: 'fast' | 'full'): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      t.timer = undefined;
      this.run(t, mode);
    }, delay);
  }

  private run(t: Tracked, mode: 'fast' | 'full'): void {
    if (t.model.isDisposed()) return;
    if (t.inFlight) {
      if (t.dirty !== 'full') t.dirty = mode; // run once more when the current check returns
      return;
    }
    t.inFlight = true;
    const version = t.model.getVersionId();
    const region = t.region;
    t.newEdits = undefined;
    const msg: ToWorker = {
      type: 'check',
      id: 0,
      file: fileOf(t.model),
      version,
      text: t.model.getValue(),
      mode,
      ...(mode === 'fast' && region ? { region } : {}),
    };
    void this.request(msg).then((reply) => {
      t.inFlight = false;
      if (t.model.isDisposed()) return;
      // A full check (asked for, or the worker's fallback) is the new base of fast checks.
      if (reply.type === 'checked' && !reply.fast) t.region = t.newEdits;
      const current = reply.type === 'checked' && reply.version === t.model.getVersionId();
      if (current) this.apply(t, reply);
      if (mode === 'full' && !current && !t.fullTimer) t.dirty = 'full';
      const next = t.dirty ?? (current ? undefined : 'fast');
      t.dirty = undefined;
      if (next) this.run(t, next);
    });
  }

  private apply(t: Tracked, msg: Extract<FromWorker, { type: 'checked' }>): void {
    t.diagnostics = msg.diagnostics;
    t.diagnosticsVersion = msg.version;
    // one line index over the text for every diagnostic (zero-width spans get a visible squiggle)
    const ranges = diagnosticRanges(t.model.getValue(), msg.diagnostics.map((d) => d.span));
    const markers: monaco.editor.IMarkerData[] = msg.diagnostics.map((d, i) => ({
      severity: SEVERITY[d.severity] ?? monaco.MarkerSeverity.Error,
      message: d.message,
      code: d.code,
      source: 'proviso',
      ...ranges[i],
    }));
    monaco.editor.setModelMarkers(t.model, MARKER_OWNER, markers);
    this.metrics.checkMs.push(Math.round(msg.checkMs * 10) / 10);
    if (!msg.fast && t.fullTimer) {
      clearTimeout(t.fullTimer);
      t.fullTimer = undefined;
    }
    if (t.editAt !== undefined) {
      this.metrics.latencies.push(Math.round((performance.now() - t.editAt) * 10) / 10);
      t.editAt = undefined;
    }
    for (const cb of this.listeners) cb(t.model.uri.toString(), msg.diagnostics);
  }

  private request(msg: ToWorker): Promise<FromWorker> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ ...msg, id } as ToWorker);
    });
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker): void {
    const cb = this.pending.get(msg.id);
    if (!cb) return;
    this.pending.delete(msg.id);
    if (msg.type === 'failed') console.warn(`DSL worker: ${msg.message}`);
    cb(msg);
  }
}

/** Grows the edited region by one content change (Monaco offsets, before -> after the change). */
function widen(
  region: { start: number; end: number } | undefined,
  c: { rangeOffset: number; rangeLength: number; text: string },
): { start: number; end: number } {
  const delta = c.text.length - c.rangeLength;
  const changeEnd = c.rangeOffset + c.text.length;
  if (!region) return { start: c.rangeOffset, end: changeEnd };
  const start = Math.min(region.start, c.rangeOffset);
  const end = Math.max(region.end >= c.rangeOffset + c.rangeLength ? region.end + delta : region.end, changeEnd);
  return { start, end };
}

function fileOf(model: monaco.editor.ITextModel): string {
  return model.uri.path.replace(/^\//, '') || 'policy.policy';
}
