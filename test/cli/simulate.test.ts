import { Dec } from '../../engine/money/decimal.js';
import { bookJson, CONFIG, proviso, workspace } from './cli-harness.js';

const POLICIES = `
policy "Hold new EMEA orders until a PO arrives" {
  priority 100
  when account.region is present and account.region = "EMEA" and order.type = "new"
  hold billing until order.poNumber is present reason "Awaiting purchase order"
}

policy "Enterprise bills on the 1st" {
  when account.segment is present and account.segment in ["enterprise", "strategic"]
  billing day of month 1
  prorate daily rounding half-even
}
`;

let ws: ReturnType<typeof workspace>;
beforeEach(() => {
  ws = workspace({
    'proviso.config.json': CONFIG,
    'policies/main.policy': POLICIES,
    'book.json': bookJson(),
    'book-with-po.json': bookJson({ orders: [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: 'PO-7', attributes: { channel: 'direct' } }] }),
    'bad-book.json': JSON.stringify({ accounts: [], contracts: [], orders: [], orderProducts: [{ id: 'X', unitPrice: 100 }] }),
    'broken.json': '{ "accounts": [',
    'bad.policy': 'policy "Typo" {\n  when acount.region = "EMEA"\n  hold billing\n}\n',
  });
});
afterEach(() => ws.cleanup());

test('JSON output follows the DESIGN §5 contract: held line reported with reason and policy', async () => {
  const r = await proviso(['simulate', '--policies', 'policies', '--book', 'book.json', '--as-of', '2026-02-01', '--format', 'json'], ws.dir);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  expect(json).toEqual({
    asOf: '2026-02-01',
    invoices: [],
    holds: [expect.objectContaining({ orderProductId: 'OP1', reasons: ['Awaiting purchase order'], policies: ['Hold new EMEA orders until a PO arrives'] })],
    errors: [],
  });
});

test('with a PO the hold lifts: stub then full period, billing day 1 from the policy, traced', async () => {
  const r = await proviso(['simulate', '--policies', 'policies/main.policy', '--book', 'book-with-po.json', '--as-of', '2026-02-01', '--format', 'json'], ws.dir);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  expect(json.invoices).toHaveLength(1);
  const inv = json.invoices[0];
  expect(inv).toMatchObject({ accountId: 'A1', currency: 'EUR', invoiceDate: '2026-02-01' });
  const stub = Dec(1000).mul(17).div(31).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
  expect(inv.lines.map((l: { periodStart: string; periodEnd: string; amount: string }) => [l.periodStart, l.periodEnd, l.amount])).toEqual([
    ['2026-01-15', '2026-01-31', stub.toFixed(2)],
    ['2026-02-01', '2026-02-28', '1000.00'],
  ]);
  expect(inv.total).toBe(stub.plus(1000).toFixed(2));
  expect(inv.lines[0].trace).toContainEqual(expect.objectContaining({ policy: 'Enterprise bills on the 1st', set: 'billingDay', value: '1' }));
});

test('text output: a table per invoice with a trace line, and a holds section', async () => {
  const held = await proviso(['simulate', '--policies', 'policies', '--book', 'book.json', '--as-of', '2026-02-01'], ws.dir);
  expect(held.code).toBe(0);
  expect(held.out).toMatch(/^Billing run as of 2026-02-01: 0 invoices, 0 lines, 1 hold, 0 errors/);
  expect(held.out).toMatch(/OP1 {2}Awaiting purchase order {2}\[Hold new EMEA orders until a PO arrives\]/);
  const billed = await proviso(['simulate', '--policies', 'policies', '--book', 'book-with-po.json', '--as-of', '2026-02-01'], ws.dir);
  expect(billed.out).toMatch(/Invoice for A1 \(Acme GmbH\) {2}EUR {2}dated 2026-02-01/);
  expect(billed.out).toMatch(/OP1 +2026-01-15\.\.2026-01-31 +2026-01-15 +10 +100\.00/);
  expect(billed.out).toMatch(/why: billingDay 1 \(Enterprise bills on the 1st\); prorate daily 17\/31/);
});

test.each([
  ['a policy with an unknown field', ['--policies', 'bad.policy', '--book', 'book.json', '--as-of', '2026-02-01'], /^bad\.policy:2:\d+: error PV\d{4} /m],
  ['a book with a JSON number for money', ['--policies', 'policies', '--book', 'bad-book.json', '--as-of', '2026-02-01'], /bad-book\.json: orderProducts\[0\]\.unitPrice: must be a decimal string like "100\.00"/],
  ['a book that is not JSON', ['--policies', 'policies', '--book', 'broken.json', '--as-of', '2026-02-01'], /broken\.json: not valid JSON/],
  ['a book that does not exist', ['--policies', 'policies', '--book', 'nope.json', '--as-of', '2026-02-01'], /nope\.json: no such file/],
  ['policies that do not exist', ['--policies', 'nope/', '--book', 'book.json', '--as-of', '2026-02-01'], /nope\/: no such file or directory/],
])('bad input exits 1 with the problem and its position: %s', async (_n, args, message) => {
  const r = await proviso(['simulate', ...args], ws.dir);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at /); // never a stack trace
  expect(r.out).toBe('');
});

test.each([
  ['no --as-of', ['--policies', 'policies', '--book', 'book.json'], /--as-of/],
  ['no --book', ['--policies', 'policies', '--as-of', '2026-02-01'], /--book/],
  ['no --policies', ['--book', 'book.json', '--as-of', '2026-02-01'], /--policies/],
  ['an impossible date', ['--policies', 'policies', '--book', 'book.json', '--as-of', '2026-02-30'], /not a calendar date/],
  ['an unknown format', ['--policies', 'policies', '--book', 'book.json', '--as-of', '2026-02-01', '--format', 'xml'], /--format must be text or json/],
  ['an unknown option', ['--policies', 'policies', '--book', 'book.json', '--as-of', '2026-02-01', '--verbose'], /unknown option '--verbose'/],
])('usage errors exit 2: %s', async (_n, args, message) => {
  const r = await proviso(['simulate', ...args], ws.dir);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(message);
  expect(r.err).toMatch(/usage: proviso simulate/);
});

test('the sample library and the demo book in the repo simulate a believable month', async () => {
  const r = await proviso(['simulate', '--policies', 'rules/', '--book', 'rules/demo-book.json', '--as-of', '2026-12-01', '--format', 'json'], process.cwd());
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  expect(json.invoices.length).toBeGreaterThan(10);
  expect(json.holds.length).toBeGreaterThan(0);
  expect(new Set(json.invoices.map((i: { currency: string }) => i.currency))).toEqual(new Set(['EUR', 'USD', 'GBP', 'JPY']));
  const lines = json.invoices.flatMap((i: { lines: { trace: unknown[] }[] }) => i.lines);
  expect(lines.every((l: { trace: unknown[] }) => l.trace.length > 0)).toBe(true);
});
