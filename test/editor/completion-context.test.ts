// The editor's cursor-context scanner: what completion offers where. The text
// before the cursor is written with `|` marking the cursor (removed before use).
import { callContext, completionContext, scan, wordAt } from '../../editor/src/language/completion-context.js';

const HEAD = 'policy "P" {\n  ';
const ctx = (text: string) => completionContext(text.replace(/\|$/, ''), ['contains', 'starts with']);

describe('completionContext', () => {
  test.each([
    ['empty file is top level', '|', { kind: 'topLevel', prefix: '' }],
    ['after a closed policy is top level', 'policy "P" {\n}\n|', { kind: 'topLevel', prefix: '' }],
    ['blank line in a body is a statement', `${HEAD}|`, { kind: 'statement', prefix: '' }],
    ['partial statement word keeps its prefix', `${HEAD}pro|`, { kind: 'statement', prefix: 'pro' }],
    ['after `account.`', `${HEAD}when account.|`, { kind: 'member', object: 'account', prefix: '' }],
    ['after `account.re`', `${HEAD}when account.re|`, { kind: 'member', object: 'account', prefix: 're' }],
    ['after `product.` inside a call', `${HEAD}when startsWith(product.|`, { kind: 'member', object: 'product', prefix: '' }],
    ['after `when`', `${HEAD}when |`, { kind: 'expression', prefix: '' }],
    ['after `and`', `${HEAD}when a = 1 and |`, { kind: 'expression', prefix: '' }],
    ['after a word operator from the vocabulary', `${HEAD}when product.code contains |`, { kind: 'expression', prefix: '' }],
    ['after a complete comparison operand', `${HEAD}when account.region |`, { kind: 'afterValue', prefix: '' }],
    ['after `prorate`', `${HEAD}prorate |`, { kind: 'prorationMethod', prefix: '' }],
    ['partial proration method with a hyphen', `${HEAD}prorate monthly-d|`, { kind: 'prorationMethod', prefix: 'monthly-d' }],
    ['after `rounding`', `${HEAD}prorate daily rounding |`, { kind: 'roundingMode', prefix: '' }],
    ['after a proration method', `${HEAD}prorate daily |`, { kind: 'afterProrate', prefix: '' }],
    ['after `align amendments to`', `${HEAD}align amendments to |`, { kind: 'keywords', words: ['own', 'original'], prefix: '' }],
    ['after `is`', `${HEAD}when order.poNumber is |`, { kind: 'keywords', words: ['present', 'missing'], prefix: '' }],
    ['after `billing day of month`', `${HEAD}billing day of month |`, { kind: 'billingDay', prefix: '' }],
    ['typing `last` after `billing day of month`', `${HEAD}billing day of month la|`, { kind: 'billingDay', prefix: 'la' }],
    ['a duration `1 month` is not a billing day', `${HEAD}override billing date to billingDate + 1 month |`, { kind: 'expression', prefix: '' }],
    ['inside a comment', `${HEAD}# account.|`, { kind: 'none' }],
    ['inside a reason string', `${HEAD}hold billing reason "Awa|`, { kind: 'none' }],
  ])('%s', (_name, text, expected) => {
    expect(ctx(text)).toEqual(expected);
  });

  test.each([
    ['after `=`', `${HEAD}when account.segment = |`, { path: 'account.segment', inList: false, quoted: false, prefix: '' }],
    ['after `!=`', `${HEAD}when line.billingType != |`, { path: 'line.billingType', inList: false, quoted: false, prefix: '' }],
    ['after `in [`', `${HEAD}when account.segment in [|`, { path: 'account.segment', inList: true, quoted: false, prefix: '' }],
    ['after `not in [` with one item', `${HEAD}when account.segment not in ["smb", |`, { path: 'account.segment', inList: true, quoted: false, prefix: '' }],
    ['inside an opened quote', `${HEAD}when order.type = "ne|`, { path: 'order.type', inList: false, quoted: true, prefix: 'ne' }],
  ])('enum values %s', (_name, text, expected) => {
    expect(ctx(text)).toEqual({ kind: 'enumValue', ...expected });
  });

  test('a brace inside a string does not open a body', () => {
    expect(ctx('policy "a { b" {\n}\n|')).toEqual({ kind: 'topLevel', prefix: '' });
  });
});

describe('scan', () => {
  test('skips both comment styles and keeps dates and hyphenated words whole', () => {
    const s = scan('// c\n# d\nwhen billingDate between 2026-12-24 and x prorate thirty-360');
    expect(s.tokens.map((t) => t.text)).toEqual(['when', 'billingDate', 'between', '2026-12-24', 'and', 'x', 'prorate', 'thirty-360']);
  });
});

describe('callContext', () => {
  test.each([
    ['first argument', 'when nextWeekday(|', { name: 'nextWeekday', argIndex: 0 }],
    ['second argument', 'when addDays(billingDate, |', { name: 'addDays', argIndex: 1 }],
    ['nested call resolves the inner one', 'when f(g(a, |', { name: 'g', argIndex: 1 }],
    ['after a closed inner call', 'when f(g(a), |', { name: 'f', argIndex: 1 }],
  ])('%s', (_name, text, expected) => {
    expect(callContext(text.replace(/\|$/, ''))).toEqual(expected);
  });

  test('outside any call', () => {
    expect(callContext('when f(a) and ')).toBeUndefined();
  });
});

describe('wordAt', () => {
  test.each([
    ['middle of a dotted path', '  when account.region = "x"', 12, 'account.region'],
    ['a hyphenated method', 'prorate monthly-daily', 10, 'monthly-daily'],
    ['on a number', 'priority 100', 10, undefined],
  ])('%s', (_name, line, offset, expected) => {
    expect(wordAt(line, offset)?.text).toBe(expected);
  });
});
