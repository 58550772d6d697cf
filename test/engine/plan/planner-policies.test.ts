// DESIGN §3 end to end: real policy text, checked and compiled, through simulate().
import fc from 'fast-check';
import { Dec } from '../../../engine/money/decimal.js';
import { generateDemoBook } from '../../../engine/book/demo-book.js';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { simulate } from '../../../engine/plan/planner.js';
import { invoicedAfter } from '../../../engine/plan/billed-coverage.js';
import { account, book, line, order } from './book-fixtures.js';
import { compileText, registry } from './policy-fixtures.js';

const amounts = (b: OrderBook, asOf: string, policies: string) =>
  simulate(b, asOf, compileText(policies), registry).invoices.flatMap((i) => i.lines.map((l) => [l.orderProductId, l.periodStart, l.billingDate, l.amount]));

describe('billing day from a policy', () => {
  test.each([
    ['day 31 across a leap February', '2024-01-31', '2024-03-31', 31, ['2024-01-31', '2024-02-29', '2024-03-31']],
    ['day 31 across a common February', '2026-01-31', '2026-03-31', 31, ['2026-01-31', '2026-02-28', '2026-03-31']],
    ['last day of the month', '2026-01-31', '2026-04-30', 'last', ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']],
  ])('%s', (_n, start, asOf, day, starts) => {
    const r = amounts(book({ lines: [line({ startDate: start })] }), asOf, `policy "D" { billing day of month ${day} }`);
    expect(r.map((x) => x[1])).toEqual(starts);
  });

  test('a stub up to the policy\'s billing day, prorated daily', () => {
    const r = amounts(book({ lines: [line({ startDate: '2021-01-15' })] }), '2021-02-01', 'policy "First" { billing day of month 1 }');
    expect(r).toEqual([
      ['OP1', '2021-01-15', '2021-01-15', Dec(1000).mul(17).div(31).toFixed(2)],
      ['OP1', '2021-02-01', '2021-02-01', '1000.00'],
    ]);
  });
});

describe('proration method and rounding through a policy', () => {
  // quarterly on the 1st from Feb 15, 2026: stub Feb 15..28 of Dec 1..Feb 28 (90 days); 3000 per quarter
  const b = book({ lines: [line({ startDate: '2026-02-15', billingDayOfMonth: 1, billingFrequency: 'quarterly', unitPrice: '300.00' })] });
  test.each([
    ['daily', Dec(3000).mul(14).div(90)],
    ['monthly-daily', Dec(3000).mul(14).div(28).div(3)],
    ['whole-months', Dec(3000).div(3)],
    ['thirty-360', Dec(3000).mul(16).div(90)],
    ['none', Dec(3000)],
  ])('prorate %s', (method, expected) => {
    expect(amounts(b, '2026-02-15', `policy "P" { prorate ${method} }`)[0][3]).toBe(expected.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
  });

  // 0.05 x 15/30 = 0.025: the tie shows each mode
  const tie = book({ lines: [line({ startDate: '2026-04-16', billingDayOfMonth: 1, quantity: '1', unitPrice: '0.05' })] });
  test.each([
    ['half-up', '0.03'],
    ['half-even', '0.02'],
    ['up', '0.03'],
    ['down', '0.02'],
  ])('rounding %s', (mode, expected) => {
    expect(amounts(tie, '2026-04-16', `policy "R" { prorate daily rounding ${mode} }`)[0][3]).toBe(expected);
  });

  test('precision 4 is capped at the minor unit of EUR (two decimals)', () => {
    expect(amounts(tie, '2026-04-16', 'policy "R" { prorate daily precision 4 }')[0][3]).toBe('0.03');
  });

  test('precision 0 lowers EUR to whole euros', () => {
    const b = book({ lines: [line({ startDate: '2026-04-16', billingDayOfMonth: 1, quantity: '1', unitPrice: '99.00' })] });
    expect(amounts(b, '2026-04-16', 'policy "R" { prorate daily precision 0 }')[0][3]).toBe(Dec(99).mul(15).div(30).toDecimalPlaces(0).toFixed(0));
  });

  test('JPY rounds to whole yen', () => {
    const jpy = book({ accounts: [account({ currency: 'JPY' })], lines: [line({ startDate: '2021-01-15', quantity: '1', unitPrice: '10000' })] });
    expect(amounts(jpy, '2021-01-15', 'policy "First" { billing day of month 1 }')[0][3]).toBe(Dec(10000).mul(17).div(31).toDecimalPlaces(0).toFixed(0));
  });
});

describe('holds', () => {
  const policy = `policy "PO" {
    when account.region = "EMEA"
    hold billing until order.poNumber is present reason "Awaiting purchase order"
  }
  policy "Credit" {
    when account.segment = "enterprise"
    hold billing reason "Credit review"
  }`;
  test('every applicable hold is reported with every reason', () => {
    const r = simulate(book({ orders: [order({ poNumber: null })] }), '2026-03-01', compileText(policy), registry);
    expect(r.invoices).toEqual([]);
    expect(r.holds).toEqual([expect.objectContaining({ orderProductId: 'OP1', reasons: ['Awaiting purchase order', 'Credit review'], policies: ['PO', 'Credit'] })]);
  });

  test('monthly line held two months, then released -> three lines', () => {
    const pol = compileText('policy "PO" { hold billing until order.poNumber is present reason "Awaiting PO" }');
    const noPo = book({ orders: [order({ poNumber: null })] });
    expect(simulate(noPo, '2026-01-01', pol, registry).holds).toHaveLength(1);
    expect(simulate(noPo, '2026-02-01', pol, registry).holds).toHaveLength(1);
    const released = simulate(book(), '2026-03-01', pol, registry);
    expect(released.holds).toEqual([]);
    expect(released.invoices[0].lines.map((l) => l.periodStart)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });
});

describe('billing date overrides', () => {
  const freeze = `policy "Year-end freeze" {
    when billingDate between 2026-12-24 and 2027-01-03
    override billing date to 2027-01-04 reason "Finance closed for year end"
  }`;
  // a held-then-released line catches up Nov..Jan; Dec 24 and Jan 1 bill dates sit in the freeze
  const b = book({ lines: [line({ id: 'OP1', startDate: '2026-10-24' }), line({ id: 'OP2', startDate: '2026-10-01', billingType: 'arrears' })] });
  test('catch-up periods inside the freeze move to the first day after it', () => {
    const r = amounts(b, '2027-01-04', freeze);
    expect(r.map((x) => [x[0], x[1], x[2]])).toEqual([
      ['OP1', '2026-10-24', '2026-10-24'],
      ['OP1', '2026-11-24', '2026-11-24'],
      ['OP1', '2026-12-24', '2027-01-04'],
      ['OP2', '2026-10-01', '2026-11-01'],
      ['OP2', '2026-11-01', '2026-12-01'],
      ['OP2', '2026-12-01', '2027-01-04'],
    ]);
  });
  test('during the freeze the moved periods wait', () => {
    expect(amounts(b, '2027-01-03', freeze).map((x) => x[1])).toEqual(['2026-10-24', '2026-11-24', '2026-10-01', '2026-11-01']);
  });
  test('a function moves every period to the next weekday', () => {
    // 2026-02-01 is a Sunday, 2026-03-01 a Sunday too
    const r = amounts(book(), '2026-03-02', 'policy "W" { override billing date to nextWeekday(billingDate) }');
    expect(r.map((x) => x[2])).toEqual(['2026-01-01', '2026-02-02', '2026-03-02']);
  });
});

describe('amendments', () => {
  const amendOrder = order({ id: 'O2', type: 'amendment' });
  const lines = [line({ id: 'OP1', startDate: '2026-01-01' }), line({ id: 'OP2', orderId: 'O2', amends: 'OP1', startDate: '2026-03-15', quantity: '-4' })];
  const b = book({ orders: [order(), amendOrder], lines });
  test('aligned to the original by a policy: credit stub then the original cycle', () => {
    const r = amounts(b, '2026-04-01', 'policy "Co-term" { when order.type = "amendment"\n align amendments to original }').filter((x) => x[0] === 'OP2');
    expect(r).toEqual([
      ['OP2', '2026-03-15', '2026-03-15', Dec(-400).mul(17).div(31).toDecimalPlaces(2).toFixed(2)],
      ['OP2', '2026-04-01', '2026-04-01', '-400.00'],
    ]);
  });
  test('the original\'s policy-decided billing day is used for alignment', () => {
    const b2 = book({ orders: [order(), amendOrder], lines: [line({ id: 'OP1', startDate: '2026-01-10' }), lines[1]] });
    const r = amounts(b2, '2026-04-01', 'policy "First" { billing day of month 1\n align amendments to original }').filter((x) => x[0] === 'OP2');
    expect(r.map((x) => x[1])).toEqual(['2026-03-15', '2026-04-01']);
  });
  test('own cycle by default', () => {
    expect(amounts(b, '2026-04-15', 'policy "Nothing" { when product.code = "X"\n hold billing }').filter((x) => x[0] === 'OP2').map((x) => x[1])).toEqual(['2026-03-15', '2026-04-15']);
  });
});

describe('priorities and conflicts', () => {
  test('the higher priority wins', () => {
    const r = simulate(book(), '2026-01-15', compileText('policy "Low" { priority 1\n billing day of month 5 }\npolicy "High" { priority 2\n billing day of month 10 }'), registry);
    expect(r.invoices[0].lines[0]).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-01-09' });
    expect(r.invoices[0].lines[0].trace[0]).toMatchObject({ policy: 'High', set: 'billingDay', value: '10' });
  });
  test('equal priority with different values is an error and the line does not bill', () => {
    const r = simulate(book(), '2026-01-15', compileText('policy "A" { when line.quantity > 1\n billing day of month 5 }\npolicy "B" { when line.unitPrice > 1\n billing day of month 10 }'), registry);
    expect(r.invoices).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ orderProductId: 'OP1', code: 'PV4006' })]);
  });
});

