// The only converter between Chevrotain token offsets (endOffset inclusive,
// NaN/-1 on tokens inserted by error recovery), AST spans (UTF-16 offsets, end
// exclusive), 1-based line/column positions and Monaco ranges.
import type { IToken } from 'chevrotain';
import type { Span } from '../ast/ast-types.js';

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units (what Monaco counts). */
  readonly column: number;
}

export interface MonacoRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** True for tokens that exist in the text (not inserted by recovery, not EOF). */
export function isRealToken(token: IToken | undefined): token is IToken {
  return (
    token !== undefined &&
    !token.isInsertedInRecovery &&
    Number.isFinite(token.startOffset) &&
    token.startOffset >= 0 &&
    token.endOffset !== undefined &&
    Number.isFinite(token.endOffset)
  );
}

/** The span of a real token; undefined for recovered or EOF tokens. */
export function tokenSpan(token: IToken | undefined): Span | undefined {
  if (!isRealToken(token)) return undefined;
  return { start: token.startOffset, end: (token.endOffset as number) + 1 };
}

/** From the start of `first` to the end of `last` (both must be real). */
export function spanBetween(first: Span, last: Span): Span {
  return { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) };
}

export function emptySpanAt(offset: number): Span {
  return { start: offset, end: offset };
}

/** Keeps a span inside a text of the given length, start <= end. */
export function clampSpan(span: Span, length: number): Span {
  const start = Math.min(Math.max(0, Number.isFinite(span.start) ? span.start : length), length);
  const end = Math.min(Math.max(start, Number.isFinite(span.end) ? span.end : start), length);
  return { start, end };
}

/** Line starts of one text, built once; positions are found by binary search. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column of a UTF-16 offset (clamped into the text). */
  positionAt(offset: number): Position {
    const at = Math.min(Math.max(0, Number.isFinite(offset) ? offset : this.text.length), this.text.length);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - this.lineStarts[low] + 1 };
  }

  /** Offset of a 1-based line/column, clamped to the line's content and the text. */
  offsetAt(line: number, column: number): number {
    if (line < 1) return 0;
    if (line > this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line - 1];
    const end = line < this.lineStarts.length ? this.lineContentEnd(line - 1) : this.text.length;
    return Math.min(Math.max(start, start + column - 1), end);
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.offsetAt(line, 1);
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    if (line < 1 || line > this.lineStarts.length) return '';
    const start = this.lineStarts[line - 1];
    const end = line < this.lineStarts.length ? this.lineContentEnd(line - 1) : this.text.length;
    return this.text.slice(start, end);
  }

  toMonacoRange(span: Span): MonacoRange {
    const start = this.positionAt(span.start);
    const end = this.positionAt(span.end);
    return { startLineNumber: start.line, startColumn: start.column, endLineNumber: end.line, endColumn: end.column };
  }

  /** The span of a Monaco range (inverse of toMonacoRange). */
  fromMonacoRange(range: MonacoRange): Span {
    return { start: this.offsetAt(range.startLineNumber, range.startColumn), end: this.offsetAt(range.endLineNumber, range.endColumn) };
  }

  private lineContentEnd(index: number): number {
    let end = this.lineStarts[index + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.lineStarts[index]);
  }
}

let lastIndex: LineIndex | undefined;

/**
 * The LineIndex of a text, reusing the last one built when called again with the
 * same text (callers that format one diagnostic at a time over one file, like
 * the CLI, so stay linear instead of re-indexing per diagnostic).
 */
export function lineIndexOf(text: string): LineIndex {
  if (lastIndex === undefined || lastIndex.text !== text) lastIndex = new LineIndex(text);
  return lastIndex;
}
