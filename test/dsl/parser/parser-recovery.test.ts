// Broken input: one clear diagnostic at the offending text, and a partial tree
// the editor can keep using (Missing nodes, never undefined where an Expr is due).
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import type { AstNode } from '../../../dsl/ast/ast-types.js';
import { itemSexpr } from './ast-sexpr.js';

/** Marks the expected span with ⟦ ⟧; `⟦⟧` is a zero-width span. */
function marked(text: string): { source: string; span: { start: number; end: number } } {
  const start = text.indexOf('⟦');
  const end = text.indexOf('⟧') - 1;
  return { source: text.replace('⟦', '').replace('⟧', ''), span: { start, end } };
}

describe('syntax diagnostics', () => {
  test.each([
    ['policy name without quotes', 'policy ⟦Hold EMEA⟧ { }', 'PV1005', "Expected the policy name in double quotes after 'policy', found the word 'Hold'"],
    ['policy without a name', 'policy ⟦{⟧ }', 'PV1005', "Expected the policy name in double quotes after 'policy', found '{'"],
    ['missing opening brace', 'policy "a" ⟦hold⟧ billing }', 'PV1006', "Expected '{' to open the policy body after the policy name, found 'hold'"],
    ['missing closing brace at end of file', 'policy "a" { hold billing⟦⟧', 'PV1007', "This policy is not closed: expected '}' before the end of the file"],
    ['missing closing brace before the next policy', 'policy "a" { hold billing\n⟦policy⟧ "b" {}', 'PV1007', "This policy is not closed: expected '}' before 'policy'"],
    ['condition missing after when', 'policy "a" { when ⟦}⟧', 'PV1016', "Expected a condition after 'when', found '}'"],
    ['condition missing after until', 'policy "a" { hold billing until ⟦reason⟧ "x" }', 'PV1016', "Expected a condition after 'until', found 'reason'"],
    ['value missing after an operator', 'policy "a" { when a = ⟦}⟧', 'PV1008', "Expected a value after '=', such as a field (account.region), a number, a date (2026-12-24), text in quotes or a list; found '}'"],
    ['value missing after and', 'policy "a" { when a and ⟦}⟧', 'PV1016', "Expected a condition after 'and', found '}'"],
    ['reason without quotes', 'policy "a" { hold billing reason ⟦Awaiting⟧ PO }', 'PV1009', "Expected text in double quotes after 'reason', found the word 'Awaiting'"],
    ['description without quotes', 'policy "a" { description ⟦hello⟧ }', 'PV1009', "Expected text in double quotes after 'description', found the word 'hello'"],
    ['priority not a number', 'policy "a" { priority ⟦high⟧ }', 'PV1010', "Expected a whole number after 'priority', found the word 'high'"],
    ['priority with decimals', 'policy "a" { priority ⟦1.5⟧ }', 'PV1015', 'Priority must be a whole number, not 1.5'],
    ['precision with decimals', 'policy "a" { prorate daily precision ⟦2.5⟧ }', 'PV1015', 'Precision must be a whole number, not 2.5'],
    ['duration with decimals', 'policy "a" { when a < ⟦1.5⟧ days }', 'PV1015', 'A duration amount must be a whole number, not 1.5'],
    ['prorate without a method', 'policy "a" { prorate ⟦}⟧', 'PV1011', "Expected a proration method (daily, monthly-daily, whole-months, thirty-360 or none) after 'prorate', found '}'"],
    ['rounding without a mode', 'policy "a" { prorate daily rounding ⟦}⟧', 'PV1011', "Expected a rounding mode (half-up, half-even, up or down) after 'rounding', found '}'"],
    ['align without a mode', 'policy "a" { align amendments to ⟦}⟧', 'PV1011', "Expected an alignment (own or original) after 'to', found '}'"],
    ['billing day without a day', 'policy "a" { billing day of month ⟦}⟧', 'PV1011', "Expected a day of the month (1 to 31) or 'last' after 'month', found '}'"],
    ['path ending in a dot', 'policy "a" { when account. ⟦}⟧', 'PV1011', "Expected a field name after '.', found '}'"],
    ['hold without billing', 'policy "a" { hold ⟦until⟧ a }', 'PV1001', "Expected 'billing', found 'until'"],
    ['comparison chained', 'policy "a" { when 1 < a ⟦< 3⟧ }', 'PV1019', "Comparisons cannot be chained: '<' follows a comparison; combine two comparisons with 'and'"],
    ['unclosed parenthesis', 'policy "a" { when (a = 1 ⟦}⟧', 'PV1014', "Expected ')' to close the opening '(', found '}'"],
    ['unclosed list', 'policy "a" { when a in [1, 2 ⟦}⟧', 'PV1014', "Expected ']' to close the list opened with '[', found '}'"],
    ['is without present or missing', 'policy "a" { when a is ⟦empty⟧ }', 'PV1017', "Expected 'present' or 'missing' after 'is', found the word 'empty'"],
    ['between with to', 'policy "a" { when d between 1 ⟦to⟧ 2 }', 'PV1018', "Expected 'and' between the two bounds of 'between', found 'to'"],
    ['text before the first policy', '⟦hold billing⟧\npolicy "a" {}', 'PV1012', "Expected a policy starting with 'policy', found 'hold'"],
    ['unknown word in a policy', 'policy "a" { ⟦unless⟧ }', 'PV1013', "Found the word 'unless' where a statement should start; a statement starts with description, priority, when, hold billing, billing day of month, override billing date, align amendments or prorate"],
    ['character outside the language', 'policy "a" { when a ⟦&⟧ b = 1 }', 'PV1002', "The character '&' is not part of the policy language"],
    ['unterminated text', 'policy "a" { description ⟦"oops }⟧', 'PV1003', 'This text has no closing double quote'],
  ])('%s', (_name, text, code, message) => {
    const { source, span } = marked(text);
    const { diagnostics } = parseDocument(source, 'x.policy');
    expect(diagnostics.length).toBeGreaterThan(0);
    const first = diagnostics[0];
    expect({ code: first.code, message: first.message, span: first.span, file: first.file, severity: first.severity }).toEqual({
      code, message, span, file: 'x.policy', severity: 'error',
    });
  });

  test('an unknown escape is reported at the escape; known escapes are not', () => {
    const source = 'policy "a" { description "C:\\temp\\q" }';
    const { diagnostics } = parseDocument(source);
    expect(diagnostics.map((d) => [d.code, source.slice(d.span.start, d.span.end)])).toEqual([['PV1004', '\\q']]);
    expect(diagnostics[0].message).toContain('Unknown escape \\q in text');
  });

  test('an error right after a statement that lost its value is still reported', () => {
    const source = 'policy "x" {\n  when a =\n  prorate\n}\n';
    const { diagnostics } = parseDocument(source);
    expect(diagnostics.map((d) => [d.code, source.slice(d.span.start, d.span.end)])).toEqual([['PV1008', 'prorate'], ['PV1011', '}']]);
  });

  test('one problem, one diagnostic: a value missing right after another error is not repeated', () => {
    const source = 'policy "x" {\n  when x is empty\n  hold billing\n}';
    const { diagnostics } = parseDocument(source);
    expect(diagnostics.map((d) => d.code)).toEqual(['PV1017']);
  });

  test('words after a rejected character are not reported again', () => {
    const source = 'policy "a" { when line.quantity > 10 & line.unitPrice > 5 }';
    const { diagnostics } = parseDocument(source);
    expect(diagnostics.map((d) => [d.code, source.slice(d.span.start, d.span.end)])).toEqual([['PV1002', '&']]);
  });

  test('consecutive junk words give one diagnostic spanning them', () => {
    const source = 'policy "a" { bad words here when a = 1 }';
    const { diagnostics } = parseDocument(source);
    expect(diagnostics.map((d) => [d.code, source.slice(d.span.start, d.span.end)])).toEqual([['PV1013', 'bad words here']]);
    expect(diagnostics[0].data).toEqual({ kind: 'delete', span: diagnostics[0].span });
  });

  test('an unquoted name offers the quoted name as a fix', () => {
    const { diagnostics } = parseDocument('policy Hold EMEA { }');
    expect(diagnostics[0].data).toEqual({ kind: 'replace', span: { start: 7, end: 16 }, candidates: ['"Hold EMEA"'] });
  });

  test('an unterminated text offers the closing quote', () => {
    const { diagnostics } = parseDocument('policy "a');
    expect(diagnostics[0]).toMatchObject({ code: 'PV1003', data: { kind: 'insert', offset: 9, text: '"' } });
  });
});

