// Expressions evaluated through the real parser, checker and compiler: each
// row is a `when` condition, the line it meets, and the answer (or the error
// code when the question cannot be decided).
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { compileText, lineCtx, type CtxOverrides } from './eval-fixtures.js';

/** Wraps a condition in a hold policy: held = the condition was true. */
function decide(condition: string, o: CtxOverrides = {}): boolean | string {
  const { set } = compileText(`policy "P" {\n  when ${condition}\n  hold billing reason "yes"\n}`);
  const d = evaluateLine(set, lineCtx(o));
  if (d.errors.length > 0) return d.errors.map((e) => e.code).join(',');
  return d.hold !== null;
}

describe('conditions', () => {
  test.each<[string, string, CtxOverrides, boolean | string]>([
    ['string equality true', 'account.region = "EMEA"', {}, true],
    ['string equality false', 'account.region = "APAC"', {}, false],
    ['not equal', 'account.region != "APAC"', {}, true],
    ['enum equality', 'order.type = "amendment"', { order: { type: 'amendment' } }, true],
    ['decimal equality ignores trailing zeros', 'line.unitPrice = 100', {}, true],
    ['decimal less than', 'line.quantity < 10', {}, false],
    ['decimal less or equal at the boundary', 'line.quantity <= 10', {}, true],
    ['decimal greater than with fractions', 'line.unitPrice > 99.99', {}, true],
    ['arithmetic: quantity x price', 'line.quantity * line.unitPrice >= 1000', {}, true],
    ['arithmetic: subtraction below zero', 'line.quantity - 11 < 0', {}, true],
    ['arithmetic: division', 'line.unitPrice / 8 = 12.5', {}, true],
    ['date before', 'line.startDate < 2026-02-01', {}, true],
    ['date after', 'line.startDate > 2026-01-15', {}, false],
    ['date plus days', 'line.startDate + 17 days = 2026-02-01', {}, true],
    ['date plus month clamps to month end', 'line.startDate + 1 month = 2026-02-28', { line: { startDate: '2026-01-31' } }, true],
    ['date plus month in a leap year', 'line.startDate + 1 month = 2028-02-29', { line: { startDate: '2028-01-31' } }, true],
    ['date minus a week', 'line.startDate - 1 week = 2026-01-08', {}, true],
    ['date plus a year from Feb 29', 'line.startDate + 1 year = 2029-02-28', { line: { startDate: '2028-02-29' } }, true],
    ['between lower bound inclusive', 'line.startDate between 2026-01-15 and 2026-01-20', {}, true],
    ['between upper bound inclusive', 'line.startDate between 2026-01-01 and 2026-01-15', {}, true],
    ['between outside', 'line.startDate between 2026-01-16 and 2026-01-20', {}, false],
    ['in list', 'account.segment in ["enterprise", "strategic"]', {}, true],
    ['not in list', 'account.segment not in ["enterprise", "strategic"]', {}, false],
    ['in list of decimals', 'line.quantity in [5, 10.0]', {}, true],
    ['is present', 'order.activatedDate is present', {}, true],
    ['is missing', 'order.poNumber is missing', {}, true],
    ['contains on text', 'product.name contains "support"', {}, true],
    ['contains is case-sensitive', 'product.name contains "Support"', {}, false],
    ['starts with', 'product.code starts with "SUP"', {}, true],
    ['ends with', 'product.code ends with "GOLD"', {}, true],
    ['not', 'not (product.code starts with "SUP")', {}, false],
    ['or: second side', 'account.region = "APAC" or line.quantity = 10', {}, true],
    ['and: both', 'account.region = "EMEA" and order.type = "new"', {}, true],
    ['function: nextWeekday of a Saturday', 'nextWeekday(line.startDate) = 2026-08-03', { line: { startDate: '2026-08-01' } }, true],
    ['function: daysBetween', 'daysBetween(line.startDate, line.endDate) = 364', {}, true],
    ['function: endOfQuarter', 'endOfQuarter(line.startDate) = 2026-03-31', {}, true],
    ['function: upper', 'upper(product.name) = "GOLD SUPPORT"', {}, true],
    ['function: length', 'length(product.code) = 8', {}, true],
    ['decimal attribute from a string', 'line.seats > 5', { line: { attributes: { seats: '12' } } }, true],
    ['decimal attribute from a JSON number', 'line.seats = 12', { line: { attributes: { seats: 12 } } }, true],
    ['boolean attribute', 'account.vip = true', { account: { attributes: { vip: true } } }, true],
    ['date attribute', 'account.signedOn < today', { account: { attributes: { signedOn: '2026-01-01' } } }, true],
    ['contract absent: contract.id is missing', 'contract.id is missing', { contract: null }, true],
  ])('%s', (_name, condition, o, expected) => {
    expect(decide(condition, o)).toBe(expected);
  });
});

