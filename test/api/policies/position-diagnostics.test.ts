// positionDiagnostics (the API's line/column for diagnostics) uses the shared
// spans LineIndex: the same positions the CLI prints and Monaco shows, for LF,
// CRLF and lone CR line breaks, with one index per file.
import { LineIndex, lineIndexOf } from '../../../dsl/spans/spans.js';
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { positionDiagnostics } from '../../../api/policies/policy-library.service.js';

function diag(file: string, start: number, end: number): Diagnostic {
  return { code: 'PV1001', severity: 'error', message: 'x', span: { start, end }, file } as Diagnostic;
}

describe('positionDiagnostics', () => {
  test.each([
    ['first character', 'abc', 0, 1, { line: 1, column: 1, endLine: 1, endColumn: 2 }],
    ['after LF', 'ab\ncd', 3, 5, { line: 2, column: 1, endLine: 2, endColumn: 3 }],
    ['after CRLF', 'ab\r\ncd', 4, 5, { line: 2, column: 1, endLine: 2, endColumn: 2 }],
    ['after lone CR', 'ab\rcd', 3, 4, { line: 2, column: 1, endLine: 2, endColumn: 2 }],
    ['span past the end is clamped', 'ab\ncd', 4, 99, { line: 2, column: 2, endLine: 2, endColumn: 3 }],
  ])('%s', (_name, text, start, end, expected) => {
    const [d] = positionDiagnostics([diag('a.policy', start, end)], () => text);
    expect({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn }).toEqual(expected);
  });

  test('each file is positioned against its own text, asked for once', () => {
    const texts: Record<string, string> = { 'a.policy': 'x\ny\nz', 'b.policy': 'pq' };
    const asked: string[] = [];
    const out = positionDiagnostics([diag('a.policy', 4, 5), diag('b.policy', 1, 2), diag('a.policy', 2, 3)], (f) => {
      asked.push(f!);
      return texts[f!];
    });
    expect(out.map((d) => [d.file, d.line, d.column])).toEqual([
      ['a.policy', 3, 1],
      ['b.policy', 1, 2],
      ['a.policy', 2, 1],
    ]);
    expect(asked).toEqual(['a.policy', 'b.policy']);
  });
});

describe('lineIndexOf', () => {
  test('reuses the index for the same text and builds a new one for another', () => {
    const a = lineIndexOf('one\ntwo');
    expect(lineIndexOf('one\ntwo')).toBe(a);
    const b = lineIndexOf('other');
    expect(b).not.toBe(a);
    expect(b).toBeInstanceOf(LineIndex);
    expect(b.positionAt(3)).toEqual({ line: 1, column: 4 });
  });
});
