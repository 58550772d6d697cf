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
    warnings: [],
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
  expect(billed.out).toMatch(/OP1 +charge +2026-01-15\.\.2026-01-31 +2026-01-15 +10 +100\.00/);
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
  // the book's history carries coverage and amounts: nothing to warn about
  expect(json.warnings).toEqual([]);
  // rules/07 says precision 2: never cents on a JPY invoice
  const jpy = json.invoices.filter((i: { currency: string }) => i.currency === 'JPY');
  expect(jpy.length).toBeGreaterThan(0);
  for (const inv of jpy) {
    expect(inv.total).toMatch(/^-?\d+$/);
    for (const l of inv.lines) expect(l.amount).toMatch(/^-?\d+$/);
  }
});

describe('billed coverage through the command line', () => {
  // the line was billed for June; its end date then moved to 2026-06-15
  const cancelled = bookJson({
    orders: [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: 'PO-7', attributes: { channel: 'direct' } }],
    lines: [{ id: 'OP1', orderId: 'O1', productCode: 'SUP-GOLD', productName: 'Gold support', chargeType: 'recurring', billingFrequency: 'monthly', billingType: 'advance', quantity: '10', unitPrice: '100.00', startDate: '2026-06-01', endDate: '2026-06-15', billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {} }],
    invoiced: [{ orderProductId: 'OP1', periodStart: '2026-06-01', periodEnd: '2026-06-30', amount: '1000.00' }],
  });
  test('JSON: a credit line with its kind, what it corrects and its trace', async () => {
    const w = workspace({ 'proviso.config.json': CONFIG, 'p.policy': POLICIES, 'book.json': cancelled });
    try {
      const r = await proviso(['simulate', '--policies', 'p.policy', '--book', 'book.json', '--as-of', '2026-06-20', '--format', 'json'], w.dir);
      expect(r.code).toBe(0);
      const [inv] = JSON.parse(r.out).invoices;
      expect(inv.total).toBe('-500.00');
      expect(inv.lines).toEqual([
        expect.objectContaining({
          orderProductId: 'OP1',
          kind: 'credit',
          periodStart: '2026-06-16',
          periodEnd: '2026-06-30',
          billingDate: '2026-06-20',
          amount: '-500.00',
          corrects: { periodStart: '2026-06-01', periodEnd: '2026-06-30', amount: '1000.00' },
        }),
      ]);
      expect(inv.lines[0].trace[0].value).toBe('credit 2026-06-16..2026-06-30 of the period billed 2026-06-01..2026-06-30: end date moved to 2026-06-15');
    } finally {
      w.cleanup();
    }
  });
  test('text: the kind column, what the credit corrects, and start-only entries warned about', async () => {
    const startOnly = bookJson({
      orders: [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: 'PO-7', attributes: { channel: 'direct' } }],
      invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-15' }],
    });
    const w = workspace({ 'proviso.config.json': CONFIG, 'p.policy': POLICIES, 'book.json': cancelled, 'old.json': startOnly });
    try {
      const r = await proviso(['simulate', '--policies', 'p.policy', '--book', 'book.json', '--as-of', '2026-06-20'], w.dir);
      expect(r.out).toMatch(/^Billing run as of 2026-06-20: 1 invoice, 1 line \(1 credit\), 0 holds, 0 errors/);
      expect(r.out).toMatch(/OP1 +credit +2026-06-16\.\.2026-06-30 +2026-06-20 +10 +100\.00 +0\.5 +-500\.00/);
      expect(r.out).toMatch(/corrects: 2026-06-01\.\.2026-06-30 billed 1000\.00/);
      const old = await proviso(['simulate', '--policies', 'p.policy', '--book', 'old.json', '--as-of', '2026-02-01'], w.dir);
      expect(old.out).toMatch(/1 warning/);
      expect(old.out).toMatch(/OP1 {2}PV4207 {2}invoiced entry 2026-01-15 has no periodEnd: read as 2026-01-15\.\.2026-01-31/);
      expect(old.out).toMatch(/OP1 +charge +2026-02-01\.\.2026-02-28/);
      expect(old.out).not.toMatch(/2026-01-15\.\.2026-01-31 +2026-01-15/);
    } finally {
      w.cleanup();
    }
  });
});
