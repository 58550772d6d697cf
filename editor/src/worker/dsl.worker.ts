// The DSL front end in a web worker: checks the open document with the same
// dsl/ code the service and CLI use — together with the rest of the published
// library, so names and conflicts across documents show while typing — and
// formats it, off the page's thread.
import * as dsl from '../../../dsl/index.js';
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import type { Vocabulary } from '../../../dsl/vocabulary/vocabulary-types.js';
import { manifestToVocabulary } from '../vocabulary/manifest-to-vocabulary.js';
import { blockAround, isolate, mergeBlock } from './policy-blocks.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** The last full check per file: the base that fast (one-policy) checks merge into. */
const lastFull = new Map<string, { text: string; diagnostics: readonly Diagnostic[] }>();

/** Per open document: the other documents of the library it is checked with. */
const libraries = new Map<string, readonly { file: string; text: string }[]>();

let vocabulary: Vocabulary = { facts: [], functions: [], operators: [], prorationMethods: [], roundingModes: [] };

const post = (msg: FromWorker): void => (self as unknown as Worker).postMessage(msg);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  try {
    if (msg.type === 'vocabulary') {
      vocabulary = manifestToVocabulary(msg.manifest);
      lastFull.clear();
    } else if (msg.type === 'library') {
      if (msg.documents.length === 0) libraries.delete(msg.file);
      else libraries.set(msg.file, msg.documents);
      lastFull.delete(msg.file);
    } else if (msg.type === 'check') {
      const t0 = performance.now();
      const own = (ds: readonly Diagnostic[]) => ds.filter((d) => d.file === undefined || d.file === msg.file);
      const base = lastFull.get(msg.file);
      if (msg.mode === 'fast' && msg.region && base) {
        const block = blockAround(msg.text, msg.region.start, msg.region.end);
        if (block) {
          const local = dsl.checkDocuments([{ file: msg.file, text: isolate(msg.text, block) }], vocabulary);
          const merged = mergeBlock(base, msg.text, block, own(local.diagnostics));
          if (merged) {
            post({ type: 'checked', id: msg.id, file: msg.file, version: msg.version, diagnostics: merged, checkMs: performance.now() - t0, fast: true });
            return;
          }
        }
      }
      const model = dsl.checkDocuments([...(libraries.get(msg.file) ?? []), { file: msg.file, text: msg.text }], vocabulary);
      const diagnostics = own(model.diagnostics);
      lastFull.set(msg.file, { text: msg.text, diagnostics });
      post({ type: 'checked', id: msg.id, file: msg.file, version: msg.version, diagnostics, checkMs: performance.now() - t0, fast: false });
    } else if (msg.type === 'format') {
      const r = dsl.formatDocument(msg.text);
      post({ type: 'formatted', id: msg.id, ...(r.text !== undefined ? { text: r.text } : {}), diagnostics: r.diagnostics });
    }
  } catch (err) {
    post({ type: 'failed', id: 'id' in msg ? msg.id : -1, message: err instanceof Error ? err.message : String(err) });
  }
};