describe('never a silent false: undecidable conditions are errors', () => {
  test.each<[string, string, CtxOverrides, string]>([
    ['comparing a missing fact', 'order.poNumber = "PO-1"', {}, 'PV4001'],
    ['ordering a missing date', 'line.endDate < 2027-01-01', { line: { endDate: null } }, 'PV4001'],
    ['a missing attribute in a comparison', 'account.region = "EMEA"', { account: { attributes: {} } }, 'PV4001'],
    ['a missing fact in `in`', 'order.channel in ["web"]', {}, 'PV4001'],
    ['a missing fact as a function argument', 'nextWeekday(line.endDate) = 2027-01-14', { line: { endDate: null } }, 'PV4001'],
    ['a missing fact in an operator', 'order.poNumber starts with "PO"', {}, 'PV4001'],
    ['a missing boolean as a condition', 'account.vip', {}, 'PV4001'],
    ['attribute of the wrong type (decimal declared, text found)', 'line.seats > 5', { line: { attributes: { seats: 'many' } } }, 'PV4002'],
    ['attribute not among the allowed values', 'account.segment = "smb"', { account: { attributes: { segment: 'Enterprise' } } }, 'PV4002'],
    ['boolean attribute given as text', 'account.vip = true', { account: { attributes: { vip: 'yes' } } }, 'PV4002'],
    ['date attribute that is not a date', 'account.signedOn < today', { account: { attributes: { signedOn: '2026-02-30' } } }, 'PV4002'],
    ['division by zero', 'line.unitPrice / (line.quantity - 10) > 1', {}, 'PV4003'],
    ['date arithmetic beyond year 9999', 'line.startDate + 8000 years > today', {}, 'PV4005'],
  ])('%s', (_name, condition, o, code) => {
    expect(decide(condition, o)).toBe(code);
  });

  test('and short-circuits: `x is present and x = ...` is safe when x is missing', () => {
    expect(decide('order.poNumber is present and order.poNumber = "PO-1"')).toBe(false);
    expect(decide('order.poNumber is present and order.poNumber = "PO-1"', { order: { poNumber: 'PO-1' } })).toBe(true);
  });

  test('or short-circuits: `x is missing or x > ...`', () => {
    expect(decide('line.endDate is missing or line.endDate > 2030-01-01', { line: { endDate: null } })).toBe(true);
  });

  test.each([
    // the chain runs flattened; the message still names the operand and the operation it belongs to
    ['first of three', 'account.vip and account.region = "EMEA" and order.type = "new"', 'account.vip and account.region = "EMEA"'],
    ['middle of three', 'account.region = "EMEA" and account.vip and order.type = "new"', 'account.region = "EMEA" and account.vip'],
    ['last of three', 'account.region = "EMEA" and order.type = "new" and account.vip', 'account.region = "EMEA" and order.type = "new" and account.vip'],
    ['inside parentheses', 'account.region = "APAC" or (order.type = "new" and account.vip)', 'order.type = "new" and account.vip'],
  ])('a missing boolean in an and/or chain (%s) names its own operation', (_name, condition, op) => {
    const { set } = compileText(`policy "P" {\n  when ${condition}\n  hold billing\n}`);
    const [err] = evaluateLine(set, lineCtx()).errors;
    expect(err.code).toBe('PV4001');
    expect(err.message).toContain(op);
    expect(err.message).not.toContain(`${op} and`);
  });

  test.each<[string, string, CtxOverrides, boolean | string]>([
    ['decimal between, inside', 'line.quantity between 5 and 10', {}, true],
    ['decimal between, below', 'line.quantity between 11 and 20', {}, false],
    ['decimal between, bounds inclusive', 'line.quantity between 10 and 10.00', {}, true],
    ['decimal between, a missing fact', 'line.seats between 1 and 2', { line: { attributes: {} } }, 'PV4001'],
  ])('between constant bounds: %s', (_name, condition, o, expected) => {
    expect(decide(condition, o)).toBe(expected);
  });

  test('the error message names the missing fact and how to guard it', () => {
    const { set } = compileText('policy "Needs PO" {\n  when order.poNumber starts with "PO"\n  hold billing\n}');
    const [err] = evaluateLine(set, lineCtx()).errors;
    expect(err).toMatchObject({ orderProductId: 'OP1', code: 'PV4001', policy: 'Needs PO' });
    expect(err.message).toContain('order.poNumber has no value on this line');
    expect(err.message).toContain('order.poNumber starts with "PO"');
  });

  test('the wrong-type message names the attribute, the entity and the declaration', () => {
    const { set } = compileText('policy "Seats" {\n  when line.seats > 5\n  hold billing\n}');
    const [err] = evaluateLine(set, lineCtx({ line: { attributes: { seats: 'many' } } })).errors;
    expect(err.message).toContain('line.seats is string "many" on line OP1, but proviso.config.json declares it as decimal');
  });
});
