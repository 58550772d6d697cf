// DESIGN §4 combination semantics, per line: priority wins, equal priority
// with different values is an error, holds combine with every reason, `hold
// until` releases, traces name the policy, the value and the deciding facts.
import { evaluateLine } from '../../../engine/evaluate/evaluate-line.js';
import { checkDocuments } from '../../../dsl/check/check-documents.js';
import { compilePolicies } from '../../../engine/evaluate/compile-policies.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { ATTRIBUTES, compileText, lineCtx, type CtxOverrides } from './eval-fixtures.js';

const run = (text: string, o: CtxOverrides = {}, versions?: Record<string, number>) =>
  evaluateLine(compileText(text, { compile: { versions } }).set, lineCtx(o));

describe('priority and conflicts', () => {
  test.each<[string, string, number | 'last' | undefined, string | undefined]>([
    [
      'higher priority wins',
      `policy "Low" { priority 1 billing day of month 15 }
       policy "High" { priority 10 billing day of month 1 }`,
      1, 'High',
    ],
    [
      'higher priority wins whatever the order in the file',
      `policy "High" { priority 10 billing day of month last }
       policy "Low" { priority 1 billing day of month 15 }`,
      'last', 'High',
    ],
    [
      'a policy whose condition is false does not compete',
      `policy "High" { priority 10 when account.region = "APAC" billing day of month 1 }
       policy "Low" { priority 1 billing day of month 15 }`,
      15, 'Low',
    ],
    [
      'equal priority, same value: no conflict',
      `policy "A" { billing day of month 5 }
       policy "B" { billing day of month 5 }`,
      5, 'A',
    ],
    [
      'a conflict below the winner does not matter',
      `policy "Top" { priority 9 billing day of month 3 }
       policy "A" { billing day of month 5 }
       policy "B" { billing day of month 6 }`,
      3, 'Top',
    ],
    [
      'billing day from an expression',
      `policy "Contract day" { when contract.startDate is present billing day of month dayOfMonth(contract.startDate) }`,
      15, 'Contract day',
    ],
  ])('%s', (_name, text, value, policy) => {
    const d = run(text);
    expect(d.errors).toEqual([]);
    expect(d.billingDay?.value).toBe(value);
    expect(d.billingDay?.policy).toBe(policy);
  });

  test('equal priority with different values is an error naming both policies, never a silent pick', () => {
    const d = run(`policy "First of month" { priority 5 billing day of month 1 }
                   policy "Mid month" { priority 5 billing day of month 15 }`);
    expect(d.billingDay).toBeUndefined();
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]).toMatchObject({ code: 'PV4006', orderProductId: 'OP1' });
    expect(d.errors[0].message).toContain('"First of month"');
    expect(d.errors[0].message).toContain('"Mid month"');
    expect(d.errors[0].message).toContain('billingDay to different values (1 and 15)');
  });

  test.each<[string, string, string]>([
    ['align', `policy "A" { align amendments to own }\npolicy "B" { align amendments to original }`, 'align'],
    ['prorate method', `policy "A" { prorate daily }\npolicy "B" { prorate none }`, 'prorate'],
    ['prorate rounding', `policy "A" { prorate daily rounding half-up }\npolicy "B" { prorate daily rounding half-even }`, 'prorate'],
  ])('conflict on %s', (_name, text, setting) => {
    const d = run(text);
    expect(d.errors.map((e) => e.code)).toEqual(['PV4006']);
    expect(d.errors[0].message).toContain(`set ${setting} to different values`);
    expect(d[setting as 'align' | 'prorate']).toBeUndefined();
  });

  test('align and prorate are decided with their trace', () => {
    const d = run(`policy "Enterprise" { when account.segment in ["enterprise"] align amendments to original prorate monthly-daily rounding half-even precision 4 }`);
    expect(d.align).toMatchObject({ value: 'original', policy: 'Enterprise' });
    expect(d.prorate?.value).toEqual({ method: 'monthly-daily', rounding: 'half-even', precision: 4 });
    expect(d.prorate?.trace).toEqual([
      { policy: 'Enterprise', set: 'prorate', value: 'monthly-daily rounding half-even precision 4', facts: { 'account.segment': 'enterprise' } },
    ]);
  });

  test('billing day expression out of range is an error', () => {
    const d = run(`policy "Bad day" { billing day of month dayOfMonth(line.startDate) + 20 }`);
    expect(d.errors.map((e) => e.code)).toEqual(['PV4007']);
    expect(d.billingDay).toBeUndefined();
  });
});

