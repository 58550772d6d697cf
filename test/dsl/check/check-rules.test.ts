// The checker's rules, one row per boundary: what is accepted and what is
// reported with which code.
import { check, codes, policy } from './check-helpers.js';

describe('accepted policies produce no diagnostics', () => {
  test.each([
    ['billing day 1 is allowed', policy('billing day of month 1')],
    ['billing day 31 is allowed', policy('billing day of month 31')],
    ['billing day last is allowed', policy('billing day of month last')],
    ['billing day from a decimal fact is allowed', policy('when line.billingDayOfMonth is present', 'billing day of month line.billingDayOfMonth')],
    ['billing day from a function of a line date is allowed', policy('billing day of month dayOfMonth(line.startDate)')],
    ['2028-02-29 exists', policy('when billingDate = 2028-02-29', 'hold billing')],
    ['2000-02-29 exists (divisible by 400)', policy('when billingDate = 2000-02-29', 'hold billing')],
    ['2026-12-31 exists', policy('override billing date to 2026-12-31')],
    ['date plus duration is a date', policy('override billing date to billingDate + 5 days')],
    ['duration plus date is a date', policy('override billing date to 1 month + billingDate')],
    ['date minus duration is a date', policy('override billing date to billingDate - 1 week')],
    ['decimal arithmetic compares with a number', policy('when line.quantity * line.unitPrice / 2 - 1 + 3 > 1000', 'hold billing')],
    ['unary minus on a number', policy('when line.quantity < -1', 'hold billing')],
    ['enum equals an allowed value', policy('when line.billingFrequency = "monthly"', 'prorate daily')],
    ['allowed value on the left of =', policy('when "arrears" = line.billingType', 'prorate daily')],
    ['enum in allowed values', policy('when account.segment is present and account.segment in ["enterprise", "strategic"]', 'billing day of month 1')],
    ['enum not in allowed values', policy('when order.type not in ["amendment"]', 'hold billing')],
    ['is present on an optional fact', policy('hold billing until order.poNumber is present')],
    ['is missing on an optional fact', policy('when line.endDate is missing', 'hold billing')],
    ['between dates in order', policy('when billingDate between 2026-12-24 and 2027-01-03', 'override billing date to 2027-01-04')],
    ['between equal bounds', policy('when line.quantity between 5 and 5', 'hold billing')],
    ['between negative and positive bounds', policy('when line.quantity between -10 and 2.5', 'hold billing')],
    ['starts with on text', policy('when product.code starts with "SUP"', 'hold billing')],
    ['contains on an enum value (enums are text)', policy('when line.billingFrequency contains "ly"', 'hold billing')],
    ['function returning a date as override', policy('override billing date to nextWeekday(billingDate)')],
    ['daysBetween compared with a number', policy('when line.endDate is present and daysBetween(line.startDate, line.endDate) > 30', 'hold billing')],
    ['declared attributes of every object', policy('when account.region is present and account.region = "EMEA" and order.channel is present and order.channel = "web" and (line.costCenter is missing or line.costCenter != "X") and line.seats is present and line.seats > 3', 'hold billing')],
    ['negative priority', policy('priority -5', 'hold billing')],
    ['precision 0 is allowed', policy('prorate daily precision 0')],
    ['precision 10 is allowed', policy('prorate daily precision 10')],
    ['every proration method', 'daily monthly-daily whole-months thirty-360 none'.split(' ').map((m, i) => `policy "M${i}" { priority ${i} prorate ${m} }`).join('\n')],
    ['every rounding mode', 'half-up half-even up down'.split(' ').map((m, i) => `policy "R${i}" { priority ${i} prorate daily rounding ${m} }`).join('\n')],
    ['align to original', policy('align amendments to original')],
    ['align to own', policy('align amendments to own')],
    ['not and parentheses', policy('when not (account.region is present and account.region = "EMEA" or isWeekend(today))', 'hold billing')],
    ['two holds in one policy', policy('hold billing until order.poNumber is present reason "PO"', 'hold billing until today >= 2026-02-01 reason "Later"')],
    ['billingDate in a hold condition', policy('hold billing until billingDate > 2026-01-01')],
    ['boolean literal condition', policy('when true', 'hold billing')],
    ['description, priority and when once each', policy('description "Doc"', 'priority 10', 'when account.region is present and account.region = "EMEA"', 'prorate daily')],
  ])('%s', (_name, text) => {
    expect(check(text).diagnostics).toEqual([]);
  });
});

