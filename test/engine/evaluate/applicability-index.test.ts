// evaluateLine and evaluatePeriod skip the policies whose condition's first
// leaves already fail, and apply without running those whose condition is
// decided by its leaves alone (engine/evaluate/applicability-index.ts). The
// decisions must be exactly those of running every condition in order: the
// same holds, settings, traces, and the same errors in the same order,
// whatever is missing, of the wrong type, or failing on the line.
import fc from 'fast-check';
import { compileText, lineCtx, type CtxOverrides } from './eval-fixtures.js';
import { ApplicabilityIndex, conditionPrefix } from '../../../engine/evaluate/applicability-index.js';
import type { CompiledPolicySet } from '../../../engine/evaluate/compile-policies.js';
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { evaluatePeriod } from '../../../engine/evaluate/evaluate-period.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import type { Registry } from '../../../engine/vocabulary/registry.js';
import { ATTRIBUTES } from './eval-fixtures.js';

const LEAVES = [
  'account.region = "EMEA"',
  'account.region != "NA"',
  'account.region in ["EMEA", "APAC"]',
  'account.region not in ["NA"]',
  'account.region is present',
  'account.region is missing',
  'account.region starts with "EM"',
  'account.segment in ["smb", "strategic"]',
  'order.poNumber is missing',
  'order.poNumber = "PO-1"',
  'line.billingFrequency = "monthly"',
  'line.billingFrequency in ["quarterly", "annual"]',
  'line.quantity > 5',
  'line.quantity <= 10',
  'line.seats >= 3',
  'line.seats between 1 and 20',
  'line.endDate < 2027-01-01',
  'line.endDate between 2026-01-01 and 2026-12-31',
  'account.signedOn < 2026-01-01',
  'account.vip',
  'account.vip = true',
  'billingDate between 2026-12-24 and 2027-01-03',
  'billingDate >= 2026-06-01',
  // not leaves of a program: a closure in it, and a plugin fact (never read ahead)
  'line.quantity * 2 > 11',
  'crm.tier = "gold"',
  'crm.tier is present',
];

const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.array(fc.constantFrom(...LEAVES), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(' and ')),
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('c').map((c) => `not (${c})`),
    tie('c').map((c) => `(${c})`),
  ),
})).c;

// statements decided per line (under a condition without billingDate) and per period
const LINE_STATEMENTS = [
  'hold billing reason "r1"',
  'hold billing reason "r2"',
  'hold billing until order.poNumber is present reason "po"',
  'billing day of month 15',
  'billing day of month last',
  'align amendments to original',
  'prorate daily rounding half-up',
  'override billing date to 2027-01-04 reason "freeze"',
];
const PERIOD_STATEMENTS = ['hold billing reason "period"', 'override billing date to 2027-01-05', 'override billing date to 2027-01-04 reason "freeze"'];

const policy = fc.tuple(condition, fc.integer({ min: 0, max: 2 }), fc.nat()).map(([when, priority, pick]) => {
  const statements = when.includes('billingDate') ? PERIOD_STATEMENTS : LINE_STATEMENTS;
  return { when, priority, statement: statements[pick % statements.length] };
});
const library = fc.array(fc.option(policy, { freq: 8, nil: null }), { minLength: 1, maxLength: 40 }).map((ps) =>
  ps.map((p, i) => (p === null ? `policy "P${i}" { priority 1 hold billing reason "always" }` : `policy "P${i}" { priority ${p.priority} when ${p.when} ${p.statement} }`)).join('\n'),
);

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const context: fc.Arbitrary<CtxOverrides> = fc.record({
  account: fc.record({
    attributes: fc.record({
      // a wrong raw type makes the fact's reader fail (PV4002)
      region: fc.oneof(maybe(fc.constantFrom('EMEA', 'NA', 'APAC', 'EMEA-2', 'A')), fc.constant(7 as never)),
      segment: maybe(fc.constantFrom('smb', 'enterprise', 'strategic')),
      vip: fc.oneof(maybe(fc.boolean()), fc.constant('yes' as never)),
      signedOn: maybe(fc.constantFrom('2025-06-01', '2026-01-01')),
    }),
  }),
  order: fc.record({ poNumber: maybe(fc.constantFrom('PO-1', 'PO-2')) }),
  line: fc.record({
    id: fc.constantFrom('OP1', 'OP2', 'OP3'),
    billingFrequency: maybe(fc.constantFrom('monthly' as const, 'quarterly' as const, 'annual' as const)),
    quantity: fc.constantFrom('1', '5', '5.01', '10', '-3'),
    endDate: maybe(fc.constantFrom('2026-05-31', '2026-06-01', '2026-12-31', '2027-01-01')),
    attributes: fc.record({ seats: fc.oneof(maybe(fc.constantFrom(0, 1, 3, 20, 21)), fc.constant('many' as never)) }),
  }),
  billingDate: fc.constantFrom('2026-05-01', '2026-06-01', '2026-12-24', '2026-12-28', '2027-01-03', '2027-01-04'),
});

