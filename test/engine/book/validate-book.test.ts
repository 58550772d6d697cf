import { BookValidator, parseOrderBook, MAX_ERRORS } from '../../../engine/book/validate-book.js';

function goodBook(): any {
  return {
    accounts: [
      { id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA' } },
      { id: 'A2', name: 'Beta Inc', currency: 'USD', timezone: 'America/New_York', billingDayOfMonth: 1, attributes: {} },
    ],
    contracts: [{ id: 'C1', accountId: 'A1', startDate: '2026-01-15', endDate: '2027-01-14' }],
    orders: [
      { id: 'O1', accountId: 'A1', contractId: 'C1', type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null, attributes: {} },
      { id: 'O2', accountId: 'A2', contractId: null, type: 'new', status: 'draft', activatedDate: null, poNumber: 'PO-1', attributes: {} },
    ],
    orderProducts: [
      {
        id: 'OP1', orderId: 'O1', productCode: 'SUP-GOLD', productName: 'Gold support', chargeType: 'recurring',
        billingFrequency: 'monthly', billingType: 'advance', quantity: '10', unitPrice: '100.00',
        startDate: '2026-01-15', endDate: '2027-01-14', billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
      },
      {
        id: 'OP2', orderId: 'O2', productCode: 'SETUP', productName: 'Setup', chargeType: 'one-time',
        billingFrequency: null, billingType: 'advance', quantity: '1', unitPrice: '500',
        startDate: '2026-02-01', endDate: null, billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
      },
    ],
    invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-15' }],
  };
}

test('a valid book parses with defaults', () => {
  const b = goodBook();
  delete b.invoiced;
  delete b.orderProducts[1].attributes;
  const r = parseOrderBook(b);
  expect(r.ok).toBe(true);
  if (r.ok) {
    expect(r.book.invoiced).toEqual([]);
    expect(r.book.orderProducts[1].attributes).toEqual({});
    expect(r.book.orderProducts[0].unitPrice).toBe('100.00');
  }
});

type Mutation = (b: any) => void;
const rows: [string, Mutation, string, RegExp][] = [
  ['money as a JSON number', (b) => (b.orderProducts[0].unitPrice = 100), 'orderProducts[0].unitPrice', /must be a decimal string like "100.00"/],
  ['quantity not a decimal', (b) => (b.orderProducts[0].quantity = '1e3'), 'orderProducts[0].quantity', /decimal string/],
  ['Feb 30 does not exist', (b) => (b.orderProducts[0].startDate = '2026-02-30'), 'orderProducts[0].startDate', /not a calendar date/],
  ['Feb 29 in a common year', (b) => (b.contracts[0].startDate = '2026-02-29'), 'contracts[0].startDate', /not a calendar date/],
  ['date with time', (b) => (b.orders[0].activatedDate = '2026-01-10T00:00:00Z'), 'orders[0].activatedDate', /YYYY-MM-DD/],
  ['unknown order type', (b) => (b.orders[0].type = 'upsell'), 'orders[0].type', /one of new, amendment, renewal/],
  ['unknown status', (b) => (b.orders[0].status = 'active'), 'orders[0].status', /draft, activated/],
  ['unknown charge type', (b) => (b.orderProducts[0].chargeType = 'usage'), 'orderProducts[0].chargeType', /one-time, recurring/],
  ['unknown frequency', (b) => (b.orderProducts[0].billingFrequency = 'weekly'), 'orderProducts[0].billingFrequency', /monthly/],
  ['recurring without frequency', (b) => (b.orderProducts[0].billingFrequency = null), 'orderProducts[0].billingFrequency', /recurring line needs/],
  ['unknown billing type', (b) => (b.orderProducts[0].billingType = 'later'), 'orderProducts[0].billingType', /advance, arrears/],
  ['order of unknown account', (b) => (b.orders[0].accountId = 'A9'), 'orders[0].accountId', /unknown account "A9"/],
  ['order product of unknown order', (b) => (b.orderProducts[0].orderId = 'O9'), 'orderProducts[0].orderId', /unknown order "O9"/],
  ['contract of unknown account', (b) => (b.contracts[0].accountId = 'A9'), 'contracts[0].accountId', /unknown account/],
  ['order on another account\'s contract', (b) => (b.orders[1].contractId = 'C1'), 'orders[1].contractId', /belongs to account "A1"/],
  ['amends unknown line', (b) => (b.orderProducts[1].amends = 'OP9'), 'orderProducts[1].amends', /unknown order product "OP9"/],
  ['amends a line of another account', (b) => (b.orderProducts[1].amends = 'OP1'), 'orderProducts[1].amends', /another account/],
  ['amends itself', (b) => (b.orderProducts[0].amends = 'OP1'), 'orderProducts[0].amends', /cannot amend itself/],
  ['duplicate account id', (b) => (b.accounts[1].id = 'A1'), 'accounts[1].id', /duplicate id "A1" \(first at accounts\[0\]\)/],
  ['duplicate order product id', (b) => (b.orderProducts[1].id = 'OP1'), 'orderProducts[1].id', /duplicate id/],
  ['currency lower case', (b) => (b.accounts[0].currency = 'eur'), 'accounts[0].currency', /3-letter/],
  ['currency four letters', (b) => (b.accounts[0].currency = 'EURO'), 'accounts[0].currency', /3-letter/],
  ['timezone not IANA', (b) => (b.accounts[0].timezone = 'Mars/Olympus'), 'accounts[0].timezone', /IANA/],
  ['billing day 0', (b) => (b.accounts[0].billingDayOfMonth = 0), 'accounts[0].billingDayOfMonth', /1–31/],
  ['billing day 32', (b) => (b.orderProducts[0].billingDayOfMonth = 32), 'orderProducts[0].billingDayOfMonth', /1–31/],
  ['billing day 1.5', (b) => (b.orderProducts[0].billingDayOfMonth = 1.5), 'orderProducts[0].billingDayOfMonth', /1–31/],
  ['end before start', (b) => (b.orderProducts[0].endDate = '2026-01-14'), 'orderProducts[0].endDate', /before startDate/],
  ['contract end before start', (b) => (b.contracts[0].endDate = '2025-01-01'), 'contracts[0].endDate', /before startDate/],
  ['invoiced unknown line', (b) => (b.invoiced[0].orderProductId = 'OP9'), 'invoiced[0].orderProductId', /unknown order product/],
  ['invoiced bad date', (b) => (b.invoiced[0].periodStart = '2026-13-01'), 'invoiced[0].periodStart', /not a calendar date/],
  ['invoiced periodEnd not a date', (b) => (b.invoiced[0].periodEnd = '2026-02-30'), 'invoiced[0].periodEnd', /not a calendar date/],
  ['invoiced periodEnd before periodStart', (b) => (b.invoiced[0].periodEnd = '2026-01-14'), 'invoiced[0].periodEnd', /before periodStart 2026-01-15/],
  ['invoiced amount as a JSON number', (b) => (b.invoiced[0].amount = 1000), 'invoiced[0].amount', /decimal string like "100.00", not the JSON number 1000/],
  ['invoiced amount not a decimal', (b) => (b.invoiced[0].amount = '1,000.00'), 'invoiced[0].amount', /decimal string/],
  ['invoiced misspelt periodEnd', (b) => (b.invoiced[0].periodEndDate = '2026-02-14'), 'invoiced[0].periodEndDate', /not a known field/],
  ['missing required field', (b) => delete b.orderProducts[0].unitPrice, 'orderProducts[0].unitPrice', /is required/],
  ['misspelt field', (b) => (b.orderProducts[0].billingDayOfMoth = 1), 'orderProducts[0].billingDayOfMoth', /not a known field/],
  ['nested attribute value', (b) => (b.accounts[0].attributes.region = { a: 1 }), 'accounts[0].attributes.region', /string, number, boolean/],
  ['holdBilling not boolean', (b) => (b.orderProducts[0].holdBilling = 'yes'), 'orderProducts[0].holdBilling', /true or false/],
  ['orders not an array', (b) => (b.orders = {}), 'orders', /must be an array/],
  ['accounts missing', (b) => delete b.accounts, 'accounts', /is required/],
  ['an order product that is a string', (b) => (b.orderProducts[1] = 'OP2'), 'orderProducts[1]', /must be an object/],
];

test.each([
  ['coverage with end and amount', { periodEnd: '2026-02-14', amount: '1000.00' }, { periodEnd: '2026-02-14', amount: '1000.00' }],
  ['coverage with an end, amount unknown', { periodEnd: '2026-02-14' }, { periodEnd: '2026-02-14' }],
  ['start only (older books)', {}, {}],
  ['null periodEnd and amount read as absent', { periodEnd: null, amount: null }, {}],
])('invoiced entry: %s', (_n, extra, expected) => {
  const b = goodBook();
  Object.assign(b.invoiced[0], extra);
  const r = parseOrderBook(b);
  expect(r.ok && r.book.invoiced[0]).toEqual({ orderProductId: 'OP1', periodStart: '2026-01-15', ...expected });
});

test.each(rows)('%s -> error at its path', (_name, mutate, path, message) => {
  const b = goodBook();
  mutate(b);
  const r = parseOrderBook(b);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    const hit = r.errors.find((e) => e.path === path);
    expect(hit).toBeDefined();
    expect(hit!.message).toMatch(message);
  }
});

