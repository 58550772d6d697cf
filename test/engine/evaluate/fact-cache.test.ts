// The per-line fact cache and the decimal fast paths must not change answers.
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { compileText, lineCtx } from './eval-fixtures.js';
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { compareDecimals, decimalOfText, decimalText } from '../../../engine/vocabulary/decimal-values.js';

test('compareDecimals orders like Decimal#cmp (property)', () => {
  const dec = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
    fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 999_999_999 })).map(([a, b]) => `${a}.${String(b).padStart(9, '0')}`),
    fc.constantFrom('0', '-0', '0.0000000001', '1e30', '-1e-30', '99999999999999999999.5'),
  );
  fc.assert(
    fc.property(dec, dec, (a, b) => {
      expect(compareDecimals(new Decimal(a), new Decimal(b))).toBe(new Decimal(a).cmp(new Decimal(b)));
    }),
    { numRuns: 2000 },
  );
});

test('decimalText is the plain text toFixed gives, for shared and unshared values (property)', () => {
  const text = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String), fc.constantFrom('100.00', '0.10', '-0', '1e30', '-1e-30', '12.3400'));
  fc.assert(
    fc.property(text, (t) => {
      expect(decimalText(decimalOfText(t))).toBe(new Decimal(t).toFixed());
      expect(decimalText(decimalOfText(t))).toBe(decimalText(decimalOfText(t)));
      expect(decimalText(new Decimal(t))).toBe(new Decimal(t).toFixed());
    }),
  );
});

test('decimalOfText shares parsed values and keeps them exact', () => {
  expect(decimalOfText('100.00')).toBe(decimalOfText('100.00'));
  expect(decimalOfText('0.1').plus(decimalOfText('0.2')).toString()).toBe('0.3');
});

test('a fact used by many policies is read once per line, and again for the next line', () => {
  let reads = 0;
  const registry = createRegistry();
  registry.use((api) => api.addFact({ path: 'crm.tier', type: { kind: 'string' }, optional: false, doc: 'Tier from the CRM.', get: (ctx) => (reads++, ctx.line.id === 'OP1' ? 'gold' : 'silver') }), 'crm');
  const { set } = compileText(
    `policy "A" { when crm.tier = "gold" hold billing reason "a" }
     policy "B" { when crm.tier != "silver" billing day of month 1 }
     policy "C" { when crm.tier in ["gold", "platinum"] align amendments to original }`,
    { registry },
  );
  const first = evaluateLine(set, lineCtx());
  const readsAfterFirst = reads;
  const second = evaluateLine(set, lineCtx({ line: { id: 'OP2' } }));
  expect(first.hold?.reasons).toEqual(['a']);
  expect(first.billingDay?.value).toBe(1);
  expect(second.hold).toBeNull();
  expect(second.billingDay).toBeUndefined();
  expect(readsAfterFirst).toBe(1);
  expect(reads).toBe(2);
});

test('a plugin fact returning the wrong type is an error naming the fact', () => {
  const registry = createRegistry();
  registry.use((api) => api.addFact({ path: 'crm.score', type: { kind: 'decimal' }, optional: true, doc: 'Score.', get: () => 42 as never }), 'crm');
  const { set } = compileText('policy "S" { when crm.score > 10 hold billing }', { registry });
  const [err] = evaluateLine(set, lineCtx()).errors;
  expect(err.code).toBe('PV4008');
  expect(err.message).toContain('fact crm.score is a number');
});

test('a plugin function that throws is an error naming the function, not a crash', () => {
  const registry = createRegistry();
  registry.use(
    (api) => api.addFunction({ name: 'risky', params: [{ name: 'd', type: { kind: 'date' } }], returns: { kind: 'boolean' }, doc: 'Throws.', impl: () => { throw new Error('service down'); } }),
    'risky-plugin',
  );
  const { set } = compileText('policy "R" { when risky(today) hold billing }', { registry });
  const [err] = evaluateLine(set, lineCtx()).errors;
  expect(err).toMatchObject({ code: 'PV4004', policy: 'R' });
  expect(err.message).toContain('function risky failed: service down');
});

test('line facts stay cached across the periods of a line; billingDate is bound per period', async () => {
  const { evaluatePeriod } = await import('../../../engine/evaluate/evaluate-period.js');
  let reads = 0;
  const registry = createRegistry();
  registry.use((api) => api.addFact({ path: 'crm.tier', type: { kind: 'string' }, optional: false, doc: 'Tier.', get: () => (reads++, 'gold') }), 'crm');
  const { set } = compileText('policy "Gold bills at month end" { when crm.tier = "gold" override billing date to endOfMonth(billingDate) }', { registry });
  const ctx = lineCtx();
  expect(evaluateLine(set, ctx).periodScoped).toBe(true);
  const dates = ['2026-01-01', '2026-02-01', '2026-03-01'].map((d) => evaluatePeriod(set, ctx, d).billingDate);
  expect(dates).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  expect(reads).toBe(1);
  evaluateLine(set, lineCtx({ line: { id: 'OP2' } }));
  expect(reads).toBe(2);
});
