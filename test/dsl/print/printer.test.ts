// The canonical layout: spacing, indentation, one item per line, comments kept,
// idempotent, and parse(print(ast)) equal to the AST up to spans.
import { formatDocument, printFile, printItem } from '../../../dsl/print/printer.js';
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import { withoutSpans } from './ast-compare.js';

function format(text: string): string {
  const result = formatDocument(text);
  if (result.text === undefined) throw new Error(`unexpected syntax errors: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.text;
}

describe('canonical layout', () => {
  test.each([
    ['empty file', '', ''],
    ['whitespace only', '  \n\n ', ''],
    ['empty policy', 'policy "a" {}', 'policy "a" {\n}\n'],
    ['one line to one item per line', 'policy "a" { priority 5 hold billing }', 'policy "a" {\n  priority 5\n  hold billing\n}\n'],
    ['spacing normalised', 'policy   "a"{when a.b=1 and(c<=2)prorate daily rounding half-up precision 2}', 'policy "a" {\n  when a.b = 1 and (c <= 2)\n  prorate daily rounding half-up precision 2\n}\n'],
    ['blank line between policies', 'policy "a" {}\n\n\n\npolicy "b" {}', 'policy "a" {\n}\n\npolicy "b" {\n}\n'],
    ['statement spread over lines joined', 'policy "a" {\n  hold\n  billing\n  until x is present\n}', 'policy "a" {\n  hold billing until x is present\n}\n'],
    ['strings re-escaped', 'policy "say \\"hi\\"\\t" { description "a\\\\b" }', 'policy "say \\"hi\\"\\t" {\n  description "a\\\\b"\n}\n'],
    ['negative priority', 'policy "a" { priority   -  5 }', 'policy "a" {\n  priority -5\n}\n'],
    ['lists and calls', 'policy "a" { when f( a ,b )in[ 1,2 ] }', 'policy "a" {\n  when f(a, b) in [1, 2]\n}\n'],
    ['durations keep their unit word', 'policy "a" { override billing date to billingDate+1  months }', 'policy "a" {\n  override billing date to billingDate + 1 months\n}\n'],
    ['unary minus has no space', 'policy "a" { when - a > - ( b ) }', 'policy "a" {\n  when -a > -(b)\n}\n'],
    ['word operators', 'policy "a" { when a starts  with "x" or a ends\nwith "y" }', 'policy "a" {\n  when a starts with "x" or a ends with "y"\n}\n'],
    ['billing day last', 'policy "a" { billing day of month last }', 'policy "a" {\n  billing day of month last\n}\n'],
    ['CRLF input', 'policy "a" {\r\n  hold billing\r\n}\r\n', 'policy "a" {\n  hold billing\n}\n'],
  ])('%s', (_name, input, expected) => {
    expect(format(input)).toBe(expected);
  });

  test('a long and-chain is broken one operand per line', () => {
    const condition = Array.from({ length: 6 }, (_, i) => `account.attributeNumber${i} = "value ${i}"`).join(' and ');
    expect(format(`policy "a" { when ${condition} }`)).toBe(
      'policy "a" {\n  when account.attributeNumber0 = "value 0"\n' +
        [1, 2, 3, 4, 5].map((i) => `    and account.attributeNumber${i} = "value ${i}"\n`).join('') +
        '}\n',
    );
  });

  test('a long hold condition keeps its reason on the last line', () => {
    const condition = Array.from({ length: 4 }, (_, i) => `order.someLongFieldName${i} is missing`).join(' or ');
    const out = format(`policy "a" { hold billing until ${condition} reason "r" }`);
    expect(out.split('\n')).toEqual([
      'policy "a" {',
      '  hold billing until order.someLongFieldName0 is missing',
      '    or order.someLongFieldName1 is missing',
      '    or order.someLongFieldName2 is missing',
      '    or order.someLongFieldName3 is missing reason "r"',
      '}',
      '',
    ]);
  });

  test('a short condition stays on one line', () => {
    expect(format('policy "a" {\n  when a = 1\n    and b = 2\n}')).toBe('policy "a" {\n  when a = 1 and b = 2\n}\n');
  });
});

describe('comments', () => {
  test.each([
    ['file header comment with a blank line', '# header\n\npolicy "a" {}', '# header\n\npolicy "a" {\n}\n'],
    ['comment directly above a policy', '// about a\npolicy "a" {}', '// about a\npolicy "a" {\n}\n'],
    ['comment above an item', 'policy "a" {\n      # why\n  hold billing\n}', 'policy "a" {\n  # why\n  hold billing\n}\n'],
    ['end-of-line comment after an item', 'policy "a" {\n  hold billing    # why\n}', 'policy "a" {\n  hold billing # why\n}\n'],
    ['end-of-line comment after the opening brace', 'policy "a" { // note\n  hold billing\n}', 'policy "a" { // note\n  hold billing\n}\n'],
    ['comment before the closing brace', 'policy "a" {\n  hold billing\n  # last words\n}', 'policy "a" {\n  hold billing\n  # last words\n}\n'],
    ['comment after the closing brace', 'policy "a" {\n} # done', 'policy "a" {\n} # done\n'],
    ['comment inside a multi-line item moves above it', 'policy "a" {\n  when a = 1 # first\n    and b = 2\n}', 'policy "a" {\n  # first\n  when a = 1 and b = 2\n}\n'],
    ['comments at the end of the file', 'policy "a" {}\n# the end\n// really', 'policy "a" {\n}\n\n# the end\n// really\n'],
    ['comment-only file', '# just a note', '# just a note\n'],
    ['comment between policies', 'policy "a" {}\n# about b\npolicy "b" {}', 'policy "a" {\n}\n\n# about b\npolicy "b" {\n}\n'],
  ])('%s', (_name, input, expected) => {
    expect(format(input)).toBe(expected);
  });

  test('every comment survives formatting', () => {
    const input = '# a\npolicy "p" { # b\n  when x = 1 // c\n    or y = 2 # d\n  # e\n  hold billing # f\n  # g\n} # h\n# i\n';
    const out = format(input);
    const before = parseDocument(input).ast.comments.map((c) => c.text);
    const after = parseDocument(out).ast.comments.map((c) => c.text);
    expect(after).toEqual(before);
  });

  test('without the source text, comments go above what follows them', () => {
    const input = 'policy "a" {\n  hold billing # why\n}';
    const { ast } = parseDocument(input);
    expect(printFile(ast)).toBe('policy "a" {\n  hold billing\n  # why\n}\n');
  });
});

describe('formatDocument', () => {
  test('never formats text with syntax errors', () => {
    const result = formatDocument('policy "a" { when }', 'a.policy');
    expect(result.text).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['PV1016', 'a.policy']]);
  });

  test('clean input has no diagnostics', () => {
    expect(formatDocument('policy "a" {}').diagnostics).toEqual([]);
  });
});

describe('idempotence and round trip', () => {
  const samples = [
    'policy "a" { when not (a in [1, 2]) and b between 1 and 2 or c is missing hold billing until d contains "x" reason "r" }',
    'policy "b" {\n  # c\n  priority -3\n  billing day of month dayOfMonth(contract.startDate) + 1\n  override billing date to nextWeekday(billingDate) - 2 days reason "x"\n  align amendments to original\n  prorate thirty-360 rounding half-even precision 4\n}',
    '// x\npolicy "c" {} policy "d" { when -(a - b) * c / d >= -1.5 }',
  ];

  test.each(samples)('format is idempotent: %s', (input) => {
    const once = format(input);
    expect(format(once)).toBe(once);
  });

  test.each(samples)('parse(print(ast)) equals ast: %s', (input) => {
    const { ast } = parseDocument(input);
    const reparsed = parseDocument(printFile(ast, input));
    expect(reparsed.diagnostics).toEqual([]);
    expect(withoutSpans(reparsed.ast)).toEqual(withoutSpans(ast));
  });
});

describe('hand-built trees', () => {
  const name = (text: string) => ({ $type: 'Name' as const, text, span: { start: 0, end: 0 } });
  const path = (text: string) => ({ $type: 'FieldPath' as const, segments: text.split('.').map(name), span: { start: 0, end: 0 } });
  const span = { start: 0, end: 0 };

  test('parentheses are added where precedence needs them', () => {
    const or = { $type: 'BinaryExpr' as const, op: 'or' as const, opSpan: span, left: path('a'), right: path('b'), span };
    const and = { $type: 'BinaryExpr' as const, op: 'and' as const, opSpan: span, left: or, right: path('c'), span };
    expect(printItem({ $type: 'WhenClause', condition: and, span })).toBe('when (a or b) and c');
    const sub = { $type: 'BinaryExpr' as const, op: '-' as const, opSpan: span, left: path('x'), right: path('y'), span };
    const outer = { $type: 'BinaryExpr' as const, op: '-' as const, opSpan: span, left: path('w'), right: sub, span };
    expect(printItem({ $type: 'WhenClause', condition: outer, span })).toBe('when w - (x - y)');
  });
});
