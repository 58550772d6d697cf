// PV2006 suggests the DSL's word for a rounding mode written as finance people say it.
import { check, policy } from '../check/check-helpers.js';

const suggestion = (mode: string) => {
  const d = check(policy(`prorate daily rounding ${mode}`)).diagnostics.find((x) => x.code === 'PV2006');
  return { message: d?.message, fix: d?.data };
};

test.each([
  ['bankers', 'half-even'],
  ['Bankers', 'half-even'],
  ['commercial', 'half-up'],
  ['floor', 'down'],
  ['ceiling', 'up'],
])('rounding %s suggests %s, with a quick fix', (mode, expected) => {
  const s = suggestion(mode);
  expect(s.message).toContain(`did you mean '${expected}'`);
  expect(s.fix).toMatchObject({ kind: 'replace', candidates: [expected] });
});

test('an unrelated word still gets the spelling suggestion', () => {
  expect(suggestion('half-upp').fix).toMatchObject({ candidates: ['half-up'] });
});
