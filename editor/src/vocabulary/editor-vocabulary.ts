// The vocabulary as the page's language features see it: the dsl Vocabulary
// (normalised types) plus docs and examples from the manifest, indexed by name.
import type { DslType, FactSignature, FunctionSignature, OperatorSignature, Vocabulary } from '../../../dsl/vocabulary/vocabulary-types.js';
import type { ManifestNamedWord, VocabularyManifest } from './manifest-types.js';
import { manifestToVocabulary, namedWords } from './manifest-to-vocabulary.js';

export interface EditorFact extends FactSignature {
  readonly examples: readonly string[];
}

export class EditorVocabulary {
  readonly vocabulary: Vocabulary;
  readonly facts: readonly EditorFact[];
  readonly functions: readonly FunctionSignature[];
  readonly operators: readonly OperatorSignature[];
  readonly prorationMethods: readonly ManifestNamedWord[];
  readonly roundingModes: readonly ManifestNamedWord[];
  private readonly factIndex = new Map<string, EditorFact>();

  constructor(readonly manifest: VocabularyManifest) {
    this.vocabulary = manifestToVocabulary(manifest);
    this.facts = this.vocabulary.facts.map((f, i) => ({ ...f, examples: manifest.facts[i]?.examples ?? [] }));
    for (const f of this.facts) this.factIndex.set(f.path, f);
    this.functions = this.vocabulary.functions;
    this.operators = this.vocabulary.operators;
    this.prorationMethods = namedWords(manifest.prorationMethods);
    this.roundingModes = namedWords(manifest.roundingModes);
  }

  fact(path: string): EditorFact | undefined {
    return this.factIndex.get(path);
  }

  fn(name: string): FunctionSignature | undefined {
    return this.functions.find((f) => f.name === name);
  }

  /** First segments of dotted facts (`account`, `line`) and whole undotted facts (`today`). */
  roots(): { name: string; fact?: EditorFact }[] {
    const out = new Map<string, EditorFact | undefined>();
    for (const f of this.facts) {
      const dot = f.path.indexOf('.');
      if (dot < 0) out.set(f.path, f);
      else if (!out.has(f.path.slice(0, dot))) out.set(f.path.slice(0, dot), undefined);
    }
    return [...out].map(([name, fact]) => (fact ? { name, fact } : { name }));
  }

  /** Facts and sub-objects one segment below `object` (`account` -> region, name, ...). */
  members(object: string): { name: string; fact?: EditorFact }[] {
    const prefix = `${object}.`;
    const out = new Map<string, EditorFact | undefined>();
    for (const f of this.facts) {
      if (!f.path.startsWith(prefix)) continue;
      const rest = f.path.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot < 0) out.set(rest, f);
      else if (!out.has(rest.slice(0, dot))) out.set(rest.slice(0, dot), undefined);
    }
    return [...out].map(([name, fact]) => (fact ? { name, fact } : { name }));
  }

  /** Word operators written between operands (`contains`, `starts with`, plugin words). */
  wordOperatorNames(): string[] {
    return this.operators.map((o) => o.name);
  }
}

export function enumValues(t: DslType): readonly string[] {
  if (t.kind === 'enum') return t.values;
  if (t.kind === 'list') return enumValues(t.element);
  if (t.kind === 'boolean') return ['true', 'false'];
  return [];
}
