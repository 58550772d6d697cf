// Policy structure and every statement of DESIGN §4, table-driven.
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import { itemSexpr } from './ast-sexpr.js';

function items(body: string): { items: string[]; codes: string[] } {
  const { ast, diagnostics } = parseDocument(`policy "p" {\n${body}\n}\n`);
  return { items: ast.policies[0]?.items.map(itemSexpr) ?? [], codes: diagnostics.map((d) => d.code) };
}

describe('statements', () => {
  test.each([
    ['description', 'description "Why this exists"', 'description "Why this exists"'],
    ['priority', 'priority 100', 'priority 100'],
    ['negative priority', 'priority -5', 'priority -5'],
    ['priority zero', 'priority 0', 'priority 0'],
    ['when', 'when account.region = "EMEA"', 'when (= account.region "EMEA")'],
    ['bare hold', 'hold billing', 'hold'],
    ['hold until', 'hold billing until order.poNumber is present', 'hold until (present order.poNumber)'],
    ['hold with reason', 'hold billing reason "Credit review"', 'hold reason "Credit review"'],
    ['hold until with reason', 'hold billing until today > 2026-01-31 reason "January freeze"', 'hold until (> today #2026-01-31) reason "January freeze"'],
    ['billing day number', 'billing day of month 1', 'billing-day 1'],
    ['billing day 31', 'billing day of month 31', 'billing-day 31'],
    ['billing day last', 'billing day of month last', 'billing-day last'],
    ['billing day expression', 'billing day of month dayOfMonth(contract.startDate)', 'billing-day dayOfMonth(contract.startDate)'],
    ['override to a date', 'override billing date to 2027-01-04', 'override #2027-01-04'],
    ['override with reason', 'override billing date to nextWeekday(billingDate) reason "Weekend"', 'override nextWeekday(billingDate) reason "Weekend"'],
    ['override with arithmetic', 'override billing date to billingDate + 1 month', 'override (+ billingDate 1month)'],
    ['align to original', 'align amendments to original', 'align original'],
    ['align to own', 'align amendments to own', 'align own'],
    ['prorate simple', 'prorate daily', 'prorate daily'],
    ['prorate hyphenated method', 'prorate monthly-daily', 'prorate monthly-daily'],
    ['prorate with digits in the name', 'prorate thirty-360', 'prorate thirty-360'],
    ['prorate whole-months', 'prorate whole-months', 'prorate whole-months'],
    ['prorate with rounding', 'prorate daily rounding half-even', 'prorate daily rounding half-even'],
    ['prorate with rounding and precision', 'prorate none rounding half-up precision 4', 'prorate none rounding half-up precision 4'],
    ['prorate with precision only', 'prorate daily precision 2', 'prorate daily precision 2'],
    ['rounding mode down', 'prorate daily rounding down', 'prorate daily rounding down'],
  ])('%s', (_name, body, expected) => {
    const result = items(`  ${body}`);
    expect(result.codes).toEqual([]);
    expect(result.items).toEqual([expected]);
  });

  test('items keep their source order, in any order', () => {
    const result = items('  prorate daily\n  when a = 1\n  priority 3\n  description "d"\n  hold billing');
    expect(result.codes).toEqual([]);
    expect(result.items).toEqual(['prorate daily', 'when (= a 1)', 'priority 3', 'description "d"', 'hold']);
  });

  test('a hyphen with spaces is not part of a method name', () => {
    const result = items('  prorate monthly - daily');
    expect(result.items[0]).toBe('prorate monthly');
    expect(result.codes.length).toBeGreaterThan(0);
  });

  test('statements may span several lines', () => {
    const result = items('  hold\n    billing\n    until a\n      is present\n    reason\n      "r"');
    expect(result.codes).toEqual([]);
    expect(result.items).toEqual(['hold until (present a) reason "r"']);
  });
});

describe('files and policies', () => {
  test.each([
    ['empty file', '', 0],
    ['only comments', '# nothing yet\n// still nothing\n', 0],
    ['one empty policy', 'policy "a" {}', 1],
    ['two policies', 'policy "a" {}\npolicy "b" { hold billing }', 2],
    ['policies on one line', 'policy "a" {} policy "b" {} policy "c" {}', 3],
  ])('%s', (_name, text, count) => {
    const { ast, diagnostics } = parseDocument(text);
    expect(diagnostics).toEqual([]);
    expect(ast.policies).toHaveLength(count);
    expect(ast.span).toEqual({ start: 0, end: text.length });
  });

  test('policy name is unescaped and spanned with its quotes', () => {
    const text = 'policy "Hold \\"EMEA\\"" { }';
    const { ast } = parseDocument(text);
    const name = ast.policies[0].name;
    expect(name.$type).toBe('StringLiteral');
    if (name.$type === 'StringLiteral') {
      expect(name.value).toBe('Hold "EMEA"');
      expect(text.slice(name.span.start, name.span.end)).toBe('"Hold \\"EMEA\\""');
    }
  });

  test('policy span runs from the keyword to the closing brace', () => {
    const text = '\n  policy "a" {\n  hold billing\n}\n';
    const { ast } = parseDocument(text);
    const span = ast.policies[0].span;
    expect(text.slice(span.start, span.end)).toBe('policy "a" {\n  hold billing\n}');
  });

  test('comments are collected in source order without their line break', () => {
    const text = '# first\npolicy "a" { // second\r\n  hold billing # third\n}\n// last';
    const { ast, diagnostics } = parseDocument(text);
    expect(diagnostics).toEqual([]);
    expect(ast.comments.map((c) => c.text)).toEqual(['# first', '// second', '# third', '// last']);
    for (const c of ast.comments) expect(text.slice(c.span.start, c.span.end)).toBe(c.text);
  });

  test('a comment marker inside text is text', () => {
    const { ast } = parseDocument('policy "a # b // c" {}');
    expect(ast.comments).toEqual([]);
    const name = ast.policies[0].name;
    expect(name.$type === 'StringLiteral' && name.value).toBe('a # b // c');
  });
});
