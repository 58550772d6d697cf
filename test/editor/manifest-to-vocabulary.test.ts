// The editor converts the served manifest (engine Registry.manifest(), JSON)
// back into the checker's Vocabulary; it must give the same signatures the
// service's own checker uses, including declared attributes and plugin words.
import { createRegistry } from '../../engine/index.js';
import type { DslType } from '../../dsl/vocabulary/vocabulary-types.js';
import { manifestToVocabulary, readManifest, toDslType } from '../../editor/src/vocabulary/manifest-to-vocabulary.js';

/** Enum names are not carried by the manifest; compare kinds and values. */
function shape(t: DslType): unknown {
  if (t.kind === 'enum') return { kind: 'enum', values: [...t.values] };
  if (t.kind === 'list') return { kind: 'list', element: shape(t.element) };
  return { kind: t.kind };
}

describe('manifestToVocabulary', () => {
  const registry = createRegistry({
    attributes: { account: { region: 'string', segment: ['smb', 'enterprise'] }, line: { seats: 'decimal' } },
    plugins: [
      {
        name: 'holidays',
        plugin: (api) =>
          api.addFunction({
            name: 'isHoliday',
            params: [{ name: 'date', type: { kind: 'date' } }],
            returns: { kind: 'boolean' },
            doc: 'True on a public holiday.',
            impl: () => false,
          }),
      },
    ],
  });
  const expected = registry.vocabulary();
  const served = JSON.parse(JSON.stringify(registry.manifest())) as unknown;
  const got = manifestToVocabulary(readManifest(served));

  test('every fact keeps its path, type, optionality and scope', () => {
    const norm = (v: typeof expected) =>
      v.facts.map((f) => ({ path: f.path, type: shape(f.type), optional: f.optional, scope: f.scope ?? 'line' }));
    expect(norm(got)).toEqual(norm(expected));
  });

  test('declared attributes arrive, an enum attribute with its allowed values', () => {
    expect(got.facts.find((f) => f.path === 'account.segment')?.type).toMatchObject({ kind: 'enum', values: ['smb', 'enterprise'] });
    expect(got.facts.find((f) => f.path === 'account.region')?.type).toEqual({ kind: 'string' });
  });

  test('functions keep parameters and return types (a plugin function too)', () => {
    const norm = (v: typeof expected) =>
      v.functions.map((f) => ({ name: f.name, params: f.params.map((p) => ({ name: p.name, type: shape(p.type), optional: p.optional ?? false })), returns: shape(f.returns) }));
    expect(norm(got)).toEqual(norm(expected));
    expect(got.functions.find((f) => f.name === 'isHoliday')?.origin).toBe('holidays');
  });

  test('operators, proration methods and rounding modes', () => {
    expect(got.operators.map((o) => [o.name, shape(o.left), shape(o.right)])).toEqual(expected.operators.map((o) => [o.name, shape(o.left), shape(o.right)]));
    expect(got.prorationMethods.map((m) => m.name)).toEqual(expected.prorationMethods.map((m) => m.name));
    expect(got.roundingModes).toEqual(expected.roundingModes);
  });
});

describe('toDslType', () => {
  test.each([
    ['scalar name', 'decimal', { kind: 'decimal' }],
    ['list of a scalar', 'list of date', { kind: 'list', element: { kind: 'date' } }],
    ['enum written as alternatives', '"a" | "b"', { kind: 'enum', name: 'enum', values: ['a', 'b'] }],
    ['unknown name becomes any', 'money', { kind: 'any' }],
    ['DslType object passes through', { kind: 'boolean' }, { kind: 'boolean' }],
  ])('%s', (_name, input, expected) => {
    expect(toDslType(input as never)).toEqual(expected);
  });

  test('a malformed manifest gives an empty vocabulary, not an exception', () => {
    expect(manifestToVocabulary(readManifest({ facts: [{ nope: 1 }], functions: 'x' }))).toEqual({
      facts: [], functions: [], operators: [], prorationMethods: [], roundingModes: [],
    });
  });
});
