import type { Span } from '../ast/ast-types.js';

export type Severity = 'error' | 'warning' | 'info';

/** One catalog entry: stable code, default severity, message template with
 * `{name}` placeholders, and the docs example + fix that docs/diagnostics.md shows. */
export interface CatalogEntry {
  readonly severity: Severity;
  /** Message template; `{placeholders}` are filled from the args at report time. */
  readonly message: string;
  /** A short policy text that triggers it (docs and a test use it). */
  readonly example: string;
  /** How to fix it, one or two sentences for a finance admin. */
  readonly fix: string;
}

export interface RelatedLocation {
  /** File path or document URI; omitted means the same file. */
  readonly file?: string;
  readonly span: Span;
  readonly message: string;
}

/** Data a quick fix needs (the editor turns it into code actions). */
export type FixData =
  | { readonly kind: 'replace'; readonly span: Span; readonly candidates: readonly string[] }
  | { readonly kind: 'insert'; readonly offset: number; readonly text: string }
  | { readonly kind: 'delete'; readonly span: Span }
  /** Several insertions/replacements applied as one fix, under a title written for the admin. */
  | { readonly kind: 'edits'; readonly title: string; readonly edits: readonly { readonly span: Span; readonly text: string }[] };

export interface Diagnostic {
  /** Stable code such as `PV1001` (1xxx syntax and limits, 2xxx semantics, 3xxx configuration). */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** File path or document URI the span belongs to. */
  readonly file?: string;
  readonly related?: readonly RelatedLocation[];
  readonly data?: FixData;
}
