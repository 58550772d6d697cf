// Suggestions for misspelt words: edit distance and the candidates offered.
import { didYouMean, editDistance, suggestNames } from '../../../dsl/bind/did-you-mean.js';

describe('editDistance', () => {
  test.each([
    ['equal words', 'daily', 'daily', 0],
    ['one substitution', 'dayly', 'daily', 1],
    ['one insertion', 'regon', 'region', 1],
    ['one deletion', 'reggion', 'region', 1],
    ['two neighbours swapped count once', 'regoin', 'region', 1],
    ['empty against a word', '', 'abc', 3],
    ['completely different', 'abc', 'xyz', 3],
  ])('%s', (_name, a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  test('stops early above the limit', () => {
    expect(editDistance('aaaaaaaaaa', 'bbbbbbbbbb', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('suggestNames', () => {
  const FACTS = ['account.region', 'account.segment', 'account.name', 'order.type', 'line.quantity'];
  test.each([
    ['a typo in the object', 'acount.region', ['account.region']],
    ['a different case', 'Account.Region', ['account.region']],
    ['nothing close', 'zzz', []],
    ['a short word only allows one edit', 'typ', []],
  ])('%s', (_name, written, expected) => {
    expect(suggestNames(written, FACTS)).toEqual(expected);
  });

  test('best first, at most three', () => {
    expect(suggestNames('abcd', ['abcx', 'abcd', 'abxd', 'abce', 'xbcd'])).toEqual(['abcd', 'abcx', 'abxd']);
  });
});

test.each([
  ['no candidates', [], ''],
  ['one candidate', ['daily'], "; did you mean 'daily'?"],
  ['two candidates', ['up', 'down'], "; did you mean 'up' or 'down'?"],
  ['three candidates', ['a', 'b', 'c'], "; did you mean 'a', 'b' or 'c'?"],
])('didYouMean with %s', (_name, candidates, expected) => {
  expect(didYouMean(candidates)).toBe(expected);
});
