// Messages between the page and the DSL worker.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import type { VocabularyManifest } from '../vocabulary/manifest-types.js';

export type ToWorker =
  | { readonly type: 'vocabulary'; readonly manifest: VocabularyManifest }
  | {
      readonly type: 'check';
      readonly id: number;
      readonly file: string;
      readonly version: number;
      readonly text: string;
      /** `fast`: re-check only the policy holding `region` (edits since the last full check). */
      readonly mode?: 'full' | 'fast';
      readonly region?: { readonly start: number; readonly end: number };
    }
  | { readonly type: 'format'; readonly id: number; readonly text: string }
  /** The rest of the library the document at `file` joins (published texts of the other documents). */
  | { readonly type: 'library'; readonly file: string; readonly documents: readonly { readonly file: string; readonly text: string }[] };

export type FromWorker =
  | {
      readonly type: 'checked';
      readonly id: number;
      readonly file: string;
      readonly version: number;
      readonly diagnostics: readonly Diagnostic[];
      /** Time spent in checkDocuments inside the worker (ms). */
      readonly checkMs: number;
      /** True when only the edited policy was re-checked (a full check follows). */
      readonly fast: boolean;
    }
  | { readonly type: 'formatted'; readonly id: number; readonly text?: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
