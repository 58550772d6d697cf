// Input bounds: size, token count and nesting depth are diagnostics, never a
// crash or a stack overflow.
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import { MAX_NESTING_DEPTH, MAX_TEXT_LENGTH, MAX_TOKENS } from '../../../dsl/parse/parse-limits.js';
import { MAX_EXPRESSION_DEPTH } from '../../../dsl/ast/ast-builder.js';

const when = (condition: string): string => `policy "p" {\n  when ${condition}\n}\n`;

describe('nesting depth', () => {
  test.each([
    ['5,000 nested parentheses', when('('.repeat(5000) + 'a' + ')'.repeat(5000))],
    ['5,000 unclosed parentheses', when('('.repeat(5000))],
    ['5,000 nested lists', when('a in ' + '['.repeat(5000) + ']'.repeat(5000))],
    ['5,000 nots', when('not '.repeat(5000) + 'a')],
    ['5,000 unary minus', when('-'.repeat(5000) + '1 > 0')],
    ['nots between parentheses', when('not ('.repeat(100) + 'a' + ')'.repeat(100))],
    ['nested calls', when('f('.repeat(3000) + ')'.repeat(3000))],
  ])('%s gives PV1092', (_name, text) => {
    const { ast, diagnostics } = parseDocument(text);
    expect(diagnostics.map((d) => d.code)).toContain('PV1092');
    const d = diagnostics.find((x) => x.code === 'PV1092')!;
    expect(d.message).toBe(`This expression is nested too deeply (more than ${MAX_NESTING_DEPTH} levels of brackets, lists or not)`);
    expect(d.span.start).toBeGreaterThan(0);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(ast.$type).toBe('PolicyFile');
  });

  test.each([
    ['parentheses at the limit', when('('.repeat(MAX_NESTING_DEPTH) + 'a' + ')'.repeat(MAX_NESTING_DEPTH))],
    ['nots and parentheses at the limit', when('not ('.repeat(MAX_NESTING_DEPTH / 2) + 'a' + ')'.repeat(MAX_NESTING_DEPTH / 2))],
    ['many nots in a flat chain', when(Array.from({ length: 200 }, (_, i) => `not a${i}`).join(' and '))],
    ['many subtractions', when('a' + ' - 1'.repeat(300) + ' > 0')],
  ])('%s parses cleanly', (_name, text) => {
    const { diagnostics } = parseDocument(text);
    expect(diagnostics).toEqual([]);
  });

  test('one level over the limit is reported', () => {
    const depth = MAX_NESTING_DEPTH + 1;
    const { diagnostics } = parseDocument(when('('.repeat(depth) + 'a' + ')'.repeat(depth)));
    expect(diagnostics.map((d) => d.code)).toEqual(['PV1092']);
  });

  test('a very long and-chain gives one diagnostic and a tree no deeper than the limit', () => {
    const text = when(Array.from({ length: MAX_EXPRESSION_DEPTH * 2 + 10 }, (_, i) => `a${i} = 1`).join(' and '));
    const { ast, diagnostics } = parseDocument(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['PV1092']);
    const depth = (node: unknown): number => {
      if (!node || typeof node !== 'object') return 0;
      let deepest = 0;
      for (const [key, value] of Object.entries(node)) if (key !== 'span' && key !== 'opSpan') deepest = Math.max(deepest, depth(value));
      return deepest + ('$type' in node ? 1 : 0);
    };
    const item = ast.policies[0].items[0];
    expect(item.$type).toBe('WhenClause');
    if (item.$type === 'WhenClause') expect(depth(item.condition)).toBeLessThanOrEqual(MAX_EXPRESSION_DEPTH);
  });

  test('a chain just under the expression limit is kept whole', () => {
    const text = when(Array.from({ length: MAX_EXPRESSION_DEPTH / 2 }, (_, i) => `a${i}`).join(' or '));
    expect(parseDocument(text).diagnostics).toEqual([]);
  });
});

describe('size limits', () => {
  test('text over the size limit', () => {
    const text = '#'.repeat(MAX_TEXT_LENGTH + 1);
    const { ast, diagnostics } = parseDocument(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'PV1090', span: { start: 0, end: 0 } });
    expect(diagnostics[0].message).toBe('This file is too large to check (1.0 MiB); the limit is 1 MiB');
    expect(ast.policies).toEqual([]);
  });

  test('text at the size limit is parsed', () => {
    const head = 'policy "p" { hold billing }\n';
    const text = head + '#'.repeat(MAX_TEXT_LENGTH - head.length);
    const { ast, diagnostics } = parseDocument(text);
    expect(diagnostics).toEqual([]);
    expect(ast.policies).toHaveLength(1);
  });

  test('too many tokens', () => {
    const text = when(Array.from({ length: MAX_TOKENS / 2 }, () => 'a').join('+'));
    const { diagnostics } = parseDocument(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['PV1091']);
    expect(diagnostics[0].message).toMatch(/^This file has too many words and symbols \([\d,]+\); the limit is 200,000$/);
  });
});
