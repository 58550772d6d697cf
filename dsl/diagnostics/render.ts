// Diagnostics as text: the one-line CLI form `path:line:col: severity CODE message`
// and the excerpt form of the golden files (TypeScript-baseline style: the
// source line(s) with `~~~` under the span, then the related locations).
import type { Span } from '../ast/ast-types.js';
import { clampSpan, type LineIndex, lineIndexOf } from '../spans/spans.js';
import type { Diagnostic } from './diagnostic-types.js';

/** Text of a file, or a LineIndex already built over it (saves re-indexing per diagnostic). */
export type SourceText = string | LineIndex;

export interface RenderOptions {
  /** Text of other files, for related locations in other files. */
  readonly textOf?: (file: string) => SourceText | undefined;
  /** Shown when a diagnostic has no file. */
  readonly defaultFile?: string;
}

const MAX_LINE_WIDTH = 120;
const CONTEXT_BEFORE = 40;
const MAX_EXCERPT_LINES = 4;

function indexOf(source: SourceText): LineIndex {
  return typeof source === 'string' ? lineIndexOf(source) : source;
}

function location(file: string, index: LineIndex, span: Span): string {
  const at = index.positionAt(clampSpan(span, index.text.length).start);
  return `${file}:${at.line}:${at.column}`;
}

/** `path:line:col: severity CODE message` (1-based line and column). */
export function formatDiagnosticLine(d: Diagnostic, source: SourceText, options: RenderOptions = {}): string {
  const file = d.file ?? options.defaultFile ?? '<input>';
  return `${location(file, indexOf(source), d.span)}: ${d.severity} ${d.code} ${d.message}`;
}

/** The diagnostic line, the source line(s) with `~` under the span, and related locations. */
export function renderDiagnosticExcerpt(d: Diagnostic, source: SourceText, options: RenderOptions = {}): string {
  const index = indexOf(source);
  const file = d.file ?? options.defaultFile ?? '<input>';
  const out: string[] = [formatDiagnosticLine(d, index, options)];
  out.push(...excerptLines(index, d.span));
  for (const r of d.related ?? []) {
    const rFile = r.file ?? file;
    const rSource = rFile === file ? index : options.textOf?.(rFile);
    out.push(rSource !== undefined ? `  related ${location(rFile, indexOf(rSource), r.span)}: ${r.message}` : `  related ${rFile}: ${r.message}`);
  }
  return out.join('\n');
}

/** Renders several diagnostics of one or more files, blank line between them. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], textOf: (file: string) => SourceText | undefined, defaultFile?: string): string {
  const cache = new Map<string, LineIndex>();
  const lookup = (file: string): LineIndex | undefined => {
    let index = cache.get(file);
    if (!index) {
      const source = textOf(file);
      if (source === undefined) return undefined;
      index = indexOf(source);
      cache.set(file, index);
    }
    return index;
  };
  const options: RenderOptions = defaultFile !== undefined ? { textOf: lookup, defaultFile } : { textOf: lookup };
  return diagnostics
    .map((d) => {
      const file = d.file ?? defaultFile ?? '<input>';
      const index = lookup(file);
      return index ? renderDiagnosticExcerpt(d, index, options) : `${file}: ${d.severity} ${d.code} ${d.message}`;
    })
    .join('\n\n');
}

function excerptLines(index: LineIndex, rawSpan: Span): string[] {
  const span = clampSpan(rawSpan, index.text.length);
  const start = index.positionAt(span.start);
  const end = index.positionAt(span.end);
  // A span ending at the first column of a line ends on the line before.
  let lastLine = end.line;
  if (end.line > start.line && end.column === 1) lastLine--;
  const width = String(lastLine).length;
  const lines: number[] = [];
  if (lastLine - start.line + 1 <= MAX_EXCERPT_LINES) for (let l = start.line; l <= lastLine; l++) lines.push(l);
  else lines.push(start.line, start.line + 1, -1, lastLine);
  const out: string[] = [];
  for (const line of lines) {
    if (line === -1) {
      out.push(`  ${' '.repeat(width)} | ...`);
      continue;
    }
    const text = index.lineText(line).replace(/\t/g, ' ');
    const from = line === start.line ? start.column - 1 : text.length - text.trimStart().length;
    const to = line === end.line ? end.column - 1 : text.length;
    const [shown, shift] = window(text, from);
    out.push(`  ${String(line).padStart(width)} | ${shown}`.trimEnd());
    const marker = to > from ? '~'.repeat(Math.max(1, Math.min(to, shift.end) - from)) : '^';
    out.push(`  ${' '.repeat(width)} | ${' '.repeat(from - shift.offset)}${marker}`);
  }
  return out;
}

/** A slice of a long line around column `from`; `offset` maps text columns to shown columns. */
function window(text: string, from: number): [string, { offset: number; end: number }] {
  if (text.length <= MAX_LINE_WIDTH) return [text, { offset: 0, end: text.length }];
  const begin = Math.max(0, Math.min(from - CONTEXT_BEFORE, text.length - MAX_LINE_WIDTH));
  const stop = Math.min(text.length, begin + MAX_LINE_WIDTH);
  const prefix = begin > 0 ? '...' : '';
  const suffix = stop < text.length ? '...' : '';
  return [prefix + text.slice(begin, stop) + suffix, { offset: begin - prefix.length, end: stop }];
}