test.each([
  ['null', null],
  ['an array', []],
  ['a string', 'book'],
  ['a number', 3],
])('a root that is %s is an error, never a throw', (_n, value) => {
  const r = parseOrderBook(value);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors[0].path).toBe('$');
});

test('errors are collected, all of them, up to the cap', () => {
  const b = goodBook();
  b.orderProducts = Array.from({ length: 300 }, (_, i) => ({ ...goodBook().orderProducts[0], id: `X${i}`, unitPrice: 5 }));
  const r = parseOrderBook(b);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errors[1].path).toBe('orderProducts[1].unitPrice');
  }
});

test('two independent errors are both reported', () => {
  const b = goodBook();
  b.accounts[0].currency = 'euro';
  b.orderProducts[1].quantity = 1;
  const r = parseOrderBook(b);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['accounts[0].currency', 'orderProducts[1].quantity']);
});

test('references: false checks each row alone: no duplicate or reference errors, the field rules stay', () => {
  const v = new BookValidator({ references: false });
  v.account({ id: 'A1', name: 'Acme', currency: 'EUR', timezone: 'UTC' }, 'accounts[0]');
  v.account({ id: 'A1', name: 'Again', currency: 'EUR', timezone: 'UTC' }, 'accounts[1]');
  v.contract({ id: 'C1', accountId: 'A9', startDate: '2026-01-01' }, 'contracts[0]');
  v.order({ id: 'O1', accountId: 'A9', contractId: 'C9', type: 'new', status: 'draft' }, 'orders[0]');
  const line = { id: 'OP1', orderId: 'O9', productCode: 'P', productName: 'P', chargeType: 'recurring', billingFrequency: 'monthly', billingType: 'advance', quantity: '1', unitPrice: '1', startDate: '2026-01-01', amends: 'OP9' };
  expect(v.orderProduct(line, 'orderProducts[0]')).toMatchObject({ id: 'OP1', orderId: 'O9', amends: 'OP9' });
  v.invoiced({ orderProductId: 'OP9', periodStart: '2026-01-01' }, 'invoiced[0]');
  expect(v.finish()).toEqual([]);
  v.order({ id: 'O2', accountId: 'A1', type: 'old', status: 'draft' }, 'orders[1]');
  expect(v.errors).toEqual([expect.objectContaining({ path: 'orders[1].type' })]);
});
