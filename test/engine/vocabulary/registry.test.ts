import { Decimal } from 'decimal.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { Registry, RegistrationError } from '../../../engine/vocabulary/registry.js';
import type { PluginApi } from '../../../engine/vocabulary/plugin-api.js';

const DATE = { kind: 'date' } as const;

describe('createRegistry: built-ins', () => {
  const registry = createRegistry();
  const vocab = registry.vocabulary();

  test('registers the facts of DESIGN §4 with their types', () => {
    const byPath = new Map(vocab.facts.map((f) => [f.path, f]));
    expect(byPath.get('order.type')?.type).toEqual({ kind: 'enum', name: 'OrderType', values: ['new', 'amendment', 'renewal'] });
    expect(byPath.get('line.quantity')?.type).toEqual({ kind: 'decimal' });
    expect(byPath.get('order.poNumber')?.optional).toBe(true);
    expect(byPath.get('billingDate')?.scope).toBe('period');
    for (const p of ['account.id', 'contract.endDate', 'line.billingFrequency', 'line.amends', 'product.code', 'product.name', 'today']) {
      expect(byPath.has(p)).toBe(true);
    }
  });

  test('every built-in carries origin builtin', () => {
    const m = registry.manifest();
    const all = [...m.facts, ...m.functions, ...m.operators, ...m.prorationMethods, ...m.roundingModes];
    expect(all.length).toBeGreaterThan(40);
    expect(all.every((w) => w.origin === 'builtin')).toBe(true);
  });

  test('functions, operators, proration methods and rounding modes', () => {
    expect(vocab.functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['nextWeekday', 'previousWeekday', 'startOfMonth', 'endOfMonth', 'startOfQuarter', 'endOfQuarter', 'endOfYear', 'daysBetween', 'dayOfMonth', 'month', 'year', 'isWeekend', 'upper', 'lower', 'length']),
    );
    expect(vocab.operators.map((o) => o.name)).toEqual(['contains', 'starts with', 'ends with']);
    expect(vocab.prorationMethods.map((m) => m.name)).toEqual(['daily', 'monthly-daily', 'whole-months', 'thirty-360', 'none']);
    expect(vocab.roundingModes).toEqual(['half-up', 'half-even', 'up', 'down']);
  });

  test('built-ins register through the public PluginApi (a fresh Registry + the same plugins gives the same vocabulary)', async () => {
    const { BUILTIN_PLUGINS } = await import('../../../engine/vocabulary/create-registry.js');
    const r = new Registry();
    const calls: string[] = [];
    for (const p of BUILTIN_PLUGINS) {
      const api = r.api('builtin');
      const spy: PluginApi = {
        addFact: (d) => (calls.push(d.path), api.addFact(d)),
        addFunction: (d) => (calls.push(d.name), api.addFunction(d)),
        addOperator: (d) => (calls.push(d.name), api.addOperator(d)),
        addProrationMethod: (d) => (calls.push(d.name), api.addProrationMethod(d)),
        addRoundingMode: (d) => (calls.push(d.name), api.addRoundingMode(d)),
      };
      p(spy);
    }
    expect(r.manifest()).toEqual(registry.manifest());
    expect(calls).toHaveLength(registry.manifest().facts.length + vocab.functions.length + vocab.operators.length + vocab.prorationMethods.length + vocab.roundingModes.length);
  });

  test('the vocabulary holds signatures only (no implementations)', () => {
    const json = JSON.stringify(vocab);
    expect(json).not.toContain('impl');
    expect(vocab.facts.every((f) => !('get' in f))).toBe(true);
  });
});

describe('duplicate names throw, naming the name and both origins', () => {
  test.each([
    ['fact', (api: PluginApi) => api.addFact({ path: 'account.name', type: { kind: 'string' }, optional: false, doc: 'x', get: () => 'x' }), /fact "account\.name" from my-plugin: it is already registered by builtin/],
    ['function', (api: PluginApi) => api.addFunction({ name: 'nextWeekday', params: [], returns: DATE, doc: 'x', impl: () => '2026-01-01' }), /function "nextWeekday" from my-plugin: it is already registered by builtin/],
    ['operator', (api: PluginApi) => api.addOperator({ name: 'starts with', left: { kind: 'string' }, right: { kind: 'string' }, doc: 'x', test: () => true }), /operator "starts with" from my-plugin: it is already registered by builtin/],
    ['proration method', (api: PluginApi) => api.addProrationMethod({ name: 'daily', doc: 'x', fn: () => new Decimal(1) }), /proration method "daily" from my-plugin: it is already registered by builtin/],
    ['rounding mode', (api: PluginApi) => api.addRoundingMode({ name: 'half-up', doc: 'x', decimalRounding: 4 }), /rounding mode "half-up" from my-plugin: it is already registered by builtin/],
  ])('%s', (_kind, register, message) => {
    const r = createRegistry();
    expect(() => r.use(register, 'my-plugin')).toThrow(RegistrationError);
    expect(() => r.use(register, 'my-plugin')).toThrow(message);
  });

  test('two plugins defining the same new word: the second fails, naming the first', () => {
    const r = createRegistry();
    const def = { name: 'fiscalYear', params: [{ name: 'date', type: DATE }], returns: { kind: 'decimal' } as const, doc: 'Fiscal year.', impl: () => new Decimal(2026) };
    r.use((api) => api.addFunction(def), 'plugin-a');
    expect(() => r.use((api) => api.addFunction(def), 'plugin-b')).toThrow('function "fiscalYear" from plugin-b: it is already registered by plugin-a');
  });
});

