// The DSL front end in a web worker: checks the open document with the same
// dsl/ code the service and CLI use, and formats it, off the page's thread.
import * as dsl from '../../../dsl/index.js';
import type { Vocabulary } from '../../../dsl/vocabulary/vocabulary-types.js';
import { manifestToVocabulary } from '../vocabulary/manifest-to-vocabulary.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

let vocabulary: Vocabulary = { facts: [], functions: [], operators: [], prorationMethods: [], roundingModes: [] };

const post = (msg: FromWorker): void => (self as unknown as Worker).postMessage(msg);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  try {
    if (msg.type === 'vocabulary') {
      vocabulary = manifestToVocabulary(msg.manifest);
    } else if (msg.type === 'check') {
      const t0 = performance.now();
      const model = dsl.checkDocuments([{ file: msg.file, text: msg.text }], vocabulary);
      const diagnostics = model.diagnostics.filter((d) => d.file === undefined || d.file === msg.file);
      post({ type: 'checked', id: msg.id, file: msg.file, version: msg.version, diagnostics, checkMs: performance.now() - t0 });
    } else if (msg.type === 'format') {
      const r = dsl.formatDocument(msg.text);
      post({ type: 'formatted', id: msg.id, ...(r.text !== undefined ? { text: r.text } : {}), diagnostics: r.diagnostics });
    }
  } catch (err) {
    post({ type: 'failed', id: 'id' in msg ? msg.id : -1, message: err instanceof Error ? err.message : String(err) });
  }
};
