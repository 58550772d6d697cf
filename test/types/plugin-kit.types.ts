// Type test of the plugin kit, checked by `npm run typecheck` (this folder's
// tsconfig.json): `impl`, `get` and `test` arguments are inferred from the
// declared DSL types. If inference breaks (arguments become `any` or `Value`),
// the exact-type assertions stop compiling and every `@ts-expect-error` below
// becomes an unused directive, which tsc reports as an error.
import type { Decimal } from 'decimal.js';
import { defineFact, defineFunction, defineOperator, definePlugin, defineRoundingMode, t, type DurationValue } from 'proviso/plugin';

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<A, B>(_proof: Equal<A, B>): void {}

defineFunction({
  name: 'shift',
  params: [
    { name: 'date', type: t.date },
    { name: 'amount', type: t.decimal },
    { name: 'tags', type: t.list(t.string) },
    { name: 'tier', type: t.enum('tier', ['gold', 'silver']) },
    { name: 'by', type: { kind: 'duration' }, optional: true },
  ],
  returns: t.date,
  doc: 'x',
  impl: (date, amount, tags, tier, by) => {
    assertType<typeof date, string>(true);
    assertType<typeof amount, Decimal>(true);
    assertType<typeof tags, readonly string[]>(true);
    assertType<typeof tier, 'gold' | 'silver'>(true);
    assertType<typeof by, DurationValue | null>(true);
    // @ts-expect-error a decimal argument is a Decimal, not a number
    const n: number = amount;
    void n;
    return date;
  },
});

defineFunction({
  name: 'flag',
  params: [{ name: 'on', type: t.boolean }],
  returns: t.string,
  doc: 'x',
  // @ts-expect-error impl must return the declared type (string), not a boolean
  impl: (on) => on,
});

defineFunction({
  name: 'tooMany',
  params: [{ name: 'a', type: t.string }],
  returns: t.string,
  doc: 'x',
  // @ts-expect-error impl takes at most the declared parameters
  impl: (a: string, b: string) => a + b,
});

defineFact({
  path: 'account.tier',
  type: t.enum('tier', ['gold', 'silver']),
  optional: true,
  doc: 'x',
  // @ts-expect-error an enum fact returns one of its values (or null), not 'bronze'
  get: (ctx) => {
    assertType<typeof ctx.account.id, string>(true);
    return 'bronze';
  },
});

defineOperator({
  name: 'longer than',
  left: t.string,
  right: t.decimal,
  doc: 'x',
  test: (left, right) => {
    assertType<typeof left, string>(true);
    assertType<typeof right, Decimal>(true);
    return right.lessThan(left.length);
  },
});

// @ts-expect-error a rounding mode needs a decimal.js rounding constant 0-8
defineRoundingMode({ name: 'odd', doc: 'x', decimalRounding: 9 });

const withOptions = definePlugin({
  name: 'typed-options',
  options: (raw) => ({ regions: Array.isArray(raw) ? raw.map(String) : [] }),
  register: (_api, options) => {
    assertType<typeof options, { regions: string[] }>(true);
  },
});
assertType<ReturnType<typeof withOptions.parseOptions>, { regions: string[] }>(true);