describe('drafts, one-time charges, end dates, invoiced', () => {
  const all = 'policy "Enterprise" { when account.segment = "enterprise"\n billing day of month 1 }';
  test('draft orders do not bill', () => {
    expect(simulate(book({ orders: [order({ status: 'draft' })] }), '2026-03-01', compileText(all), registry).invoices).toEqual([]);
  });
  test('one-time charges bill once on their start date at factor 1', () => {
    const r = amounts(book({ lines: [line({ chargeType: 'one-time', billingFrequency: null, startDate: '2026-01-20', quantity: '1', unitPrice: '1500.00' })] }), '2026-06-01', all);
    expect(r).toEqual([['OP1', '2026-01-20', '2026-01-20', '1500.00']]);
  });
  test('an end date cuts a trailing stub', () => {
    const r = amounts(book({ lines: [line({ startDate: '2026-01-01', endDate: '2026-02-14' })] }), '2026-12-01', all);
    expect(r.map((x) => [x[1], x[3]])).toEqual([['2026-01-01', '1000.00'], ['2026-02-01', Dec(1000).mul(14).div(28).toFixed(2)]]);
  });
  test('already-invoiced periods are skipped', () => {
    const r = amounts(book({ invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-01' }] }), '2026-02-01', all);
    expect(r.map((x) => x[1])).toEqual(['2026-02-01']);
  });
});

describe('properties', () => {
  const SAMPLE = `
policy "PO" { priority 100
  when account.region = "EMEA" and order.type = "new"
  hold billing until order.poNumber is present reason "Awaiting purchase order" }
policy "Enterprise" { priority 50
  when account.segment in ["enterprise", "strategic"]
  billing day of month 1
  align amendments to original
  prorate daily rounding half-even }
policy "Freeze" { priority 200
  when billingDate between 2026-12-24 and 2027-01-03
  override billing date to 2027-01-04 }
policy "Weekday" { priority 10
  when product.code starts with "SUP"
  override billing date to nextWeekday(billingDate) }`;
  const set = compileText(SAMPLE);

  test('a second run with the first run\'s lines marked invoiced bills nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 700 }), (seed, dayOffset) => {
        const b = generateDemoBook({ orderProducts: 40, seed, start: '2026-01-01' });
        // on or after the book's first start dates, so the first run has something to bill
        const asOf = new Date(Date.UTC(2026, 1, 1 + dayOffset)).toISOString().slice(0, 10);
        const first = simulate(b, asOf, set, registry);
        const billed = first.invoices.flatMap((i) => i.lines);
        expect(billed.length).toBeGreaterThan(0); // else "the second run bills nothing" proves nothing
        // the ledger after billing the first run: charges add coverage, credits take theirs away
        // (marking lines by start date alone would read a credit's start as a new billed period)
        const second = simulate({ ...b, invoiced: invoicedAfter(b.invoiced, billed) }, asOf, set, registry);
        expect(second.invoices).toEqual([]);
        expect(second.holds).toEqual(first.holds);
      }),
      { numRuns: 40 },
    );
  });

  test('invoice totals are the sum of their rounded lines', () => {
    const b = generateDemoBook({ orderProducts: 200, seed: 11 });
    for (const inv of simulate(b, '2026-02-01', set, registry).invoices) {
      expect(inv.total).toBe(inv.lines.reduce((s, l) => s.plus(l.amount), Dec(0)).toFixed(inv.total.split('.')[1]?.length ?? 0));
    }
  });
});

describe('chunked planning (what the service does)', () => {
  test('planning the book in chunks against one index gives exactly the lines of planBook', async () => {
    const { indexBook, planBook, planOrderProducts } = await import('../../../engine/plan/planner.js');
    const set = compileText('policy "First" { when account.segment = "enterprise"\n billing day of month 1\n align amendments to original }\npolicy "W" { when product.code starts with "SUP"\n override billing date to nextWeekday(billingDate) }');
    const b = generateDemoBook({ orderProducts: 150, seed: 5 });
    const whole = planBook(b, '2026-02-01', set, registry);
    const index = indexBook(b);
    const ids = b.orderProducts.map((p) => p.id);
    const parts = [0, 37, 80, 150].slice(1).map((end, i, ends) => planOrderProducts(index, ids.slice(i === 0 ? 0 : ends[i - 1], end), '2026-02-01', set, registry));
    expect(parts.flatMap((p) => p.lines)).toEqual(whole.lines);
    expect(parts.flatMap((p) => p.holds)).toEqual(whole.holds);
    expect(parts.flatMap((p) => p.errors)).toEqual(whole.errors);
    expect(whole.lines.length).toBeGreaterThan(100);
  });
});
