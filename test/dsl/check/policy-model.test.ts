// What checkDocuments returns: checked policies with their settings, the
// type/fact/function lookups, library-wide names, sorting and fix data.
import type { BinaryExpr, CallExpr, FieldPath, OverrideStatement, WhenClause } from '../../../dsl/ast/ast-types.js';
import { checkDocuments } from '../../../dsl/index.js';
import { FIXTURE_VOCABULARY } from '../fixtures/vocabulary.fixture.js';
import { check, checkAll, policy } from './check-helpers.js';

const SAMPLE = `policy "Hold new EMEA orders until a PO arrives" {
  description "We cannot invoice EMEA customers without a purchase order."
  priority 100
  when account.region = "EMEA" and order.type = "new"
  hold billing until order.poNumber is present reason "Awaiting purchase order"
}

policy "Enterprise bills on the 1st" {
  when account.segment in ["enterprise", "strategic"]
  billing day of month 1
  align amendments to original
  prorate daily rounding half-even precision 4
}

policy "Year-end freeze" {
  when billingDate between 2026-12-24 and 2027-01-03
  override billing date to 2027-01-04 reason "Finance closed for year end"
}

policy "Support bills on the next weekday" {
  when product.code starts with "SUP"
  override billing date to nextWeekday(billingDate)
}
`;

describe('checked policies', () => {
  const model = check(SAMPLE, 'rules/sample.policy');

  test('the DESIGN sample has no errors, only the equal-priority override conflict and the unguarded attributes it really has', () => {
    // A SUP product billed during the freeze window matches both policies at priority 0;
    // an account without a region or segment would stop billing at run time (PV4001).
    expect(model.hasErrors).toBe(false);
    expect(model.diagnostics.map((d) => [d.code, d.code === 'PV2039' ? d.message.slice(0, d.message.indexOf("' ") + 1) : d.message])).toEqual([
      ['PV2039', "'account.region'"],
      ['PV2039', "'account.segment'"],
      [
        'PV2035',
        'Policies "Support bills on the next weekday" and "Year-end freeze" both have priority 0 and set the billing date override differently (nextWeekday(billingDate) here, 2027-01-04 there); where both apply, billing stops with a conflict',
      ],
    ]);
  });

  test('settings are pulled out of the items', () => {
    const [hold, enterprise, freeze, support] = model.policies;
    expect(hold).toMatchObject({
      name: 'Hold new EMEA orders until a PO arrives',
      file: 'rules/sample.policy',
      description: 'We cannot invoice EMEA customers without a purchase order.',
      priority: 100,
    });
    expect(hold.holds).toHaveLength(1);
    expect(hold.when?.$type).toBe('BinaryExpr');
    expect(hold.billingDay).toBeUndefined();
    expect(enterprise).toMatchObject({ priority: 0, align: 'original', prorate: { method: 'daily', rounding: 'half-even', precision: 4 } });
    expect(enterprise.billingDay?.day).toMatchObject({ $type: 'NumberLiteral', text: '1' });
    expect(freeze.override?.reason).toMatchObject({ $type: 'StringLiteral', value: 'Finance closed for year end' });
    expect(support.override?.target.$type).toBe('CallExpr');
  });

  test('spans point at the policy and its name', () => {
    const p = model.policies[1];
    expect(SAMPLE.slice(p.nameSpan.start, p.nameSpan.end)).toBe('"Enterprise bills on the 1st"');
    expect(SAMPLE.slice(p.span.start, p.span.start + 6)).toBe('policy');
    expect(p.node.$type).toBe('Policy');
  });

  test.each([
    ['a hold decided by line facts only', 0, undefined],
    ['a line-level billing day', 1, undefined],
    ['a freeze window on billingDate', 2, true],
    ['next weekday of billingDate', 3, true],
  ])('usesPeriodFacts: %s', (_name, i, expected) => {
    expect(model.policies[i].usesPeriodFacts).toBe(expected);
  });

  test('typeOf, factOf and functionOf answer for checked nodes', () => {
    const when = (model.policies[0].node.items[2] as WhenClause).condition as BinaryExpr;
    expect(model.typeOf(when)).toEqual({ kind: 'boolean' });
    const region = (when.left as BinaryExpr).left as FieldPath;
    expect(model.factOf(region)?.path).toBe('account.region');
    expect(model.typeOf(region)).toEqual({ kind: 'string' });
    const typeTest = (when.right as BinaryExpr).left as FieldPath;
    expect(model.typeOf(typeTest)).toMatchObject({ kind: 'enum', values: ['new', 'amendment', 'renewal'] });
    const call = (model.policies[3].node.items[1] as OverrideStatement).target as CallExpr;
    expect(model.functionOf(call)?.name).toBe('nextWeekday');
    expect(model.typeOf(call)).toEqual({ kind: 'date' });
    expect(model.factOf(call.args[0] as FieldPath)?.scope).toBe('period');
  });

  test('documents keep file, text and tree', () => {
    expect(model.documents).toHaveLength(1);
    expect(model.documents[0]).toMatchObject({ file: 'rules/sample.policy', text: SAMPLE });
    expect(model.documents[0].ast.policies).toHaveLength(4);
  });
});

describe('settings of policies with errors', () => {
  test('the first of two duplicate settings is kept', () => {
    const m = check(policy('billing day of month 1', 'billing day of month 15', 'priority 3', 'priority 4'));
    expect(m.policies[0].billingDay?.day).toMatchObject({ text: '1' });
    expect(m.policies[0].priority).toBe(3);
  });

  test('an unknown proration method leaves prorate unset', () => {
    expect(check(policy('prorate dayly')).policies[0].prorate).toBeUndefined();
  });

  test('an unknown rounding mode keeps the method', () => {
    expect(check(policy('prorate daily rounding sideways')).policies[0].prorate).toEqual({ method: 'daily' });
  });
});

