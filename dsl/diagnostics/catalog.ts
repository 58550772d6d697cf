// The one diagnostic catalog: syntax (PV1xxx), semantics (PV2xxx) and
// configuration (PV3xxx). PV4xxx is reserved for evaluation errors
// (engine/evaluate/eval-codes.ts). docs/diagnostics.md is generated from it.
import type { Span } from '../ast/ast-types.js';
import { SYNTAX_DIAGNOSTICS } from './catalog-syntax.js';
import { SEMANTIC_DIAGNOSTICS } from './catalog-semantic.js';
import { PLUGIN_CHECK_DIAGNOSTICS } from './catalog-plugin.js';
import type { CatalogEntry, Diagnostic, FixData, RelatedLocation } from './diagnostic-types.js';
import { fillTemplate, type DiagnosticArgs } from './syntax-report.js';

export const CATALOG = {
  ...SYNTAX_DIAGNOSTICS,
  ...SEMANTIC_DIAGNOSTICS,
  ...PLUGIN_CHECK_DIAGNOSTICS,
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;
export type { DiagnosticArgs };

export interface DiagnosticExtras {
  readonly file?: string;
  readonly related?: readonly RelatedLocation[];
  readonly data?: FixData;
}

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(CATALOG, code);
}

/** A diagnostic for a catalog code, with its `{placeholders}` filled from `args`. */
export function createDiagnostic(code: DiagnosticCode, span: Span, args: DiagnosticArgs = {}, extras: DiagnosticExtras = {}): Diagnostic {
  const entry: CatalogEntry = CATALOG[code];
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code,
    severity: entry.severity,
    message: fillTemplate(entry.message, args),
    span,
  };
  if (extras.file !== undefined) d.file = extras.file;
  if (extras.related !== undefined && extras.related.length > 0) d.related = extras.related;
  if (extras.data !== undefined) d.data = extras.data;
  return d;
}
