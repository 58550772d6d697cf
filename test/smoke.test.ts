import { Decimal } from 'decimal.js';
import { createToken, Lexer } from 'chevrotain';
test('esm deps load', () => {
  expect(new Decimal('0.1').plus('0.2').toString()).toBe('0.3');
  const T = createToken({ name: 'T', pattern: /a/ });
  expect(new Lexer([T]).tokenize('aa').tokens).toHaveLength(2);
});
