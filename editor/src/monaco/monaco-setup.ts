// Loads Monaco's editor core and features (no bundled language services) and
// tells it where its one worker lives. Our DSL worker is started separately by
// worker/worker-client.ts.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker(): Worker {
    return new EditorWorker();
  },
};

export { monaco };
export type Monaco = typeof monaco;
