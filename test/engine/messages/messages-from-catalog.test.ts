// One message mechanism: what the engine reports (PV40xx evaluation, PV42xx
// planning, PV50xx interop) is its catalog template with the placeholders
// filled, so docs/diagnostics.md shows the text users see.
import { exportJre } from '../../../engine/interop/jre-export.js';
import { INTEROP_CODE_DOCS } from '../../../engine/interop/jre-export.js';
import { EVAL_CODES } from '../../../engine/evaluate/eval-codes.js';
import { PLAN_CODE_DOCS } from '../../../engine/plan/plan-codes.js';
import { indexBook, planOrderProducts, simulate } from '../../../engine/plan/planner.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { checkDocuments } from '../../../dsl/index.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { book, line } from '../plan/book-fixtures.js';
import { checkText, compileText, registry } from '../plan/policy-fixtures.js';

/** The template as a pattern: literal text, each `{placeholder}` any text. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

test('the pattern helper accepts the filled template and rejects other text', () => {
  const p = templatePattern('proration method "{method}" is not registered');
  expect('proration method "x" is not registered').toMatch(p);
  expect('proration method x is unknown').not.toMatch(p);
});

test('PV4205: an order product that is not in the book', () => {
  const out = planOrderProducts(indexBook(book({ lines: [line()] })), ['NOPE'], '2026-03-01', compileText('policy "P" { prorate daily }'), registry);
  expect(out.errors).toHaveLength(1);
  expect(out.errors[0].code).toBe('PV4205');
  expect(out.errors[0].message).toMatch(templatePattern(PLAN_CODE_DOCS.PV4205.message));
  expect(out.errors[0].message).toContain('order product NOPE is not in the book');
});

test('PV4004: a plugin function that throws', () => {
  const reg = createRegistry({
    plugins: [{ name: 'p', plugin: (api) => api.addFunction({ name: 'boom', params: [], returns: { kind: 'boolean' }, doc: 'x', impl: () => { throw new Error('kaput'); } }) }],
  });
  const model = checkDocuments([{ file: 't.policy', text: 'policy "B" {\n  when boom()\n  hold billing\n}' }], reg.vocabulary());
  const r = simulate(book({ lines: [line()] }), '2026-03-01', compilePolicies(model, reg), reg);
  expect(r.errors[0].code).toBe('PV4004');
  // reported as `<policy>: <template>`
  expect(r.errors[0].message.replace(/^B: /, '')).toMatch(templatePattern(EVAL_CODES.PV4004.message));
});

test.each([
  ['PV5001', 'policy "P" {\n  when line.seats is present and line.seats * line.unitPrice >= 50000\n  hold billing\n}'],
  ['PV5002', 'policy "W" {\n  when product.code starts with "SUP"\n  override billing date to nextWeekday(billingDate)\n}'],
] as const)('%s: json-rules-engine export', (code, text) => {
  const d = exportJre(checkText(text)).diagnostics.find((x) => x.code === code);
  expect(d?.message).toMatch(templatePattern(INTEROP_CODE_DOCS[code].message));
});
