// The engine barrel loads as one ES module and exposes the public entry points.
import * as engine from '../../../engine/index.js';

const exported = engine as unknown as Record<string, unknown>;

test.each(['createRegistry', 'compilePolicies', 'evaluateLine', 'evaluatePeriod', 'parseConfig', 'attributeFacts', 'simulate', 'periods', 'roundMoney', 'exportJre', 'importJre'])(
  'exports the function %s',
  (name) => {
    expect(typeof exported[name]).toBe('function');
  },
);

test('exports the built-in proration methods and the evaluation codes', () => {
  expect((exported.builtinProrationMethods as { name: string }[]).map((m) => m.name)).toContain('daily');
  expect(Object.keys(exported.EVAL_CODES as object)).toContain('PV4001');
});