describe('rejected policies report the right code', () => {
  test.each([
    ['billing day 0 is rejected', policy('billing day of month 0'), ['PV2027']],
    ['billing day 32 is rejected', policy('billing day of month 32'), ['PV2027']],
    ['billing day -1 is rejected', policy('billing day of month -1'), ['PV2027']],
    ['billing day 1.5 is rejected', policy('billing day of month 1.5'), ['PV2027']],
    ['billing day from a date is rejected', policy('billing day of month line.startDate'), ['PV2028']],
    ['billing day from billingDate is rejected', policy('billing day of month dayOfMonth(billingDate)'), ['PV2008']],
    ['2026-02-29 does not exist', policy('when billingDate = 2026-02-29', 'hold billing'), ['PV2029']],
    ['2026-02-30 does not exist', policy('override billing date to 2026-02-30'), ['PV2029']],
    ['1900-02-29 does not exist (century)', policy('override billing date to 1900-02-29'), ['PV2029']],
    ['2026-04-31 does not exist', policy('override billing date to 2026-04-31'), ['PV2029']],
    ['month 13 does not exist', policy('override billing date to 2026-13-01'), ['PV2029']],
    ['day 00 does not exist', policy('override billing date to 2026-01-00'), ['PV2029']],
    ['precision 11 is rejected', policy('prorate daily precision 11'), ['PV2031']],
    ['priority beyond a billion is rejected', policy('priority 1000000001', 'hold billing'), ['PV2030']],
    ['unknown fact', policy('when acount.region = "EMEA"', 'hold billing'), ['PV2001']],
    ['unknown single-word fact', policy('when tomorrow > 2026-01-01', 'hold billing'), ['PV2001']],
    ['attribute typo', policy('when account.regoin = "EMEA"', 'hold billing'), ['PV2002']],
    ['undeclared attribute', policy('when order.priority = "high"', 'hold billing'), ['PV2002']],
    ['object used as a value', policy('when account = "A1"', 'hold billing'), ['PV2009']],
    ['unknown function', policy('override billing date to nextWeekdy(billingDate)'), ['PV2003']],
    ['unknown word operator', policy('when product.code startswith "SUP"', 'hold billing'), ['PV2004']],
    ['unknown proration method', policy('prorate dayly'), ['PV2005']],
    ['unknown rounding mode', policy('prorate daily rounding half-odd'), ['PV2006']],
    ['unknown alignment', policy('align amendments to parent'), ['PV2007']],
    ['and on a number', policy('when line.quantity and true', 'hold billing'), ['PV2010']],
    ['or on text', policy('when true or account.region', 'hold billing'), ['PV2010']],
    ['not on a date', policy('when not today', 'hold billing'), ['PV2010']],
    ['number equals text', policy('when line.quantity = "ten"', 'hold billing'), ['PV2011']],
    ['date equals number', policy('when today != 5', 'hold billing'), ['PV2011']],
    ['two different enums', policy('when line.billingType = order.type', 'hold billing'), ['PV2011']],
    ['ordering on text', policy('when order.poNumber > "A"', 'hold billing'), ['PV2012']],
    ['ordering date against number', policy('when today < 5', 'hold billing'), ['PV2012']],
    ['date plus number', policy('override billing date to billingDate + 5'), ['PV2013']],
    ['text times number', policy('when account.region * 2 > 1', 'hold billing'), ['PV2013']],
    ['minus on text', policy('when -account.region = "x"', 'hold billing'), ['PV2013']],
    ['date minus date', policy('when line.endDate - line.startDate > 30', 'hold billing'), ['PV2014']],
    ['enum value that does not exist', policy('when line.billingFrequency = "montly"', 'prorate daily'), ['PV2015']],
    ['enum value in a list that does not exist', policy('when account.segment in ["smb", "mid-market"]', 'prorate daily'), ['PV2015']],
    ['enum value is case-sensitive', policy('when order.type = "New"', 'hold billing'), ['PV2015']],
    ['list item of the wrong type', policy('when account.region in ["EMEA", 5]', 'hold billing'), ['PV2016']],
    ['in without a list', policy('when account.region in "EMEA"', 'hold billing'), ['PV2017']],
    ['between with a number bound for a date', policy('when billingDate between 2026-12-24 and 10', 'hold billing'), ['PV2018']],
    ['between on text', policy('when account.region between "A" and "M"', 'hold billing'), ['PV2012']],
    ['between dates reversed', policy('when billingDate between 2027-01-03 and 2026-12-24', 'hold billing'), ['PV2019']],
    ['between numbers reversed', policy('when line.quantity between 10 and 9.5', 'hold billing'), ['PV2019']],
    ['is missing on a required fact', policy('when line.quantity is missing', 'hold billing'), ['PV2020']],
    ['is present on a required fact', policy('when order.id is present', 'hold billing'), ['PV2020']],
    ['starts with on a number', policy('when line.quantity starts with "1"', 'hold billing'), ['PV2021']],
    ['too many arguments', policy('override billing date to nextWeekday(billingDate, 2)'), ['PV2022']],
    ['too few arguments', policy('when daysBetween(today) > 1', 'hold billing'), ['PV2022']],
    ['argument of the wrong type', policy('override billing date to nextWeekday("monday")'), ['PV2023']],
    ['when that is not a condition', policy('when account.region', 'hold billing'), ['PV2024']],
    ['until that is not a condition', policy('hold billing until order.poNumber'), ['PV2025']],
    ['override to a number', policy('override billing date to 15'), ['PV2026']],
    ['override to text', policy('override billing date to "2027-01-04"'), ['PV2026']],
    ['two billing days', policy('billing day of month 1', 'billing day of month 15'), ['PV2032']],
    ['two prorate statements', policy('prorate daily', 'prorate none'), ['PV2032']],
    ['two when clauses', policy('when true', 'when false', 'hold billing'), ['PV2032']],
    ['two descriptions', policy('description "a"', 'description "b"', 'hold billing'), ['PV2032']],
    ['two priorities', policy('priority 1', 'priority 2', 'hold billing'), ['PV2032']],
    ['two overrides', policy('override billing date to today', 'override billing date to billingDate'), ['PV2032']],
    ['two alignments', policy('align amendments to own', 'align amendments to original'), ['PV2032']],
    ['policy without statements', policy('description "nothing yet"'), ['PV2034']],
    ['division by zero', policy('when line.quantity / 0 > 1', 'hold billing'), ['PV2036']],
    ['mixed list outside in', policy('when [1, "two"] = [1, 2]', 'hold billing'), ['PV2037']],
  ])('%s', (_name, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });
});

