// Diagnostics' spans (UTF-16 offsets) to marker ranges (1-based line and
// column), with one shared LineIndex (dsl/spans) per text: linear in text plus
// diagnostics, and the same positions the API and the CLI report.
import { LineIndex } from '../../../dsl/spans/spans.js';

export interface MarkerRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** The range of each span in `text`; a zero-width span (a missing token) gets one column, so its squiggle shows. */
export function diagnosticRanges(text: string, spans: readonly { readonly start: number; readonly end: number }[]): MarkerRange[] {
  const index = new LineIndex(text);
  return spans.map((span) => {
    const a = index.positionAt(Math.max(0, span.start));
    const b = index.positionAt(Math.max(span.start, span.end));
    const empty = a.line === b.line && a.column === b.column;
    return { startLineNumber: a.line, startColumn: a.column, endLineNumber: b.line, endColumn: empty ? b.column + 1 : b.column };
  });
}
