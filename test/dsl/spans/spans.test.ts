// The one position converter: token offsets, spans, line/column, Monaco ranges.
import { createTokenInstance, createToken } from 'chevrotain';
import { clampSpan, isRealToken, LineIndex, tokenSpan } from '../../../dsl/spans/spans.js';
import { parseDocument } from '../../../dsl/parse/parse-document.js';

const T = createToken({ name: 'T', pattern: /x/ });

describe('LineIndex', () => {
  const text = 'ab\ncd\r\nef\rg\n';
  const index = new LineIndex(text);

  test.each([
    ['first character', 0, 1, 1],
    ['end of first line (the line break)', 2, 1, 3],
    ['start of second line', 3, 2, 1],
    ['after a CRLF', 7, 3, 1],
    ['the LF of a CRLF belongs to its line', 6, 2, 4],
    ['after a lone CR', 10, 4, 1],
    ['end of text (after final LF)', 12, 5, 1],
    ['offset past the end is clamped', 99, 5, 1],
    ['negative offset is clamped', -4, 1, 1],
  ])('positionAt: %s', (_name, offset, line, column) => {
    expect(index.positionAt(offset)).toEqual({ line, column });
  });

  test.each([
    ['line 1 column 1', 1, 1, 0],
    ['line 2 column 2', 2, 2, 4],
    ['column past the line end stops at the line end', 1, 40, 2],
    ['line past the end is the text end', 9, 1, 12],
    ['line 0 is the start', 0, 5, 0],
  ])('offsetAt: %s', (_name, line, column, offset) => {
    expect(index.offsetAt(line, column)).toBe(offset);
  });

  test('offsetAt inverts positionAt for every offset', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = index.positionAt(offset);
      const back = index.offsetAt(line, column);
      // Offsets inside a CRLF pair map to the end of the line content.
      expect(back === offset || text[offset - 1] === '\r').toBe(true);
    }
  });

  test('columns count UTF-16 code units (as Monaco does)', () => {
    const emoji = new LineIndex('😀x');
    expect(emoji.positionAt(2)).toEqual({ line: 1, column: 3 });
  });

  test('toMonacoRange and back', () => {
    const range = index.toMonacoRange({ start: 1, end: 4 });
    expect(range).toEqual({ startLineNumber: 1, startColumn: 2, endLineNumber: 2, endColumn: 2 });
    expect(index.fromMonacoRange(range)).toEqual({ start: 1, end: 4 });
  });

  test('lineText strips the line break', () => {
    expect([1, 2, 3, 4, 5].map((l) => index.lineText(l))).toEqual(['ab', 'cd', 'ef', 'g', '']);
  });

  test('empty text has one line', () => {
    const empty = new LineIndex('');
    expect(empty.lineCount).toBe(1);
    expect(empty.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(empty.toMonacoRange({ start: 0, end: 0 })).toEqual({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 });
  });
});

describe('token spans', () => {
  test('end offset is inclusive in the token and exclusive in the span', () => {
    const token = createTokenInstance(T, 'abc', 4, 6, 1, 1, 5, 7);
    expect(tokenSpan(token)).toEqual({ start: 4, end: 7 });
  });

  test.each([
    ['NaN offsets (inserted by recovery)', createTokenInstance(T, '', NaN, NaN, NaN, NaN, NaN, NaN)],
    ['-1 offsets', createTokenInstance(T, '', -1, -1, -1, -1, -1, -1)],
  ])('%s have no span', (_name, token) => {
    expect(isRealToken(token)).toBe(false);
    expect(tokenSpan(token)).toBeUndefined();
  });

  test('a token flagged as inserted has no span', () => {
    const token = { ...createTokenInstance(T, 'x', 1, 1, 1, 1, 2, 2), isInsertedInRecovery: true };
    expect(tokenSpan(token)).toBeUndefined();
  });

  test.each([
    ['inside', { start: 2, end: 4 }, { start: 2, end: 4 }],
    ['end past the text', { start: 8, end: 20 }, { start: 8, end: 10 }],
    ['start past the text', { start: 12, end: 20 }, { start: 10, end: 10 }],
    ['reversed', { start: 5, end: 3 }, { start: 5, end: 5 }],
    ['NaN', { start: NaN, end: NaN }, { start: 10, end: 10 }],
  ])('clampSpan: %s', (_name, span, expected) => {
    expect(clampSpan(span, 10)).toEqual(expected);
  });

  test('AST spans map to the right line and column', () => {
    const text = 'policy "a" {\n  priority 5\n}';
    const { ast } = parseDocument(text);
    const index = new LineIndex(text);
    const item = ast.policies[0].items[0];
    expect(index.positionAt(item.span.start)).toEqual({ line: 2, column: 3 });
    expect(index.toMonacoRange(item.span)).toEqual({ startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 13 });
  });
});