describe('no cascades', () => {
  test.each([
    ['unknown fact compared with a number', policy('when acount.quantity > 5 and line.quantity > 1', 'hold billing'), ['PV2001']],
    ['unknown function inside arithmetic', policy('when foo(line.quantity) + 1 > 5', 'hold billing'), ['PV2003']],
    ['bad date still types as a date', policy('override billing date to 2026-02-30 + 1 day'), ['PV2029']],
    ['wrong arity still returns the function type', policy('override billing date to nextWeekday()'), ['PV2022']],
  ])('%s', (_name, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  test.each([
    ['an unclosed function call', policy('when nextWeekday(', 'hold billing')],
    ['an unclosed call as override target', policy('override billing date to nextWeekday(', 'hold billing')],
    ["'is' without present or missing", policy('when line.quantity is', 'hold billing')],
    ['between without its upper bound', policy('when line.quantity between 1 and', 'hold billing')],
    ['an unclosed list', policy('when account.region in ["EMEA"', 'hold billing')],
    ['a half-typed billing day', policy('billing day of month', 'prorate daily')],
  ])('%s reports only syntax errors', (_name, text) => {
    const found = codes(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((c) => !c.startsWith('PV1'))).toEqual([]);
  });

  test('the other items of a policy with a syntax error are still checked', () => {
    expect(codes(policy('when nextWeekday(', 'hold billing', 'prorate dayly'))).toEqual(['PV1014', 'PV2005']);
  });

  test('a half-typed condition reports only the syntax error', () => {
    const found = codes(policy('when line.quantity >', 'hold billing'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.startsWith('PV1'))).toBe(true);
  });

  test('a policy with a syntax error is not reported empty', () => {
    const found = codes('policy "Half" {\n  hold\n}\n');
    expect(found.some((c) => c.startsWith('PV1'))).toBe(true);
    expect(found).not.toContain('PV2034');
  });
});
