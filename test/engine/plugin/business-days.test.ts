// The example plugin (examples/business-days) through the kit's own test
// helper: options, the words in a checked and simulated policy, the static
// checks with their spans, and loud failures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import businessDays from '../../../examples/business-days/business-days.js';
import { testPlugin } from '../../../engine/plugin/index.js';

const EXAMPLE = join(process.cwd(), 'examples', 'business-days');
const CONFIG = JSON.parse(readFileSync(join(EXAMPLE, 'proviso.config.json'), 'utf8'));
const OPTIONS = CONFIG.plugins[0].options;
const ATTRIBUTES = CONFIG.attributes;
const POLICY = readFileSync(join(EXAMPLE, 'policies', 'invoice-on-business-days.policy'), 'utf8');

function book(region: string, startDate = '2026-11-25') {
  return {
    accounts: [{ id: 'A1', name: 'Acme', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region } }],
    contracts: [],
    orders: [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null, attributes: {} }],
    orderProducts: [
      {
        id: 'OP1', orderId: 'O1', productCode: 'SUP', productName: 'Support', chargeType: 'recurring', billingFrequency: 'monthly',
        billingType: 'advance', quantity: '1', unitPrice: '100.00', startDate, endDate: null, billingDayOfMonth: null,
        amends: null, holdBilling: false, attributes: {},
      },
    ],
    invoiced: [],
  };
}

const run = (policy: string, region = 'EMEA') => testPlugin(businessDays, { policy, book: book(region), asOf: '2027-01-31', options: OPTIONS, attributes: ATTRIBUTES });

describe('business-days plugin', () => {
  test.each([
    // Dec 25 2026 is a Friday holiday in both regions; Dec 26 (EMEA) is a Saturday anyway
    ['EMEA: Christmas (Friday) moves to Monday Dec 28', 'EMEA', ['2026-11-25', '2026-12-28', '2027-01-25']],
    // Nov 25 2026 is a Wednesday: US Thanksgiving is the 26th, so nothing moves there
    ['US: the same dates, Thanksgiving not hit', 'US', ['2026-11-25', '2026-12-28', '2027-01-25']],
  ])('%s', (_name, region, billingDates) => {
    const r = run(POLICY, region);
    expect(r.diagnostics).toEqual([]);
    expect(r.simulation?.errors).toEqual([]);
    expect(r.lines.map((l) => l[2])).toEqual(billingDates);
  });

  test('US Thanksgiving moves a line billed on Nov 26 to Friday Nov 27; EMEA keeps it', () => {
    const at = (region: string) =>
      testPlugin(businessDays, { policy: POLICY, book: book(region, '2026-10-26'), asOf: '2026-11-30', options: OPTIONS, attributes: ATTRIBUTES }).lines.map((l) => l[2]);
    expect(at('US')).toEqual(['2026-10-26', '2026-11-27']);
    expect(at('EMEA')).toEqual(['2026-10-26', '2026-11-26']);
  });

  test('the operator decides per period in a policy', () => {
    const r = run('policy "Holiday hold" {\n  when account.region is present and billingDate holidayIn account.region\n  hold billing reason "Holiday"\n}');
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    // the Dec 25 period is held, the others bill
    expect(r.lines.map((l) => l[1])).toEqual(['2026-11-25', '2027-01-25']);
  });

  test('an unknown region written as a literal is a PV2901 error on that argument', () => {
    const text = 'policy "X" {\n  when isBusinessDay(billingDate, "APAC")\n  hold billing\n}';
    const r = run(text);
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.code === 'PV2901');
    expect(d).toMatchObject({ severity: 'error', file: 'test.policy' });
    expect(d?.message).toBe('isBusinessDay: no holiday calendar for region "APAC"; proviso.config.json defines EMEA, US');
    expect(text.slice(d!.span.start, d!.span.end)).toBe('"APAC"');
    expect(r.lines).toEqual([]);
  });

  test('a literal date outside the calendar years is a PV2902 warning, and the policy still runs', () => {
    const text = 'policy "X" {\n  when isBusinessDay(2019-03-04, "EMEA")\n  hold billing\n}';
    const r = run(text);
    expect(r.ok).toBe(true);
    const d = r.diagnostics.find((x) => x.code === 'PV2902');
    expect(d?.severity).toBe('warning');
    expect(text.slice(d!.span.start, d!.span.end)).toBe('2019-03-04');
  });

  test('a region without a calendar at run time is an evaluation error naming it, not a silent false', () => {
    const r = run(POLICY, 'APAC');
    expect(r.lines).toEqual([]);
    expect(JSON.stringify(r.simulation?.errors)).toContain('no holiday calendar for region \\"APAC\\"');
  });

  test.each([
    ['no options', undefined, /invalid options: expected an object/],
    ['regions not an object', { regions: [] }, /"regions" must be an object/],
    ['a date that does not parse', { regions: { EMEA: ['2026-13-01'] } }, /regions\.EMEA\[0\] must be a date YYYY-MM-DD, got "2026-13-01"/],
  ])('bad options are refused naming the plugin and the option: %s', (_name, options, message) => {
    expect(() => testPlugin(businessDays, { policy: POLICY, options, attributes: ATTRIBUTES })).toThrow(message);
    expect(() => testPlugin(businessDays, { policy: POLICY, options, attributes: ATTRIBUTES })).toThrow(/plugin business-days/);
  });

  test('a word check that throws becomes its word\'s PV2901, not a crash', () => {
    const r = testPlugin(
      (api) =>
        api.addFunction({
          name: 'fragile', params: [], returns: { kind: 'boolean' }, doc: 'x', impl: () => true,
          check: () => {
            throw new Error('boom');
          },
        }),
      { policy: 'policy "F" {\n  when fragile()\n  hold billing\n}' },
    );
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['PV2901', 'fragile: its check failed: boom']]);
  });
});