describe('invalid definitions throw a clear error', () => {
  test.each([
    ['function name with a dot', (api: PluginApi) => api.addFunction({ name: 'a.b', params: [], returns: DATE, doc: 'x', impl: () => null }), /name must be an identifier/],
    ['fact path with a space', (api: PluginApi) => api.addFact({ path: 'account region', type: { kind: 'string' }, optional: true, doc: 'x', get: () => null }), /dotted path/],
    ['a plugin operator of two words (the grammar reads one)', (api: PluginApi) => api.addOperator({ name: 'falls within', left: DATE, right: DATE, doc: 'x', test: () => true }), /operator "falls within" from p: a plugin operator is one word/],
    ['operator using a language word', (api: PluginApi) => api.addOperator({ name: 'is between', left: DATE, right: DATE, doc: 'x', test: () => true }), /"is" is a word of the policy language/],
    ['function without impl', (api: PluginApi) => api.addFunction({ name: 'f', params: [], returns: DATE, doc: 'x' } as never), /`impl` must be a function/],
    ['unknown type kind', (api: PluginApi) => api.addFact({ path: 'x.y', type: { kind: 'number' } as never, optional: true, doc: 'x', get: () => null }), /invalid type/],
    ['enum without values', (api: PluginApi) => api.addFact({ path: 'x.y', type: { kind: 'enum', name: 'E', values: [] }, optional: true, doc: 'x', get: () => null }), /invalid type/],
    ['missing doc', (api: PluginApi) => api.addRoundingMode({ name: 'ceil', decimalRounding: 2 } as never), /needs a doc string/],
    ['proration method name in capitals', (api: PluginApi) => api.addProrationMethod({ name: 'Daily365', doc: 'x', fn: () => new Decimal(1) }), /hyphens/],
  ])('%s', (_name, register, message) => {
    expect(() => createRegistry().use(register, 'p')).toThrow(message);
  });
});

describe('manifest', () => {
  const m = createRegistry().manifest();

  test('is JSON-serialisable and round-trips unchanged', () => {
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  test('facts carry type text, allowed values, scope, docs and examples', () => {
    const type = m.facts.find((f) => f.path === 'order.type');
    expect(type).toMatchObject({ type: '"new" | "amendment" | "renewal"', values: ['new', 'amendment', 'renewal'], scope: 'line', optional: false });
    expect(type?.doc.length).toBeGreaterThan(5);
    expect(type?.examples.length).toBeGreaterThan(0);
    expect(m.facts.find((f) => f.path === 'billingDate')?.scope).toBe('period');
  });

  test('functions carry a readable signature', () => {
    expect(m.functions.find((f) => f.name === 'daysBetween')?.signature).toBe('daysBetween(from: date, to: date) -> decimal');
    expect(m.functions.find((f) => f.name === 'nextWeekday')?.signature).toBe('nextWeekday(date: date) -> date');
  });

  test('every word has a doc and at least one example', () => {
    for (const w of [...m.facts, ...m.functions, ...m.operators, ...m.prorationMethods, ...m.roundingModes]) {
      expect(w.doc).not.toBe('');
      expect(w.examples.length).toBeGreaterThan(0);
    }
  });
});

describe('createRegistry options', () => {
  test('plugins may be bare functions (origin = function name) or named entries', () => {
    function fiscal(api: PluginApi) {
      api.addFunction({ name: 'fiscalYear', params: [{ name: 'date', type: DATE }], returns: { kind: 'decimal' }, doc: 'Fiscal year.', impl: () => new Decimal(2026) });
    }
    const r = createRegistry({ plugins: [fiscal, { name: 'named', plugin: (api) => api.addOperator({ name: 'matches', left: { kind: 'string' }, right: { kind: 'string' }, doc: 'Regex match.', test: () => true }) }] });
    expect(r.function('fiscalYear')?.origin).toBe('fiscal');
    expect(r.operator('matches')?.origin).toBe('named');
  });

  test('attributes register as optional facts with origin attribute', () => {
    const r = createRegistry({ attributes: { account: { region: 'string', tier: ['gold', 'silver'] } } });
    expect(r.vocabulary().facts.find((f) => f.path === 'account.tier')).toMatchObject({ optional: true, origin: 'attribute', type: { kind: 'enum', values: ['gold', 'silver'] } });
  });
});
