// The parser never throws, whatever the input, and every span it reports lies
// inside the text. fast-check prints the seed and the shrunk input on failure.
import fc from 'fast-check';
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import { KEYWORD_WORDS } from '../../../dsl/lexer/tokens.js';
import { printFile } from '../../../dsl/print/printer.js';
import { policyFile } from '../print/policy-arbitrary.js';
import { withoutSpans } from '../print/ast-compare.js';
import { expectSpansInside } from './span-invariants.js';

const RUNS = 400;

/** Fragments that look like the language, so random input reaches deep into the grammar. */
const fragment = fc.oneof(
  fc.constantFrom(...KEYWORD_WORDS),
  fc.constantFrom('(', ')', '[', ']', '{', '}', ',', '.', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '"', '\\', '#', '//', '\n', '&'),
  fc.constantFrom('"text"', '"un', '12', '0.5', '2026-12-24', '5 days', 'account.region', 'f(', 'monthly-daily', 'half-even', 'policy "p" {'),
  fc.stringMatching(/^[a-z]{1,6}$/),
);
const soup = fc.array(fc.tuple(fragment, fc.constantFrom('', ' ', '\n')), { maxLength: 60 }).map((parts) => parts.map(([f, s]) => f + s).join(''));

const deep = fc
  .tuple(fc.constantFrom('(', '[', 'not ', '-', 'f(', 'not (', '[('), fc.integer({ min: 50, max: 3000 }), fc.boolean())
  .map(([open, depth, closed]) => {
    const close = open.replace(/not |-/g, '').replace('f(', ')').replace('(', ')').replace('[', ']').split('').reverse().join('');
    return `policy "p" { when ${open.repeat(depth)}a${closed ? close.repeat(depth) : ''} }`;
  });

/** Valid printed policies with one random slice cut out or inserted. */
const mutated = fc
  .tuple(policyFile(2), fc.nat(), fc.nat(), fc.string({ maxLength: 5 }))
  .map(([ast, a, b, insert]) => {
    const text = printFile(ast);
    const start = text.length === 0 ? 0 : a % text.length;
    const end = Math.min(text.length, start + (b % 12));
    return text.slice(0, start) + insert + text.slice(end);
  });

describe('parseDocument never throws and keeps spans inside the input', () => {
  test.each([
    ['any ASCII string', fc.string({ maxLength: 200 })],
    ['any UTF-16 string (lone surrogates included)', fc.string({ unit: 'binary', maxLength: 200 })],
    ['graphemes (emoji, combining marks)', fc.string({ unit: 'grapheme', maxLength: 80 })],
    ['token soup', soup],
    ['deep nesting, closed or not', deep],
    ['mutated valid policies', mutated],
  ])('%s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const result = parseDocument(text);
        expectSpansInside(result, text);
      }),
      { numRuns: RUNS },
    );
  });
});

test('whatever parses without diagnostics re-prints to the same tree', () => {
  const wrapped = soup.map((body) => `policy "p" {\n${body}\n}`);
  let clean = 0;
  fc.assert(
    fc.property(fc.oneof(soup, wrapped), (text) => {
      const result = parseDocument(text);
      if (result.diagnostics.length > 0) return;
      clean++;
      const again = parseDocument(printFile(result.ast, text));
      expect(again.diagnostics).toEqual([]);
      expect(withoutSpans(again.ast)).toEqual(withoutSpans(result.ast));
    }),
    { numRuns: RUNS * 5 },
  );
  // The property is only meaningful if some random input was clean.
  expect(clean).toBeGreaterThan(0);
});
