// Expression grammar: every form and the precedence ladder
// or < and < not < comparison < additive < multiplicative < unary minus < primary.
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import type { Expr } from '../../../dsl/ast/ast-types.js';
import { sexpr } from './ast-sexpr.js';

function condition(text: string): { expr: Expr; codes: string[] } {
  const { ast, diagnostics } = parseDocument(`policy "p" {\n  when ${text}\n}\n`);
  const when = ast.policies[0]?.items[0];
  if (!when || when.$type !== 'WhenClause') throw new Error(`no when clause parsed from: ${text}`);
  return { expr: when.condition, codes: diagnostics.map((d) => d.code) };
}

describe('expression forms', () => {
  test.each([
    ['field path', 'account.region', 'account.region'],
    ['single-word fact', 'today', 'today'],
    ['keyword as a later path segment', 'line.day = 1', '(= line.day 1)'],
    ['string with escapes', '"a\\"b\\\\c\\n"', JSON.stringify('a"b\\c\n')],
    ['integer', '100', '100'],
    ['decimal', '0.25', '0.25'],
    ['date literal', '2026-12-24', '#2026-12-24'],
    ['plural duration', '5 days', '5day'],
    ['singular duration with keyword unit', '1 month', '1month'],
    ['duration in weeks', '2 weeks', '2week'],
    ['duration in years', '1 year', '1year'],
    ['true', 'true', 'true'],
    ['false', 'false', 'false'],
    ['empty list', '[]', '[]'],
    ['list', '["a", "b", 3]', '["a" "b" 3]'],
    ['call without arguments', 'now()', 'now()'],
    ['call with arguments', 'daysBetween(line.startDate, today)', 'daysBetween(line.startDate today)'],
    ['nested call', 'f(g(1), [2])', 'f(g(1) [2])'],
    ['parentheses are kept', '(a)', '{a}'],
    ['equals', 'a = 1', '(= a 1)'],
    ['not equals', 'a != 1', '(!= a 1)'],
    ['less', 'a < 1', '(< a 1)'],
    ['less or equal', 'a <= 1', '(<= a 1)'],
    ['greater', 'a > 1', '(> a 1)'],
    ['greater or equal', 'a >= 1', '(>= a 1)'],
    ['in', 'a in ["x", "y"]', '(in a ["x" "y"])'],
    ['not in', 'a not in ["x"]', '(not-in a ["x"])'],
    ['in a list-valued field', 'a in b.list', '(in a b.list)'],
    ['is present', 'order.poNumber is present', '(present order.poNumber)'],
    ['is missing', 'order.poNumber is missing', '(missing order.poNumber)'],
    ['between', 'billingDate between 2026-12-24 and 2027-01-03', '(between billingDate #2026-12-24 #2027-01-03)'],
    ['contains', 'product.name contains "Gold"', '(contains product.name "Gold")'],
    ['starts with', 'product.code starts with "SUP"', '(starts-with product.code "SUP")'],
    ['ends with', 'product.code ends with "-EU"', '(ends-with product.code "-EU")'],
    ['plugin word operator', 'billingDate onOrAfter today', '(onOrAfter billingDate today)'],
    ['date plus duration', 'billingDate + 10 days', '(+ billingDate 10day)'],
    ['unary minus', '-a', '(- a)'],
    ['double unary minus', '- -a', '(- (- a))'],
    ['not', 'not a', '(not a)'],
    ['double not', 'not not a', '(not (not a))'],
  ])('%s: %s', (_name, text, expected) => {
    const { expr, codes } = condition(text);
    expect(codes).toEqual([]);
    expect(sexpr(expr)).toBe(expected);
  });
});