describe('holds', () => {
  const TWO_HOLDS = `
    policy "Hold new EMEA orders until a PO arrives" {
      priority 100
      when account.region = "EMEA" and order.type = "new"
      hold billing until order.poNumber is present reason "Awaiting purchase order"
    }
    policy "Credit review" {
      when account.segment = "enterprise"
      hold billing reason "Account under credit review"
    }
    policy "Silent hold" {
      when product.code starts with "SUP"
      hold billing
    }`;

  test('holds combine: every applicable hold holds and every reason is kept', () => {
    const d = run(TWO_HOLDS);
    expect(d.errors).toEqual([]);
    expect(d.hold?.reasons).toEqual(['Awaiting purchase order', 'Account under credit review', 'Held by policy Silent hold']);
    expect(d.hold?.policies).toEqual(['Hold new EMEA orders until a PO arrives', 'Credit review', 'Silent hold']);
  });

  test.each<[string, CtxOverrides, string[] | null]>([
    ['`hold until` released when the condition becomes true', { order: { poNumber: 'PO-7' }, line: { productCode: 'LIC' }, account: { attributes: { region: 'EMEA', segment: 'smb' } } }, null],
    ['`hold until` holds while the condition is false', { line: { productCode: 'LIC' }, account: { attributes: { region: 'EMEA', segment: 'smb' } } }, ['Awaiting purchase order']],
    ['holds by other policies stay after the release', { order: { poNumber: 'PO-7' } }, ['Account under credit review', 'Held by policy Silent hold']],
    ['no applicable hold', { order: { type: 'renewal' }, line: { productCode: 'LIC' }, account: { attributes: { region: 'EMEA', segment: 'smb' } } }, null],
    ['the order product\'s own holdBilling holds', { line: { productCode: 'LIC', holdBilling: true }, account: { attributes: { region: 'APAC', segment: 'smb' } } }, ['holdBilling is set on the order product']],
    ['holdBilling and a policy hold: both reasons', { line: { holdBilling: true, productCode: 'LIC' }, account: { attributes: { region: 'APAC', segment: 'enterprise' } } }, ['holdBilling is set on the order product', 'Account under credit review']],
  ])('%s', (_name, o, reasons) => {
    const d = run(TWO_HOLDS, o);
    expect(d.errors).toEqual([]);
    expect(d.hold?.reasons ?? null).toEqual(reasons);
  });

  test('hold trace names the policy, the reason and the facts of `when` and `until`', () => {
    const d = run(TWO_HOLDS, { line: { productCode: 'LIC' }, account: { attributes: { region: 'EMEA', segment: 'smb' } } }, { 'Hold new EMEA orders until a PO arrives': 3 });
    expect(d.hold?.policies).toEqual(['Hold new EMEA orders until a PO arrives@v3']);
    expect(d.hold?.trace).toEqual([
      {
        policy: 'Hold new EMEA orders until a PO arrives@v3',
        set: 'hold',
        value: 'Awaiting purchase order',
        facts: { 'account.region': 'EMEA', 'order.type': 'new', 'order.poNumber': null },
      },
    ]);
  });

  test('a failing hold condition is an error for that policy, and the other policies still decide', () => {
    const d = run(`
      policy "Broken" { when order.channel = "web" hold billing reason "web" }
      policy "Works" { billing day of month 1 }`);
    expect(d.errors.map((e) => [e.code, e.policy])).toEqual([['PV4001', 'Broken']]);
    expect(d.hold).toBeNull();
    expect(d.billingDay?.value).toBe(1);
  });
});

describe('periodScoped', () => {
  test.each<[string, string, boolean]>([
    ['no overrides, no billingDate', 'policy "A" { billing day of month 1 }', false],
    ['an applicable override', 'policy "A" { when product.code starts with "SUP" override billing date to nextWeekday(billingDate) }', true],
    ['an override that does not apply to this line', 'policy "A" { when product.code starts with "LIC" override billing date to nextWeekday(billingDate) }', false],
    ['a condition on billingDate', 'policy "A" { when billingDate between 2026-12-24 and 2027-01-03 hold billing }', true],
  ])('%s', (_name, text, expected) => {
    expect(run(text).periodScoped).toBe(expected);
  });
});

describe('compilePolicies refuses what it cannot decide', () => {
  test('a model with errors', () => {
    const registry = createRegistry({ attributes: ATTRIBUTES });
    const model = checkDocuments([{ file: 'a.policy', text: 'policy "A" { when account.regoin = "EMEA" hold billing }' }], registry.vocabulary());
    expect(model.hasErrors).toBe(true);
    expect(() => compilePolicies(model, registry)).toThrow(/Cannot compile policies that have errors \(1 error diagnostic\)/);
  });

  test('a per-line setting under a billingDate condition is refused at check time (PV2038), before compiling', () => {
    expect(() => compileText('policy "A" { when billingDate > 2026-01-01 billing day of month 1 }')).toThrow(
      /PV2038 This policy's condition reads billingDate/,
    );
  });
});
