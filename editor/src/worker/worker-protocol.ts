// Messages between the page and the DSL worker.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import type { VocabularyManifest } from '../vocabulary/manifest-types.js';

export type ToWorker =
  | { readonly type: 'vocabulary'; readonly manifest: VocabularyManifest }
  | { readonly type: 'check'; readonly id: number; readonly file: string; readonly version: number; readonly text: string }
  | { readonly type: 'format'; readonly id: number; readonly text: string };

export type FromWorker =
  | {
      readonly type: 'checked';
      readonly id: number;
      readonly file: string;
      readonly version: number;
      readonly diagnostics: readonly Diagnostic[];
      /** Time spent in checkDocuments inside the worker (ms). */
      readonly checkMs: number;
    }
  | { readonly type: 'formatted'; readonly id: number; readonly text?: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
