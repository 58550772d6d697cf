// Every DSL keyword has a hover doc; other words have none.
import { KEYWORD_WORDS } from '../../dsl/lexer/tokens.js';
import { keywordDoc } from '../../editor/src/language/keyword-docs.js';

test.each(KEYWORD_WORDS.map((w) => [w]))('%s has a hover doc', (word) => {
  expect(keywordDoc(word)?.length ?? 0).toBeGreaterThan(10);
});

test.each([['account'], ['toString'], ['constructor'], ['nextWeekday']])('%s is not a keyword', (word) => {
  expect(keywordDoc(word)).toBeUndefined();
});

test('the guards are explained where a finance admin hovers them', () => {
  expect(keywordDoc('present')).toContain('x is present and');
  expect(keywordDoc('when')).toContain('guards every statement');
});