describe('partial trees after recovery', () => {
  function walk(node: unknown, visit: (n: AstNode) => void): void {
    if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
    else if (node && typeof node === 'object') {
      if ('$type' in node) visit(node as AstNode);
      for (const [key, value] of Object.entries(node)) if (key !== 'span' && key !== 'opSpan') walk(value, visit);
    }
  }

  test.each([
    ['missing right operand', 'policy "a" { when a = \n hold billing }', ['when (= a ?)', 'hold']],
    ['missing condition keeps the next statement', 'policy "a" { when\n prorate daily }', ['when ?', 'prorate daily']],
    ['bad statement between good ones', 'policy "a" { priority 1\n bogus\n hold billing }', ['priority 1', 'hold']],
    ['missing closing parenthesis', 'policy "a" { when (a = 1\n hold billing }', ['when {(= a 1)}', 'hold']],
    ['missing between high bound', 'policy "a" { when d between 1 and }', ['when (between d 1 ?)']],
    ['missing precision value', 'policy "a" { prorate daily precision }', ['prorate daily precision ?']],
    ['missing reason text', 'policy "a" { hold billing reason }', ['hold reason ?']],
    ['missing alignment mode', 'policy "a" { align amendments to }', ['align ?']],
    ['missing in list', 'policy "a" { when a not in }', ['when (not-in a ?)']],
  ])('%s', (_name, source, expected) => {
    const { ast, diagnostics } = parseDocument(source);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(ast.policies[0].items.map(itemSexpr)).toEqual(expected);
    walk(ast, (n) => {
      expect(n.span.start).toBeLessThanOrEqual(n.span.end);
      if (n.$type === 'Missing') expect(n.span.end).toBe(n.span.start);
    });
  });

  test('a second policy survives an unclosed first one', () => {
    const { ast } = parseDocument('policy "a" { when (a\npolicy "b" { hold billing }');
    expect(ast.policies.map((p) => (p.name.$type === 'StringLiteral' ? p.name.value : '?'))).toEqual(['a', 'b']);
    expect(ast.policies[1].items.map(itemSexpr)).toEqual(['hold']);
  });

  test('a policy whose name was lost has a Missing name right after the keyword', () => {
    const { ast } = parseDocument('policy { hold billing }');
    expect(ast.policies[0].name).toEqual({ $type: 'Missing', span: { start: 6, end: 6 } });
    expect(ast.policies[0].items.map(itemSexpr)).toEqual(['hold']);
  });
});
