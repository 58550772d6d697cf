// A stable, reviewable JSON form of a parse result for golden files: spans as
// [start, end], keys in construction order ($type first), short arrays inline.
import type { ParseResult } from '../../dsl/parse/parse-document.js';

function replacer(key: string, value: unknown): unknown {
  if ((key === 'span' || key === 'opSpan') && value && typeof value === 'object' && 'start' in value && 'end' in value) {
    const span = value as { start: number; end: number };
    return [span.start, span.end];
  }
  return value;
}

export function parseResultJson(result: ParseResult): string {
  const view = {
    ast: result.ast,
    diagnostics: result.diagnostics.map((d) => ({ code: d.code, span: d.span, message: d.message })),
  };
  return (
    JSON.stringify(view, replacer, 2)
      // [12, 20] on one line instead of four.
      .replace(/\[\n\s+(-?\d+),\n\s+(-?\d+)\n\s+\]/g, '[$1, $2]')
      .replace(/\[\n\s+\]/g, '[]') + '\n'
  );
}
