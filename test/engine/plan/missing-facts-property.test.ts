// The checker's promise about missing facts (PV2039), held to the engine:
// a library of random policies that checks without PV2039 never stops a line
// with PV4001 ("has no value on this line") on a random book where any
// optional fact may be absent. The counters below make sure both sides of the
// promise were exercised (clean libraries that billed, warned ones that failed).
import fc from 'fast-check';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { simulate } from '../../../engine/plan/planner.js';
import { account, line, order } from './book-fixtures.js';
import { checkText, registry } from './policy-fixtures.js';

type Kind = 'text' | 'date' | 'decimal';
const OPTIONAL: readonly { path: string; kind: Kind }[] = [
  { path: 'order.poNumber', kind: 'text' },
  { path: 'account.region', kind: 'text' },
  { path: 'order.channel', kind: 'text' },
  { path: 'line.endDate', kind: 'date' },
  { path: 'contract.endDate', kind: 'date' },
  { path: 'contract.startDate', kind: 'date' },
  { path: 'line.seats', kind: 'decimal' },
  { path: 'account.billingDayOfMonth', kind: 'decimal' },
];
const fact = fc.constantFrom(...OPTIONAL);

const compare = fact.chain((f) => {
  switch (f.kind) {
    case 'text':
      return fc.constantFrom(`${f.path} = "X"`, `${f.path} != "EMEA"`, `${f.path} starts with "P"`, `${f.path} in ["X", "EMEA"]`);
    case 'date':
      return fc.constantFrom(`${f.path} > 2026-03-01`, `${f.path} between 2026-01-01 and 2026-12-31`, `daysBetween(line.startDate, ${f.path}) > 40`);
    case 'decimal':
      return fc.constantFrom(`${f.path} >= 3`, `${f.path} * 2 < 20`);
  }
});
const presence = fact.chain((f) => fc.constantFrom(`${f.path} is present`, `${f.path} is missing`));
const required = fc.constantFrom('line.quantity > 5', 'product.code starts with "SUP"', 'true');
const atom = fc.oneof(compare, presence, presence, required);

const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('c').map((c) => `not (${c})`),
    tie('c').map((c) => `(${c})`),
  ),
})).c;

const statement = fc.oneof(
  fc.constant('hold billing reason "R"'),
  condition.map((c) => `hold billing until ${c}`),
  fc.constantFrom('line.endDate', 'contract.endDate', 'billingDate + 1 day').map((t) => `override billing date to ${t}`),
  fc.constantFrom('1', 'account.billingDayOfMonth', 'dayOfMonth(line.startDate)').map((d) => `billing day of month ${d}`),
);

const policyText = (i: number, when: string | null, stmt: string): string =>
  `policy "P${i}" {\n  priority ${i + 1}\n${when === null ? '' : `  when ${when}\n`}  ${stmt}\n}\n`;

const library = fc
  .array(fc.tuple(fc.option(condition, { nil: null }), statement), { minLength: 1, maxLength: 3 })
  .map((ps) => ps.map(([w, s], i) => policyText(i, w, s)).join('\n'));

/** A book of four lines over two accounts where each optional value may be absent. */
const book: fc.Arbitrary<OrderBook> = fc
  .record({
    region: fc.option(fc.constantFrom('EMEA', 'US'), { nil: undefined }),
    billingDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
    po: fc.option(fc.constantFrom('X', 'PO-1'), { nil: null }),
    channel: fc.option(fc.constant('partner'), { nil: undefined }),
    withContract: fc.boolean(),
    contractEnd: fc.option(fc.constant('2026-11-30'), { nil: null }),
    endDate: fc.option(fc.constant('2026-06-30'), { nil: null }),
    seats: fc.option(fc.constantFrom('2', '12'), { nil: undefined }),
  })
  .map((r) => ({
    accounts: [
      account({ attributes: r.region === undefined ? {} : { region: r.region }, billingDayOfMonth: r.billingDay }),
      account({ id: 'A2', name: 'Beta Ltd', attributes: { region: 'US' }, billingDayOfMonth: 5 }),
    ],
    contracts: r.withContract ? [{ id: 'C1', accountId: 'A1', startDate: '2026-01-01', endDate: r.contractEnd }] : [],
    orders: [
      order({ contractId: r.withContract ? 'C1' : null, poNumber: r.po, attributes: r.channel === undefined ? {} : { channel: r.channel } }),
      order({ id: 'O2', accountId: 'A2', poNumber: 'PO-2', attributes: { channel: 'direct' } }),
    ],
    orderProducts: [
      line({ endDate: r.endDate, attributes: r.seats === undefined ? {} : { seats: r.seats } }),
      line({ id: 'OP2', productCode: 'LIC', productName: 'Licence', chargeType: 'one-time', billingFrequency: null, startDate: '2026-02-10' }),
      line({ id: 'OP3', orderId: 'O2', startDate: '2026-01-15', endDate: '2026-12-31', attributes: { seats: '40' } }),
    ],
    invoiced: [],
  }));

test('a library that checks without PV2039 produces no PV4001 at run time', () => {
  let cleanAndBilled = 0;
  let warnedAndFailed = 0;
  fc.assert(
    fc.property(library, book, fc.constantFrom('2026-03-01', '2026-07-15'), (text, b, asOf) => {
      const model = checkText(text);
      if (model.hasErrors) return; // type errors are another story (the generator avoids them)
      const warned = model.diagnostics.some((d) => d.code === 'PV2039');
      const result = simulate(b, asOf, compilePolicies(model, registry), registry);
      const missing = result.errors.filter((e) => e.code === 'PV4001');
      if (!warned) {
        expect(missing).toEqual([]);
        if (result.invoices.length > 0) cleanAndBilled++;
      } else if (missing.length > 0) warnedAndFailed++;
    }),
    { numRuns: 400, seed: 20261201, verbose: true },
  );
  expect(cleanAndBilled).toBeGreaterThan(20);
  expect(warnedAndFailed).toBeGreaterThan(20);
});

test('the generator builds valid libraries (no errors, so the property is not vacuous)', () => {
  const samples = fc.sample(library, { numRuns: 200, seed: 7 });
  const withErrors = samples.filter((t) => checkText(t).hasErrors);
  expect(withErrors).toEqual([]);
});
