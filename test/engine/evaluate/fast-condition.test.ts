// Conditions made of `fact op constant` leaves are walked as data
// (engine/evaluate/fast-condition.ts) instead of through their closures. The
// walk must decide and fail exactly as the closures do: same value, same
// error code and message, whatever is missing or malformed on the line.
import fc from 'fast-check';
import { compileText, lineCtx, type CtxOverrides } from './eval-fixtures.js';
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { EvaluationFailure } from '../../../engine/evaluate/evaluation-failure.js';
import type { LineContext } from '../../../engine/results/index.js';

const LEAVES = [
  'account.region = "EMEA"',
  'account.region != "NA"',
  'account.region in ["EMEA", "APAC"]',
  'account.region not in ["NA"]',
  'account.region is present',
  'account.region starts with "EM"',
  'order.poNumber is missing',
  'order.poNumber = "PO-1"',
  'line.billingFrequency = "monthly"',
  'line.billingFrequency in ["quarterly", "annual"]',
  'line.quantity > 5',
  'line.quantity <= 10',
  'line.seats >= 3',
  'line.seats between 1 and 20',
  'line.endDate < 2027-01-01',
  'line.endDate >= 2026-06-01',
  'line.endDate between 2026-01-01 and 2026-12-31',
  'account.signedOn < 2026-01-01',
  'account.vip',
  'product.code starts with "SUP"',
];

const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('c').map((c) => `not (${c})`),
    tie('c').map((c) => `(${c})`),
  ),
})).c;

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const context: fc.Arbitrary<CtxOverrides> = fc.record({
  account: fc.record({
    attributes: fc.record({
      // a wrong raw type is an error of the fact itself (PV4002), in both paths
      region: fc.oneof(maybe(fc.constantFrom('EMEA', 'NA', 'APAC', 'EMEA-2')), fc.constant(7 as never)),
      vip: maybe(fc.boolean()),
      signedOn: maybe(fc.constantFrom('2025-06-01', '2026-01-01')),
    }),
  }),
  order: fc.record({ poNumber: maybe(fc.constantFrom('PO-1', 'PO-2')) }),
  line: fc.record({
    billingFrequency: maybe(fc.constantFrom('monthly' as const, 'quarterly' as const, 'annual' as const)),
    quantity: fc.constantFrom('1', '5', '5.01', '10', '-3'),
    endDate: maybe(fc.constantFrom('2026-05-31', '2026-06-01', '2026-12-31', '2027-01-01')),
    productCode: fc.constantFrom('SUP-GOLD', 'LIC-1', 'SU'),
    attributes: fc.record({ seats: maybe(fc.constantFrom(0, 1, 3, 20, 21)) }),
  }),
});

type Outcome = { value: unknown } | { code: string; message: string };
function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof EvaluationFailure) return { code: e.code, message: e.message };
    throw e;
  }
}

test('the walked condition answers and fails like its closure (property)', () => {
  fc.assert(
    fc.property(condition, fc.array(context, { minLength: 1, maxLength: 3 }), (text, overrides) => {
      const { set } = compileText(`policy "P" { when ${text} hold billing reason "r" }`);
      const when = set.policies[0].when!;
      for (const o of overrides) {
        const ctx: LineContext = lineCtx(o);
        set.cache.begin(ctx);
        const walked = outcome(() => when.test(ctx));
        set.cache.begin(ctx);
        const closure = outcome(() => {
          const v = when.run(ctx);
          // a bare boolean fact at the top: no value is the condition's PV4001
          if (v === null) throw new EvaluationFailure('PV4001', { what: when.text, op: 'when' });
          return v;
        });
        expect(walked).toEqual(closure);
      }
    }),
    { numRuns: 400 },
  );
});

test('a missing fact under a walked condition is the same evaluation error', () => {
  const { set } = compileText('policy "P" { when account.region = "EMEA" and line.seats > 2 hold billing }');
  const [err] = evaluateLine(set, lineCtx({ line: { attributes: {} } })).errors;
  expect(err.code).toBe('PV4001');
  expect(err.message).toMatch(/^P: .*line\.seats/);
});

test('the walked condition follows the line it is given (no stale cached fact)', () => {
  const { set } = compileText('policy "P" { when account.region in ["EMEA"] and line.quantity > 5 hold billing }');
  const when = set.policies[0].when!;
  expect(when.test(lineCtx())).toBe(true);
  expect(when.test(lineCtx({ account: { attributes: { region: 'NA' } } }))).toBe(false);
  expect(when.test(lineCtx({ line: { id: 'OP2', quantity: '2' } }))).toBe(false);
  expect(when.test(lineCtx({ line: { id: 'OP3' } }))).toBe(true);
});
