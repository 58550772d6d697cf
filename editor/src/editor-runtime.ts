// What only the policy editor needs, as a chunk of its own: Monaco, the DSL
// language and the DSL worker. main.ts imports this module the first time a
// policy opens, so the list screens (policies, accounts, invoices, ...) load
// neither Monaco nor a worker.
import { highlightVocabulary, registerDslLanguage } from './language/dsl-language.js';
import type { VocabularyManifest } from './vocabulary/manifest-types.js';
import type { EditorVocabulary } from './vocabulary/editor-vocabulary.js';
import { DslWorkerClient } from './worker/worker-client.js';

export { policyEditorScreen } from './screens/policy-editor-screen.js';

/** Starts the DSL worker and registers the language (once per page), with the vocabulary known so far. */
export function startEditorRuntime(vocabulary: () => EditorVocabulary, manifest: VocabularyManifest | null): DslWorkerClient {
  const worker = new DslWorkerClient();
  registerDslLanguage({ vocabulary, worker });
  if (manifest) {
    worker.setVocabulary(manifest);
    highlightVocabulary(vocabulary());
  }
  return worker;
}
