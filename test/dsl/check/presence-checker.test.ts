// PV2039: a maybe-missing fact used without a guard, and the guards the checker understands.
import { check, policy } from './check-helpers.js';

const warned = (text: string): string[] =>
  check(text)
    .diagnostics.filter((d) => d.code === 'PV2039')
    .map((d) => text.slice(d.span.start, d.span.end));

describe('unguarded maybe-missing facts are warned', () => {
  test.each([
    ['an optional built-in compared', policy('when order.poNumber = "X"', 'hold billing'), ['order.poNumber']],
    ['a declared attribute compared', policy('when account.region = "EMEA"', 'hold billing'), ['account.region']],
    ['an optional fact in a function argument', policy('when daysBetween(line.startDate, line.endDate) > 30', 'hold billing'), ['line.endDate']],
    ['an optional fact on the right of =', policy('when "X" = order.poNumber', 'hold billing'), ['order.poNumber']],
    ['in a list membership', policy('when account.segment in ["smb"]', 'hold billing'), ['account.segment']],
    ['in between', policy('when line.seats between 1 and 5', 'hold billing'), ['line.seats']],
    ['in a word operator', policy('when order.poNumber starts with "PO"', 'hold billing'), ['order.poNumber']],
    ['in arithmetic', policy('when line.seats * 2 > 5', 'hold billing'), ['line.seats']],
    ['the guard after the comparison is too late', policy('when order.poNumber = "X" and order.poNumber is present', 'hold billing'), ['order.poNumber']],
    ['`is present or` does not guard', policy('when order.poNumber is present or order.poNumber = "X"', 'hold billing'), ['order.poNumber']],
    ['`is missing and` does not guard', policy('when order.poNumber is missing and order.poNumber = "X"', 'hold billing'), ['order.poNumber']],
    ['a guard of another fact does not guard', policy('when line.endDate is present and order.poNumber = "X"', 'hold billing'), ['order.poNumber']],
    ['a guard on one side of an or guards only that side', policy('when (order.poNumber is present or true) and order.poNumber = "X"', 'hold billing'), ['order.poNumber']],
    ['in a hold until condition', policy('hold billing until order.poNumber = "OK"'), ['order.poNumber']],
    ['in an override target', policy('override billing date to line.endDate'), ['line.endDate']],
    ['in a billing day expression', policy('billing day of month line.billingDayOfMonth'), ['line.billingDayOfMonth']],
    ['once per condition for repeated use', policy('when order.poNumber = "A" or order.poNumber = "B"', 'hold billing'), ['order.poNumber']],
    ['two facts, two warnings', policy('when account.region = "EMEA" and order.channel = "web"', 'hold billing'), ['account.region', 'order.channel']],
  ])('%s', (_name, text, expected) => {
    expect(warned(text)).toEqual(expected);
  });
});

describe('guards the checker understands', () => {
  test.each([
    ['x is present and x = ...', policy('when order.poNumber is present and order.poNumber = "X"', 'hold billing')],
    ['x is missing or x = ...', policy('when order.poNumber is missing or order.poNumber = "X"', 'hold billing')],
    ['not (x is missing) and x = ...', policy('when not (order.poNumber is missing) and order.poNumber = "X"', 'hold billing')],
    ['a guard in parentheses', policy('when (order.poNumber is present) and order.poNumber = "X"', 'hold billing')],
    ['a guard further left in a chain', policy('when order.poNumber is present and line.quantity > 1 and order.poNumber = "X"', 'hold billing')],
    ['both branches of an or prove it', policy('when (order.poNumber is present and line.quantity > 1 or order.poNumber is present) and order.poNumber = "X"', 'hold billing')],
    ['the when guards a hold until', policy('when order.poNumber is present', 'hold billing until order.poNumber = "OK"')],
    ['the when guards an override', policy('when line.endDate is present', 'override billing date to line.endDate')],
    ['the when guards the billing day', policy('when line.billingDayOfMonth is present', 'billing day of month line.billingDayOfMonth')],
    ['a when written after the statement still guards it', policy('billing day of month line.billingDayOfMonth', 'when line.billingDayOfMonth is present')],
    ['is present and is missing themselves', policy('when order.poNumber is missing', 'hold billing until order.poNumber is present')],
    ['a required fact needs no guard', policy('when line.quantity > 1 and product.code = "X"', 'hold billing')],
    ['a missing item of a written list is fine', policy('when product.code in [product.name, order.poNumber]', 'hold billing')],
  ])('%s', (_name, text) => {
    expect(warned(text)).toEqual([]);
  });
});

describe('the quick fix', () => {
  const fixed = (text: string): string => {
    const d = check(text).diagnostics.find((x) => x.code === 'PV2039');
    if (d?.data?.kind !== 'edits') throw new Error('no edits fix');
    let out = text;
    for (const e of [...d.data.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
    return out;
  };

  test('is titled with the guard it adds', () => {
    const d = check(policy('when order.poNumber = "X"', 'hold billing')).diagnostics.find((x) => x.code === 'PV2039');
    expect(d?.data).toMatchObject({ kind: 'edits', title: 'Add "order.poNumber is present and"' });
  });

  test.each([
    ['a top-level comparison', 'when order.poNumber = "X"', 'when order.poNumber is present and order.poNumber = "X"'],
    ['the right side of an or', 'when line.quantity > 1 or order.poNumber = "X"', 'when line.quantity > 1 or order.poNumber is present and order.poNumber = "X"'],
    ['under not, in parentheses', 'when not order.poNumber = "X"', 'when not (order.poNumber is present and order.poNumber = "X")'],
  ])('guards %s and the result checks clean', (_name, when, expected) => {
    const out = fixed(policy(when, 'hold billing'));
    expect(out).toBe(policy(expected, 'hold billing'));
    expect(check(out).diagnostics).toEqual([]);
  });

  test('a value outside a condition is warned without a fix (the guard belongs in the when)', () => {
    const d = check(policy('override billing date to line.endDate')).diagnostics.find((x) => x.code === 'PV2039');
    expect(d?.message).toContain('the billing date override');
    expect(d?.data).toBeUndefined();
  });
});

test('a policy with errors gets no PV2039 (no cascades)', () => {
  expect(check(policy('when order.poNumber = 5', 'hold billing')).diagnostics.map((d) => d.code)).toEqual(['PV2011']);
});