/** A registry with a plugin fact that counts its reads and fails on OP3. */
function registryWithPlugin(): { registry: Registry; reads: { n: number } } {
  const reads = { n: 0 };
  const registry = createRegistry({ attributes: ATTRIBUTES });
  registry.use(
    (api) =>
      api.addFact({
        path: 'crm.tier',
        type: { kind: 'string' },
        optional: true,
        doc: 'Tier.',
        get: (ctx) => {
          reads.n++;
          if (ctx.line.id === 'OP3') throw new Error('crm down');
          return ctx.line.id === 'OP1' ? 'gold' : null;
        },
      }),
    'crm',
  );
  return { registry, reads };
}

/** The same set with indexes that decide nothing: every policy's condition runs, in order. */
function withoutIndex(set: CompiledPolicySet): CompiledPolicySet {
  return { ...set, lineIndex: new ApplicabilityIndex(set.linePolicies.map(() => undefined)), periodIndex: new ApplicabilityIndex(set.periodPolicies.map(() => undefined)) };
}

test('the indexed evaluation decides, traces and fails like running every condition (property)', () => {
  fc.assert(
    fc.property(library, fc.array(context, { minLength: 1, maxLength: 4 }), (text, overrides) => {
      const indexed = registryWithPlugin();
      const plain = registryWithPlugin();
      const { set } = compileText(text, { registry: indexed.registry });
      const reference = withoutIndex(compileText(text, { registry: plain.registry }).set);
      for (const o of overrides) {
        const ctx = lineCtx(o);
        const line = evaluateLine(set, ctx);
        expect(line).toEqual(evaluateLine(reference, ctx));
        expect(evaluatePeriod(set, ctx, o.billingDate!)).toEqual(evaluatePeriod(reference, ctx, o.billingDate!));
        // a plugin fact is read where a condition reads it, never ahead
        expect(indexed.reads.n).toBe(plain.reads.n);
      }
    }),
    { numRuns: 300 },
  );
});

test('a policy whose first leaf fails is skipped; one decided by its leaves is not run', () => {
  const { set } = compileText(`
    policy "EMEA" { when account.region = "EMEA" and line.quantity > 5 hold billing reason "emea" }
    policy "NA" { when account.region = "NA" hold billing reason "na" }
    policy "Either" { when account.region = "NA" or line.quantity > 5 billing day of month 1 }`);
  const index = set.lineIndex;
  expect(index.keyedFacts).toBe(2);
  set.cache.begin(lineCtx());
  index.decide(lineCtx());
  // EMEA holds without running; NA is skipped; Either has no prefix and runs
  expect([...index.candidates]).toEqual([0b101]);
  expect([...index.holding]).toEqual([0b001]);
});

test('a prefix is the leading leaves that end the condition when they do not pass', () => {
  const { set } = compileText(`
    policy "A" { when account.region = "EMEA" and not (line.quantity > 5) and (order.poNumber is present or account.vip) hold billing }
    policy "B" { when line.quantity * 2 > 3 and account.region = "EMEA" hold billing }
    policy "C" { when not (account.region = "EMEA" or line.quantity > 5) hold billing }`);
  const [a, b, c] = set.policies.map((p) => conditionPrefix(p.when));
  expect(a.leaves.map((l) => l.passes)).toEqual([1, 0]);
  expect(a.whole).toBe(false);
  expect(b.leaves).toEqual([]); // starts with a closure
  expect(c.leaves.map((l) => l.passes)).toEqual([0, 0]);
  expect(c.whole).toBe(true);
});