describe('library-wide names', () => {
  test('a duplicate name in another file is an error with a related location in the first file', () => {
    const a = 'policy "Daily" {\n  prorate daily\n}\n';
    const b = '# second\npolicy "Daily" {\n  prorate none\n}\n';
    const m = checkAll([{ file: 'a.policy', text: a }, { file: 'b.policy', text: b }]);
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({
      code: 'PV2033',
      file: 'b.policy',
      span: { start: b.indexOf('"Daily"'), end: b.indexOf('"Daily"') + 7 },
      related: [{ file: 'a.policy', span: { start: 7, end: 14 }, message: '"Daily" is first defined here' }],
    });
  });

  test('names are case-sensitive', () => {
    expect(check('policy "A" { prorate daily }\npolicy "a" { priority 1 prorate none }').diagnostics).toEqual([]);
  });

  test('the duplicate setting points back at the first one', () => {
    const text = policy('prorate daily', 'prorate none');
    const [d] = check(text).diagnostics;
    expect(d.related).toEqual([{ file: 'test.policy', span: { start: text.indexOf('prorate daily'), end: text.indexOf('prorate daily') + 13 }, message: 'first set here' }]);
  });
});

describe('diagnostic order and content', () => {
  test('diagnostics are sorted by file (in input order) then offset', () => {
    const bad = policy('prorate dayly', 'billing day of month 40');
    const m = checkAll([{ file: 'z.policy', text: bad }, { file: 'a.policy', text: bad.replace('"P"', '"Q"') }]);
    expect(m.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['z.policy PV2005', 'z.policy PV2027', 'a.policy PV2005', 'a.policy PV2027']);
  });

  test.each([
    ['an unknown fact', policy('when acount.region = "EMEA"', 'hold billing'), 'acount.region', ['account.region']],
    ['an attribute typo (the field only)', policy('when account.regoin = "EMEA"', 'hold billing'), 'regoin', ['region']],
    ['an unknown function', policy('override billing date to nextWeekdy(billingDate)'), 'nextWeekdy', ['nextWeekday']],
    ['an unknown operator', policy('when product.code startswith "S"', 'hold billing'), 'startswith', ['starts with']],
    ['a proration method', policy('prorate monthly-dayly'), 'monthly-dayly', ['monthly-daily']],
    ['a rounding mode', policy('prorate daily rounding half-evn'), 'half-evn', ['half-even']],
    ['an alignment', policy('align amendments to orignal'), 'orignal', ['original']],
    ['an enum value (quoted)', policy('when line.billingType = "arrear"', 'hold billing'), '"arrear"', ['"arrears"']],
  ])('replace fix data for %s', (_name, text, written, candidates) => {
    const [d] = check(text).diagnostics;
    expect(d.data).toEqual({ kind: 'replace', span: { start: text.indexOf(written), end: text.indexOf(written) + written.length }, candidates });
  });

  test('no suggestion when nothing is close', () => {
    const [d] = check(policy('when zzzzzz.qqqq = "x"', 'hold billing')).diagnostics;
    expect(d.code).toBe('PV2001');
    expect(d.data).toBeUndefined();
    expect(d.message).toBe("Unknown fact 'zzzzzz.qqqq'");
  });

  test('an attribute typo names the declared attributes', () => {
    const [d] = check(policy('when line.costCentre = "X"', 'hold billing')).diagnostics;
    expect(d.message).toBe("'line' has no field 'costCentre'; declared attributes of line: costCenter, seats; did you mean 'costCenter'?");
  });

  test('an object without declared attributes says so', () => {
    const [d] = check(policy('when contract.region = "X"', 'hold billing')).diagnostics;
    expect(d.message).toBe("'contract' has no field 'region'; no attributes are declared for contract in proviso.config.json");
  });

  test('a bad enum value lists the allowed values', () => {
    const [d] = check(policy('when account.segment = "mid"', 'hold billing')).diagnostics;
    expect(d.message).toBe("'mid' is not a value of account.segment; allowed values: smb, enterprise, strategic");
  });
});

describe('robustness', () => {
  test('an empty library gives an empty model', () => {
    const m = checkDocuments([], FIXTURE_VOCABULARY);
    expect(m).toMatchObject({ documents: [], policies: [], diagnostics: [], hasErrors: false });
  });

  test('an empty vocabulary reports unknown words instead of throwing', () => {
    const m = checkDocuments([{ file: 'a', text: SAMPLE }], { facts: [], functions: [], operators: [], prorationMethods: [], roundingModes: [] });
    expect(m.hasErrors).toBe(true);
    expect(new Set(m.diagnostics.map((d) => d.code))).toEqual(new Set(['PV2001', 'PV2003', 'PV2004', 'PV2005', 'PV2006']));
  });

  test('a chain of 20,000 or-terms is one limit diagnostic, nothing else', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `line.quantity = ${i}`).join(' or ');
    expect(check(policy(`when ${terms}`, 'hold billing')).diagnostics.map((d) => d.code)).toEqual(['PV1092']);
  });

  test('a type error deep inside a long chain is still found', () => {
    const terms = Array.from({ length: 900 }, () => 'line.quantity > 1').join(' and ');
    expect(check(policy(`when ${terms} and line.quantity = "x"`, 'hold billing')).diagnostics.map((d) => d.code)).toEqual(['PV2011']);
  });
});
