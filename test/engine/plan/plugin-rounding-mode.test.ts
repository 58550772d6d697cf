// A rounding mode added by a plugin, end to end: the policy that names it
// checks clean, compiles, is decided per line, and the invoice amount is
// rounded with the plugin's decimal.js rule (issue 11: it used to fail every
// line with PV4202 "unknown rounding mode").
import { Decimal } from 'decimal.js';
import { checkDocuments } from '../../../dsl/index.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { simulate } from '../../../engine/plan/planner.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import type { PluginApi } from '../../../engine/vocabulary/plugin-api.js';
import { book, line } from './book-fixtures.js';

const ceilingPlugin = (api: PluginApi): void =>
  api.addRoundingMode({ name: 'ceiling', doc: 'Round toward plus infinity.', decimalRounding: Decimal.ROUND_CEIL });
const registry = createRegistry({ plugins: [{ name: 'ceiling-plugin', plugin: ceilingPlugin }] });
const POLICY = 'policy "R" { prorate daily rounding ceiling }';

function run(quantity: string) {
  // 1 x 0.05 for 15 of 30 days = 0.025 (a charge), -0.025 for a credit of one unit
  const b = book({ lines: [line({ startDate: '2026-04-16', billingDayOfMonth: 1, quantity, unitPrice: '0.05' })] });
  const model = checkDocuments([{ file: 'r.policy', text: POLICY }], registry.vocabulary());
  const set = compilePolicies(model, registry);
  return { model, result: simulate(b, '2026-04-16', set, registry) };
}

describe('a plugin rounding mode through check, compile, evaluation and amount', () => {
  test('the policy naming it checks clean', () => {
    expect(run('1').model.diagnostics).toEqual([]);
  });

  test.each([
    ['a charge rounds up (0.025 -> 0.03)', '1', '0.03'],
    ['a credit rounds toward zero, unlike "up" (-0.025 -> -0.02)', '-1', '-0.02'],
  ])('%s', (_name, quantity, amount) => {
    const { result } = run(quantity);
    expect(result.errors).toEqual([]);
    const lines = result.invoices.flatMap((i) => i.lines);
    expect(lines.map((l) => l.amount)).toEqual([amount]);
  });

  test('the trace names the plugin mode', () => {
    const [l] = run('1').result.invoices.flatMap((i) => i.lines);
    expect(JSON.stringify(l.trace)).toContain('ceiling');
  });

  test('without the plugin the policy does not check (PV2006)', () => {
    const bare = createRegistry();
    const model = checkDocuments([{ file: 'r.policy', text: POLICY }], bare.vocabulary());
    expect(model.diagnostics.map((d) => d.code)).toContain('PV2006');
  });

  test('a rounding mode without a decimal.js rule is refused at registration, naming the plugin', () => {
    expect(() => createRegistry({ plugins: [{ name: 'bad-plugin', plugin: (api) => api.addRoundingMode({ name: 'odd', doc: 'x' } as never) }] })).toThrow(
      /rounding mode "odd" from bad-plugin: `decimalRounding` must be a decimal.js rounding constant/,
    );
  });
});