describe('precedence and associativity', () => {
  test.each([
    ['and binds tighter than or', 'a or b and c', '(or a (and b c))'],
    ['and binds tighter than or (left)', 'a and b or c', '(or (and a b) c)'],
    ['or is left-associative', 'a or b or c', '(or (or a b) c)'],
    ['and is left-associative', 'a and b and c', '(and (and a b) c)'],
    ['not binds tighter than and', 'not a and b', '(and (not a) b)'],
    ['not is looser than comparison', 'not a = 1', '(not (= a 1))'],
    ['not before in', 'not a in [1]', '(not (in a [1]))'],
    ['comparison looser than additive', 'a + 1 > b * 2', '(> (+ a 1) (* b 2))'],
    ['multiplicative tighter than additive', 'a + b * c', '(+ a (* b c))'],
    ['additive is left-associative', 'a - b - c', '(- (- a b) c)'],
    ['multiplicative is left-associative', 'a / b * c', '(* (/ a b) c)'],
    ['unary minus tighter than multiplicative', '-a * b', '(* (- a) b)'],
    ['parentheses override', '(a + b) * c', '(* {(+ a b)} c)'],
    ["between takes its own 'and'", 'd between 1 and 2 and e', '(and (between d 1 2) e)'],
    ['between bounds are additive', 'd between a + 1 and b - 1', '(between d (+ a 1) (- b 1))'],
    ['between inside or', 'x or d between 1 and 2', '(or x (between d 1 2))'],
    ['in list then and', 'a in [1, 2] and b not in [3]', '(and (in a [1 2]) (not-in b [3]))'],
    ['presence then or', 'a is missing or a = ""', '(or (missing a) (= a ""))'],
    ['word operator operands are additive', 'a + 1 contains b', '(contains (+ a 1) b)'],
    ['and inside parentheses', 'not (a and b)', '(not {(and a b)})'],
    ['duration inside arithmetic', 'today - 1 week + 2 days', '(+ (- today 1week) 2day)'],
    ['call result compared', 'lower(a) = "x"', '(= lower(a) "x")'],
  ])('%s: %s', (_name, text, expected) => {
    const { expr, codes } = condition(text);
    expect(codes).toEqual([]);
    expect(sexpr(expr)).toBe(expected);
  });
});

describe('spans of expressions', () => {
  test.each([
    ['binary expression covers both operands', 'a.b = 12', 'a.b = 12'],
    ['between covers the high bound', 'd between 1 and 20', 'd between 1 and 20'],
    ['presence covers the last word', 'x is missing', 'x is missing'],
    ['call covers its closing parenthesis', 'f(1, 2)', 'f(1, 2)'],
    ['duration covers its unit', '3 months', '3 months'],
    ['not covers its operand', 'not (a)', 'not (a)'],
  ])('%s', (_name, text, covered) => {
    const source = `policy "p" {\n  when ${text}\n}\n`;
    const { ast } = parseDocument(source);
    const when = ast.policies[0].items[0];
    expect(when.$type).toBe('WhenClause');
    const span = when.$type === 'WhenClause' ? when.condition.span : when.span;
    expect(source.slice(span.start, span.end)).toBe(covered);
  });

  test('operator span points at the operator', () => {
    const source = 'policy "p" { when a <= b }';
    const { ast } = parseDocument(source);
    const when = ast.policies[0].items[0];
    if (when.$type !== 'WhenClause' || when.condition.$type !== 'BinaryExpr') throw new Error('expected a binary condition');
    expect(source.slice(when.condition.opSpan.start, when.condition.opSpan.end)).toBe('<=');
  });

  test('word operator is normalised to single spaces and spans both words', () => {
    const source = 'policy "p" { when a starts   with "x" }';
    const { ast } = parseDocument(source);
    const when = ast.policies[0].items[0];
    if (when.$type !== 'WhenClause' || when.condition.$type !== 'WordOperatorExpr') throw new Error('expected a word operator');
    expect(when.condition.operator).toBe('starts with');
    expect(source.slice(when.condition.opSpan.start, when.condition.opSpan.end)).toBe('starts   with');
  });
});
