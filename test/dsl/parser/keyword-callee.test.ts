import { parseDocument } from '../../../dsl/parse/parse-document.js';
import type { BinaryExpr, CallExpr, WhenClause } from '../../../dsl/ast/ast-types.js';

// `day` and `month` are keywords of `billing day of month`, and also names a
// vocabulary function may carry: right before `(` they are a callee.
test.each([
  ['month(...) as a call', 'month(billingDate) = 12', 'month'],
  ['day(...) as a call', 'day(today) > 3', 'day'],
])('%s', (_name, condition, callee) => {
  const r = parseDocument(`policy "p" {\n  when ${condition}\n  hold billing\n}`);
  expect(r.diagnostics).toEqual([]);
  const when = r.ast.policies[0].items[0] as WhenClause;
  const call = (when.condition as BinaryExpr).left as CallExpr;
  expect(call.$type).toBe('CallExpr');
  expect(call.callee.text).toBe(callee);
});

test.each([
  ['a duration unit after a number stays a duration', 'billingDate < today + 1 month', 'DurationLiteral'],
  ['a keyword segment after a dot stays a field path', 'line.month = 1', 'FieldPath'],
])('%s', (_name, condition, type) => {
  const r = parseDocument(`policy "p" {\n  when ${condition}\n  hold billing\n}`);
  expect(r.diagnostics).toEqual([]);
  const cmp = (r.ast.policies[0].items[0] as WhenClause).condition as BinaryExpr;
  const node = type === 'DurationLiteral' ? (cmp.right as BinaryExpr).right : cmp.left;
  expect(node.$type).toBe(type);
});

test('`billing day of month` still parses with the keywords', () => {
  const r = parseDocument('policy "p" {\n  billing day of month 1\n}');
  expect(r.diagnostics).toEqual([]);
  expect(r.ast.policies[0].items[0].$type).toBe('BillingDayStatement');
});
