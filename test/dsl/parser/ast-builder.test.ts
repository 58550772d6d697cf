// The CST visitor covers the grammar: every rule has a build method.
import { policyParser } from '../../../dsl/parser/policy-parser.js';
import { AstBuilder } from '../../../dsl/ast/ast-builder.js';

test('every grammar rule has a method on the AST builder', () => {
  const rules = Object.keys(policyParser().getGAstProductions());
  expect(rules.length).toBeGreaterThan(10);
  const missing = rules.filter((rule) => typeof (AstBuilder.prototype as unknown as Record<string, unknown>)[rule] !== 'function');
  expect(missing).toEqual([]);
});

test("Chevrotain's own visitor validation passes", () => {
  const builder = new AstBuilder('', []);
  expect(() => builder.validateVisitor()).not.toThrow();
});
