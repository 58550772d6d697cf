// proviso.config.json validation: every bad shape gives a diagnostic whose
// message carries the JSON path; good declarations become typed facts.
import { attributeFacts, parseConfig } from '../../../engine/vocabulary/config.js';
import { CONFIG_CODES } from '../../../engine/vocabulary/config-codes.js';

describe('parseConfig: bad configs', () => {
  test.each<[string, unknown, string, string]>([
    ['top level is a list', [], 'PV3102', '(top level): expected an object, found a list'],
    ['top level is a string', 'x', 'PV3102', '(top level): expected an object, found string "x"'],
    ['unknown top-level key', { atributes: {} }, 'PV3103', '(top level): unknown key "atributes"'],
    ['attributes is a list', { attributes: ['region'] }, 'PV3102', 'attributes: expected an object of entities'],
    ['unknown entity', { attributes: { customer: { region: 'string' } } }, 'PV3103', 'attributes: unknown key "customer" (expected one of "account", "order", "line")'],
    ['entity is not an object', { attributes: { account: 'region' } }, 'PV3102', 'attributes.account: expected an object of attribute names to types'],
    ['unknown attribute type', { attributes: { line: { seats: 'number' } } }, 'PV3104', 'attributes.line.seats: unknown attribute type "number"'],
    ['attribute type is a number', { attributes: { line: { seats: 5 } } }, 'PV3104', 'attributes.line.seats: unknown attribute type number 5'],
    ['empty list of allowed values', { attributes: { account: { segment: [] } } }, 'PV3105', 'attributes.account.segment: a list of allowed values must hold at least one string and no duplicates (the list is empty)'],
    ['allowed value that is not a string', { attributes: { account: { segment: ['smb', 3] } } }, 'PV3105', 'attributes.account.segment[1]: '],
    ['duplicate allowed value', { attributes: { account: { segment: ['smb', 'smb'] } } }, 'PV3105', '"smb" appears twice'],
    ['attribute name with a hyphen', { attributes: { line: { 'cost-center': 'string' } } }, 'PV3106', 'attributes.line.cost-center: "cost-center" is not a valid attribute name'],
    ['attribute shadowing a built-in fact', { attributes: { account: { currency: 'string' } } }, 'PV3107', 'attributes.account.currency: account.currency is a built-in fact'],
    ['plugins is a string', { plugins: './x.js' }, 'PV3102', 'plugins: expected a list of module paths'],
    ['plugin entry is not a string', { plugins: ['./a.js', 7] }, 'PV3102', 'plugins[1]: expected a module path'],
    ['plugin entry is empty', { plugins: [''] }, 'PV3102', 'plugins[0]: expected a module path'],
  ])('%s', (_name, json, code, message) => {
    const { diagnostics } = parseConfig(json, 'proviso.config.json');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, severity: 'error', file: 'proviso.config.json' });
    expect(diagnostics[0].message).toContain(message);
  });

  test('one bad declaration does not drop the good ones', () => {
    const { config, diagnostics } = parseConfig({ attributes: { account: { region: 'string', tier: 'gold' } } }, 'c.json');
    expect(diagnostics.map((d) => d.code)).toEqual(['PV3104']);
    expect(config.attributes.account).toEqual({ region: 'string' });
  });

  test('every config code has a message, an example and a fix, and lies in PV3100-PV3199', () => {
    for (const [code, entry] of Object.entries(CONFIG_CODES)) {
      expect(code).toMatch(/^PV31\d\d$/);
      expect(entry.message).not.toBe('');
      expect(entry.example).not.toBe('');
      expect(entry.fix).not.toBe('');
    }
  });
});

describe('parseConfig: the DESIGN §2 example', () => {
  const json = {
    attributes: {
      account: { region: 'string', segment: ['smb', 'enterprise'] },
      order: { channel: 'string' },
      line: { costCenter: 'string', seats: 'decimal' },
    },
    plugins: ['./vocabulary/holidays.js'],
  };

  test('checks clean', () => {
    const { config, diagnostics } = parseConfig(json, 'proviso.config.json');
    expect(diagnostics).toEqual([]);
    expect(config).toEqual(json);
  });

  test('attributes become optional typed facts with origin attribute', () => {
    const facts = attributeFacts(parseConfig(json, 'c.json').config);
    expect(facts.map((f) => [f.path, f.type, f.optional, f.origin])).toEqual([
      ['account.region', { kind: 'string' }, true, 'attribute'],
      ['account.segment', { kind: 'enum', name: 'account.segment', values: ['smb', 'enterprise'] }, true, 'attribute'],
      ['order.channel', { kind: 'string' }, true, 'attribute'],
      ['line.costCenter', { kind: 'string' }, true, 'attribute'],
      ['line.seats', { kind: 'decimal' }, true, 'attribute'],
    ]);
  });
});
