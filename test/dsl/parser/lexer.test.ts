// The lexer: keywords versus identifiers, literals, comments, bad characters.
import { lexText } from '../../../dsl/lexer/lexer.js';

function kinds(text: string): string[] {
  return lexText(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('lexer', () => {
  test.each([
    ['keyword', 'policy', ['KwPolicy:policy']],
    ['identifier starting with a keyword', 'policyName', ['Identifier:policyName']],
    ["'or' does not shadow 'override'", 'override', ['KwOverride:override']],
    ["'or' does not shadow 'original'", 'original', ['Identifier:original']],
    ["'to' does not shadow 'today'", 'today', ['Identifier:today']],
    ["'in' does not shadow 'inside'", 'inside', ['Identifier:inside']],
    ["plural unit is an identifier, singular 'day' a keyword", 'days day', ['Identifier:days', 'KwDay:day']],
    ['vocabulary words are identifiers', 'daily half nextWeekday own', ['Identifier:daily', 'Identifier:half', 'Identifier:nextWeekday', 'Identifier:own']],
    ['date wins over integer minus integer', '2026-12-24', ['DateLiteral:2026-12-24']],
    ['subtraction of integers', '2026 - 12', ['NumberLiteral:2026', 'Minus:-', 'NumberLiteral:12']],
    ['decimal', '12.50', ['NumberLiteral:12.50']],
    ['string with escaped quote', '"a\\"b"', ['StringLiteral:"a\\"b"']],
    ['two-character operators', '!= <= >=', ['NotEquals:!=', 'LessEquals:<=', 'GreaterEquals:>=']],
    ['one-character operators', '= < > + - * /', ['Equals:=', 'Less:<', 'Greater:>', 'Plus:+', 'Minus:-', 'Star:*', 'Slash:/']],
    ['punctuation', '( ) [ ] { } , .', ['LParen:(', 'RParen:)', 'LBracket:[', 'RBracket:]', 'LCurly:{', 'RCurly:}', 'Comma:,', 'Dot:.']],
    ['hyphenated name is three tokens', 'thirty-360', ['Identifier:thirty', 'Minus:-', 'NumberLiteral:360']],
    ['comments are not tokens', 'a # b\nc // d', ['Identifier:a', 'Identifier:c']],
    ['slash is division, two slashes a comment', 'a / b // c', ['Identifier:a', 'Slash:/', 'Identifier:b']],
  ])('%s', (_name, text, expected) => {
    expect(lexText(text).problems).toEqual([]);
    expect(kinds(text)).toEqual(expected);
  });

  test('comments are collected with their spans', () => {
    const result = lexText('a # one\n// two');
    expect(result.comments.map((c) => [c.image, c.startOffset])).toEqual([['# one', 2], ['// two', 8]]);
  });

  test.each([
    ['ampersand', 'a & b', { kind: 'unexpected-character', offset: 2, length: 1 }],
    ['emoji (two UTF-16 units)', 'a 😀 b', { kind: 'unexpected-character', offset: 2, length: 2 }],
    ['unterminated string', 'x "abc', { kind: 'unterminated-string', offset: 2, length: 4 }],
    ['string cut by a line break', '"abc\n"', { kind: 'unterminated-string', offset: 0, length: 4 }],
  ])('problem: %s', (_name, text, problem) => {
    expect(lexText(text).problems[0]).toEqual(problem);
  });

  test('an unterminated string still reaches the parser as a string', () => {
    const result = lexText('"abc');
    expect(result.tokens.map((t) => t.tokenType.name)).toEqual(['StringLiteral']);
  });
});
