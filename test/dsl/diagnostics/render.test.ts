// Rendering diagnostics: the one-line CLI form and the excerpt with `~` under the span.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { formatDiagnosticLine, renderDiagnosticExcerpt, renderDiagnostics } from '../../../dsl/diagnostics/render.js';
import { LineIndex } from '../../../dsl/spans/spans.js';

const TEXT = 'policy "Day" {\n  billing day of month 32\n}\n';
const at = (needle: string, text = TEXT) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
const diag = (extra: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'PV2027',
  severity: 'error',
  message: 'bad day',
  span: at('32'),
  file: 'rules/a.policy',
  ...extra,
});

describe('formatDiagnosticLine', () => {
  test.each([
    ['first column of the first line', { start: 0, end: 6 }, 'rules/a.policy:1:1: error PV2027 bad day'],
    ['inside the second line', at('32'), 'rules/a.policy:2:24: error PV2027 bad day'],
    ['at the very end of the text', { start: TEXT.length, end: TEXT.length }, 'rules/a.policy:4:1: error PV2027 bad day'],
    ['a span past the end is clamped', { start: 999, end: 1000 }, 'rules/a.policy:4:1: error PV2027 bad day'],
  ])('%s', (_name, span, expected) => {
    expect(formatDiagnosticLine(diag({ span }), TEXT)).toBe(expected);
  });

  test('a LineIndex may be passed instead of the text', () => {
    expect(formatDiagnosticLine(diag(), new LineIndex(TEXT))).toBe('rules/a.policy:2:24: error PV2027 bad day');
  });

  test('without a file the default name is used', () => {
    const { file: _file, ...noFile } = diag();
    expect(formatDiagnosticLine(noFile, TEXT)).toBe('<input>:2:24: error PV2027 bad day');
    expect(formatDiagnosticLine(noFile, TEXT, { defaultFile: 'buffer' })).toMatch(/^buffer:2:24:/);
  });

  test('CRLF line endings count as one line break', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    expect(formatDiagnosticLine(diag({ span: at('32', crlf) }), crlf)).toBe('rules/a.policy:2:24: error PV2027 bad day');
  });
});

describe('renderDiagnosticExcerpt', () => {
  test('underlines the span with ~ under the source line', () => {
    expect(renderDiagnosticExcerpt(diag(), TEXT)).toBe(
      ['rules/a.policy:2:24: error PV2027 bad day', '  2 |   billing day of month 32', '    |                        ~~'].join('\n'),
    );
  });

  test('a zero-width span gets a caret', () => {
    expect(renderDiagnosticExcerpt(diag({ span: { start: TEXT.indexOf('}'), end: TEXT.indexOf('}') } }), TEXT)).toBe(
      ['rules/a.policy:3:1: error PV2027 bad day', '  3 | }', '    | ^'].join('\n'),
    );
  });

  test('a span over several lines underlines each line from its first word', () => {
    const text = 'policy "A" {\n  when a and\n    b\n}\n';
    const span = { start: text.indexOf('a and'), end: text.indexOf('b\n') + 1 };
    expect(renderDiagnosticExcerpt(diag({ span }), text)).toBe(
      ['rules/a.policy:2:8: error PV2027 bad day', '  2 |   when a and', '    |        ~~~~~', '  3 |     b', '    |     ~'].join('\n'),
    );
  });

  test('a span over many lines shows the first two and the last', () => {
    const text = 'a\nb\nc\nd\ne\nf\n';
    const out = renderDiagnosticExcerpt(diag({ span: { start: 0, end: text.length - 1 } }), text).split('\n');
    expect(out).toEqual(['rules/a.policy:1:1: error PV2027 bad day', '  1 | a', '    | ~', '  2 | b', '    | ~', '    | ...', '  6 | f', '    | ~']);
  });

  test('a very long line is cut around the span', () => {
    const text = `when ${'x'.repeat(300)} BAD ${'y'.repeat(300)}`;
    const out = renderDiagnosticExcerpt(diag({ span: at('BAD', text) }), text).split('\n');
    expect(out[1].length).toBeLessThan(140);
    expect(out[1]).toContain('BAD');
    const caretAt = out[2].indexOf('~');
    expect(out[1].slice(caretAt, caretAt + 3)).toBe('BAD');
    expect(out[2].trimEnd().endsWith('~~~')).toBe(true);
  });

  test('related locations are listed, in this file and in others', () => {
    const other = 'policy "Day" {\n}\n';
    const d = diag({
      related: [
        { span: at('billing'), message: 'first set here' },
        { file: 'rules/b.policy', span: { start: 7, end: 12 }, message: 'also here' },
        { file: 'rules/unknown.policy', span: { start: 0, end: 1 }, message: 'somewhere' },
      ],
    });
    const out = renderDiagnosticExcerpt(d, TEXT, { textOf: (f) => (f === 'rules/b.policy' ? other : undefined) }).split('\n');
    expect(out.slice(3)).toEqual([
      '  related rules/a.policy:2:3: first set here',
      '  related rules/b.policy:1:8: also here',
      '  related rules/unknown.policy: somewhere',
    ]);
  });

  test('tabs are shown as one space so the underline stays aligned', () => {
    const text = '\tbilling day of month 32';
    const out = renderDiagnosticExcerpt(diag({ span: at('32', text) }), text).split('\n');
    expect(out[1]).toBe('  1 |  billing day of month 32');
    expect(out[2].indexOf('~')).toBe(out[1].indexOf('32'));
  });
});

test('renderDiagnostics joins excerpts of several files with blank lines', () => {
  const texts: Record<string, string> = { 'rules/a.policy': TEXT, 'rules/b.policy': 'x\n' };
  const out = renderDiagnostics([diag(), diag({ file: 'rules/b.policy', span: { start: 0, end: 1 } })], (f) => texts[f]);
  expect(out.split('\n\n')).toHaveLength(2);
  expect(out).toContain('rules/b.policy:1:1: error PV2027 bad day\n  1 | x\n    | ~');
});
