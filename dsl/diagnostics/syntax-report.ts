// Builds syntax Diagnostics from SYNTAX_DIAGNOSTICS (the merged catalog of
// diagnostics/catalog.ts renders the same templates for every stage).
import type { Span } from '../ast/ast-types.js';
import type { Diagnostic, FixData } from './diagnostic-types.js';
import { SYNTAX_DIAGNOSTICS, type SyntaxCode } from './catalog-syntax.js';

export type DiagnosticArgs = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder stays as written. */
export function fillTemplate(template: string, args: DiagnosticArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

export function syntaxDiagnostic(code: SyntaxCode, span: Span, args: DiagnosticArgs = {}, options: { file?: string; data?: FixData } = {}): Diagnostic {
  const entry = SYNTAX_DIAGNOSTICS[code];
  return {
    code,
    severity: entry.severity,
    message: fillTemplate(entry.message, args),
    span,
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.data !== undefined ? { data: options.data } : {}),
  };
}
