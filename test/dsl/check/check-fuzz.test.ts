// checkDocuments never throws, and what it reports is well-formed, on random
// text and on mutated sample policies (deleted, inserted, truncated text).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isDiagnosticCode } from '../../../dsl/diagnostics/catalog.js';
import type { PolicyModel } from '../../../dsl/check/policy-model.js';
import { check } from './check-helpers.js';

const rulesDir = join(import.meta.dirname, '..', '..', '..', 'rules');
const SAMPLES = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.policy'))
  .sort()
  .map((f) => readFileSync(join(rulesDir, f), 'utf8'));

const WORDS = ['policy', '"P"', '{', '}', '(', ')', '[', ']', 'when', 'and', 'or', 'not', 'in', 'is', 'present', 'between', 'billingDate', 'account.region',
  'line.quantity', '=', '>', '+', '-', '5', '2026-02-30', '"x"', 'billing', 'day', 'of', 'month', 'last', 'prorate', 'daily', 'rounding', 'hold',
  'until', 'override', 'date', 'to', 'nextWeekday', ',', 'starts', 'with', '3 days', 'align', 'amendments', 'original', 'priority', '\n'];

function wellFormed(model: PolicyModel, text: string): void {
  let previous = -1;
  for (const d of model.diagnostics) {
    expect(isDiagnosticCode(d.code)).toBe(true);
    expect(d.file).toBe('fuzz.policy');
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.message).not.toMatch(/\{\w+\}/);
    expect(d.span.start).toBeGreaterThanOrEqual(previous);
    previous = d.span.start;
  }
  expect(model.hasErrors).toBe(model.diagnostics.some((d) => d.severity === 'error'));
}

test('there are samples to mutate', () => {
  expect(SAMPLES.length).toBeGreaterThan(0);
});

test('random text of policy words', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }), (words) => {
      const text = words.join(' ');
      wellFormed(check(text, 'fuzz.policy'), text);
    }),
    { numRuns: 150 },
  );
});

test('arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      wellFormed(check(text, 'fuzz.policy'), text);
    }),
    { numRuns: 100 },
  );
});

test('mutated samples: deletions, insertions and truncations', () => {
  const mutation = fc.record({
    sample: fc.nat({ max: SAMPLES.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.constant(''), fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })),
    truncate: fc.boolean(),
  });
  fc.assert(
    fc.property(mutation, ({ sample, at, length, insert, truncate }) => {
      const source = SAMPLES[sample];
      const cut = Math.floor(at * source.length);
      const text = truncate ? source.slice(0, cut) : source.slice(0, cut) + insert + source.slice(cut + length);
      wellFormed(check(text, 'fuzz.policy'), text);
    }),
    { numRuns: 150 },
  );
});
