// Lookup tables over a Vocabulary, built once per vocabulary object and cached,
// so binding a library costs one map lookup per name.
import type { FactSignature, FunctionSignature, OperatorSignature, Vocabulary } from '../vocabulary/vocabulary-types.js';

export interface VocabularyIndex {
  readonly facts: ReadonlyMap<string, FactSignature>;
  /** Two-segment paths by object then field: binding `account.region` builds no string. */
  readonly factsByObject: ReadonlyMap<string, ReadonlyMap<string, FactSignature>>;
  readonly factPaths: readonly string[];
  /** Object prefix (`account`, `line`) -> the names of its fields, in vocabulary order. */
  readonly fieldsOf: ReadonlyMap<string, readonly string[]>;
  /** Object prefix -> names of its declared attributes (origin `attribute`). */
  readonly attributesOf: ReadonlyMap<string, readonly string[]>;
  readonly functions: ReadonlyMap<string, FunctionSignature>;
  readonly operators: ReadonlyMap<string, OperatorSignature>;
  readonly prorationMethods: ReadonlySet<string>;
  readonly prorationMethodNames: readonly string[];
  readonly roundingModes: ReadonlySet<string>;
}

const cache = new WeakMap<Vocabulary, VocabularyIndex>();

export function indexVocabulary(vocabulary: Vocabulary): VocabularyIndex {
  const cached = cache.get(vocabulary);
  if (cached) return cached;
  const facts = new Map<string, FactSignature>();
  const fieldsOf = new Map<string, string[]>();
  const attributesOf = new Map<string, string[]>();
  const factsByObject = new Map<string, Map<string, FactSignature>>();
  for (const fact of vocabulary.facts) {
    if (facts.has(fact.path)) continue;
    facts.set(fact.path, fact);
    const dot = fact.path.lastIndexOf('.');
    if (dot < 0) continue;
    const prefix = fact.path.slice(0, dot);
    const field = fact.path.slice(dot + 1);
    if (!prefix.includes('.')) {
      let fields = factsByObject.get(prefix);
      if (!fields) factsByObject.set(prefix, (fields = new Map()));
      fields.set(field, fact);
    }
    push(fieldsOf, prefix, field);
    if (fact.origin === 'attribute') push(attributesOf, prefix, field);
  }
  const index: VocabularyIndex = {
    facts,
    factsByObject,
    factPaths: [...facts.keys()],
    fieldsOf,
    attributesOf,
    functions: new Map(vocabulary.functions.map((f) => [f.name, f])),
    operators: new Map(vocabulary.operators.map((o) => [o.name, o])),
    prorationMethods: new Set(vocabulary.prorationMethods.map((m) => m.name)),
    prorationMethodNames: vocabulary.prorationMethods.map((m) => m.name),
    roundingModes: new Set(vocabulary.roundingModes),
  };
  cache.set(vocabulary, index);
  return index;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
