// Static equal-priority conflicts (PV2035): which pairs warn and which do not.
import { check, checkAll } from './check-helpers.js';

const pair = (a: string, b: string) => `policy "A" {\n  ${a}\n}\npolicy "B" {\n  ${b}\n}\n`;
const warnings = (text: string) => check(text).diagnostics.filter((d) => d.code === 'PV2035');

describe('conflicting pairs warn', () => {
  test.each([
    ['two billing days without conditions', pair('billing day of month 1', 'billing day of month 15')],
    ['last against a number', pair('billing day of month last', 'billing day of month 1')],
    ['two alignments', pair('align amendments to own', 'align amendments to original')],
    ['two proration methods', pair('prorate daily', 'prorate none')],
    ['same method, different rounding', pair('prorate daily rounding up', 'prorate daily rounding down')],
    ['same method, different precision', pair('prorate daily precision 2', 'prorate daily precision 4')],
    ['two override targets', pair('override billing date to 2027-01-04', 'override billing date to nextWeekday(billingDate)')],
    ['overlapping in-lists on the same field', pair('when account.region in ["EMEA", "APAC"]\n  billing day of month 1', 'when account.region in ["APAC", "US"]\n  billing day of month 2')],
    ['equal literals on the same field', pair('when account.region = "EMEA"\n  prorate daily', 'when "EMEA" = account.region\n  prorate none')],
    ['tests on different fields may overlap', pair('when account.region = "EMEA"\n  prorate daily', 'when order.type = "new"\n  prorate none')],
    ['a condition against no condition', pair('when account.region = "EMEA"\n  prorate daily', 'prorate none')],
    ['not-equal is not a disjoint test', pair('when account.region != "EMEA"\n  prorate daily', 'when account.region != "US"\n  prorate none')],
    ['explicit equal priorities', pair('priority 5\n  prorate daily', 'priority 5\n  prorate none')],
  ])('%s', (_name, text) => {
    const found = warnings(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', file: 'test.policy' });
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe('"B"');
    expect(found[0].related).toEqual([{ file: 'test.policy', span: { start: text.indexOf('"A"'), end: text.indexOf('"A"') + 3 }, message: expect.stringMatching(/^"A" sets it to /) }]);
  });
});

describe('pairs that do not conflict stay silent', () => {
  test.each([
    ['same value', pair('billing day of month 1', 'billing day of month 1')],
    ['same value written with other spacing', pair('override billing date to nextWeekday( billingDate )', 'override billing date to nextWeekday(billingDate)')],
    ['different priorities', pair('priority 1\n  prorate daily', 'prorate none')],
    ['different settings', pair('prorate daily', 'billing day of month 1')],
    ['holds combine, they never conflict', pair('hold billing reason "a"', 'hold billing reason "b"')],
    ['disjoint literals on the same field', pair('when account.region = "EMEA"\n  prorate daily', 'when account.region = "US"\n  prorate none')],
    ['disjoint in-lists', pair('when account.segment in ["smb"]\n  billing day of month 1', 'when account.segment in ["enterprise", "strategic"]\n  billing day of month 15')],
    ['disjoint key tests inside and-chains', pair('when account.region = "EMEA" and line.quantity > 5\n  prorate daily', 'when (account.region = "US") and order.type = "new"\n  prorate none')],
    ['a policy with an error is left out', pair('billing day of month 1', 'billing day of month 15\n  prorate dayly')],
  ])('%s', (_name, text) => {
    expect(warnings(text)).toEqual([]);
  });
});

test('a duplicate policy name is reported as such, not as a conflict', () => {
  const text = 'policy "A" { prorate daily }\npolicy "A" { prorate none }\n';
  expect(check(text).diagnostics.map((d) => d.code)).toEqual(['PV2033']);
});

test('conflicts across files point at the other file', () => {
  const found = checkAll([
    { file: 'a.policy', text: 'policy "A" { prorate daily }' },
    { file: 'b.policy', text: 'policy "B" { prorate none }' },
  ]).diagnostics;
  expect(found).toMatchObject([{ code: 'PV2035', file: 'b.policy', related: [{ file: 'a.policy', span: { start: 7, end: 10 } }] }]);
});

describe('large libraries', () => {
  const library = (n: number, body: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `policy "P${i}" {\n  ${body(i)}\n}\n`).join('');

  test('2,000 policies on disjoint regions with different billing days give no warning', () => {
    expect(warnings(library(2000, (i) => `when account.region = "R${i}"\n  billing day of month ${(i % 28) + 1}`))).toEqual([]);
  });

  test('every policy that clashes is reported once, against an earlier one', () => {
    const found = warnings(library(1000, (i) => `billing day of month ${(i % 2) + 1}`));
    // P0 has nothing before it, P1 clashes with P0, and every later one with a policy of the other value.
    expect(found).toHaveLength(999);
    expect(new Set(found.map((d) => d.span.start)).size).toBe(999);
  });

  test('a policy with the same value as all earlier ones is not reported', () => {
    const text = library(300, (i) => `prorate ${i < 299 ? 'daily' : 'none'}`);
    expect(warnings(text)).toHaveLength(1);
  });
});
