// Diagnostics to marker ranges in the editor: the shared LineIndex of
// dsl/spans, so markers sit where the API and the CLI say (LF, CRLF, lone CR,
// spans across lines, zero-width spans, offsets past the end).
import { diagnosticRanges } from '../../editor/src/worker/diagnostic-ranges.js';

test('spans on LF text map to 1-based lines and columns', () => {
  const text = 'policy "a" {\n  billing day of month 40\n}\n';
  const start = text.indexOf('40');
  expect(diagnosticRanges(text, [{ start, end: start + 2 }])).toEqual([{ startLineNumber: 2, startColumn: 24, endLineNumber: 2, endColumn: 26 }]);
});

test('CRLF and lone CR each end one line', () => {
  const text = 'one\r\ntwo\rthree\nfour';
  const at = (word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
  expect(diagnosticRanges(text, [at('two'), at('three'), at('four')]).map((r) => [r.startLineNumber, r.startColumn, r.endColumn])).toEqual([
    [2, 1, 4],
    [3, 1, 6],
    [4, 1, 5],
  ]);
});

test('a span across lines ends on its last line; a zero-width span gets one column', () => {
  const text = 'policy "a" {\n  when x\n';
  expect(diagnosticRanges(text, [{ start: 11, end: text.length }, { start: 20, end: 20 }])).toEqual([
    { startLineNumber: 1, startColumn: 12, endLineNumber: 3, endColumn: 1 },
    { startLineNumber: 2, startColumn: 8, endLineNumber: 2, endColumn: 9 },
  ]);
});

test('offsets past the text are clamped to its end, an end before the start to the start', () => {
  const text = 'ab\ncd';
  expect(diagnosticRanges(text, [{ start: 99, end: 120 }, { start: 4, end: 1 }])).toEqual([
    { startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 4 },
    { startLineNumber: 2, startColumn: 2, endLineNumber: 2, endColumn: 3 },
  ]);
});

test('many diagnostics on a long text keep their positions', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
  const text = lines.join('\n');
  const spans = [0, 1234, 19_999].map((i) => {
    const start = text.indexOf(`line ${i}`, i === 0 ? 0 : text.indexOf(`\nline ${i}`) + 1);
    return { start: start + 5, end: start + 5 + String(i).length };
  });
  expect(diagnosticRanges(text, spans).map((r) => [r.startLineNumber, r.startColumn, r.endColumn])).toEqual([
    [1, 6, 7],
    [1235, 6, 10],
    [20_000, 6, 11],
  ]);
});
