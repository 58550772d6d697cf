// Converts the API's vocabulary manifest into the dsl Vocabulary the checker
// resolves names against, and into the editor's word lists (docs, examples,
// enum values) used by completion and hover. Pure; runs in the page and in the
// DSL worker. Unknown or malformed entries are dropped, never thrown on.
import type {
  DslType,
  FactSignature,
  FunctionSignature,
  OperatorSignature,
  ProrationMethodSignature,
  Vocabulary,
} from '../../../dsl/vocabulary/vocabulary-types.js';
import type { ManifestNamedWord, ManifestType, VocabularyManifest } from './manifest-types.js';

const SCALARS = new Set(['string', 'decimal', 'date', 'duration', 'boolean', 'any']);

/** Normalises a manifest type (object or short name) to a DslType. */
export function toDslType(t: ManifestType | undefined, values?: readonly string[], enumName = 'enum'): DslType {
  if (t === undefined || t === null) return { kind: 'any' };
  if (typeof t === 'string') {
    const s = t.trim();
    // The engine writes enums as `"a" | "b"` (values also in `values`).
    if (s.startsWith('"')) {
      const parsed = s.split('|').map((v) => v.trim()).filter((v) => /^".*"$/.test(v)).map((v) => JSON.parse(v) as string);
      return { kind: 'enum', name: enumName, values: values ?? parsed };
    }
    const list = /^list of (.+)$/.exec(s) ?? /^list\s*<(.+)>$/.exec(s) ?? /^(.+)\[\]$/.exec(s);
    if (list) return { kind: 'list', element: toDslType(list[1]) };
    if (s === 'number' || s === 'integer') return { kind: 'decimal' };
    if (s === 'enum') return { kind: 'enum', name: enumName, values: values ?? [] };
    if (SCALARS.has(s)) return { kind: s } as DslType;
    return { kind: 'any' };
  }
  if (Array.isArray(t)) return { kind: 'enum', name: 'enum', values: t.map(String) };
  const o = t as { kind?: unknown; element?: unknown; name?: unknown; values?: unknown };
  if (o.kind === 'list') return { kind: 'list', element: toDslType(o.element as ManifestType) };
  if (o.kind === 'enum') {
    const vals = Array.isArray(o.values) ? o.values.map(String) : values ?? [];
    return { kind: 'enum', name: typeof o.name === 'string' ? o.name : 'enum', values: vals };
  }
  if (typeof o.kind === 'string' && SCALARS.has(o.kind)) return { kind: o.kind } as DslType;
  if (o.kind === 'number' || o.kind === 'integer') return { kind: 'decimal' };
  return { kind: 'any' };
}

/** How a type reads in hover and completion details: `decimal`, `list of date`, `one of "a", "b"`. */
export function describeType(t: DslType): string {
  switch (t.kind) {
    case 'list':
      return `list of ${describeType(t.element)}`;
    case 'enum':
      return t.values.length ? `one of ${t.values.map((v) => `"${v}"`).join(', ')}` : t.name;
    default:
      return t.kind;
  }
}

function named(w: ManifestNamedWord | string): ManifestNamedWord {
  return typeof w === 'string' ? { name: w } : w;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function arr<T = unknown>(x: unknown): T[] {
  return Array.isArray(x) ? (x as T[]) : [];
}

/** Accepts the manifest as served (possibly wrapped as `{ vocabulary: ... }`). */
export function readManifest(json: unknown): VocabularyManifest {
  const root = isObj(json) && isObj(json.vocabulary) ? json.vocabulary : json;
  const m = isObj(root) ? root : {};
  return {
    facts: arr(m.facts).filter((f) => isObj(f) && typeof f.path === 'string') as VocabularyManifest['facts'],
    functions: arr(m.functions).filter((f) => isObj(f) && typeof f.name === 'string') as VocabularyManifest['functions'],
    operators: arr(m.operators).filter((f) => isObj(f) && typeof f.name === 'string') as VocabularyManifest['operators'],
    prorationMethods: arr(m.prorationMethods).filter((w) => typeof w === 'string' || (isObj(w) && typeof w.name === 'string')) as VocabularyManifest['prorationMethods'],
    roundingModes: arr(m.roundingModes).filter((w) => typeof w === 'string' || (isObj(w) && typeof w.name === 'string')) as VocabularyManifest['roundingModes'],
  };
}

export function manifestToVocabulary(manifest: VocabularyManifest): Vocabulary {
  const facts: FactSignature[] = manifest.facts.map((f) => ({
    path: f.path,
    type: toDslType(f.type, f.values, f.path),
    optional: f.optional ?? false,
    doc: f.doc ?? '',
    ...(f.scope ? { scope: f.scope } : {}),
    ...(f.origin ? { origin: f.origin } : {}),
  }));
  const functions: FunctionSignature[] = manifest.functions.map((fn) => ({
    name: fn.name,
    params: arr<{ name: string; type: ManifestType; optional?: boolean; values?: readonly string[] }>(fn.params).map((p) => ({
      name: p.name,
      type: toDslType(p.type, p.values),
      ...(p.optional ? { optional: true } : {}),
    })),
    returns: toDslType(fn.returns),
    doc: fn.doc ?? '',
    ...(fn.examples ? { examples: fn.examples } : {}),
    ...(fn.origin ? { origin: fn.origin } : {}),
  }));
  const operators: OperatorSignature[] = manifest.operators.map((op) => ({
    name: op.name,
    left: toDslType(op.left),
    right: toDslType(op.right),
    doc: op.doc ?? '',
    ...(op.examples ? { examples: op.examples } : {}),
    ...(op.origin ? { origin: op.origin } : {}),
  }));
  const prorationMethods: ProrationMethodSignature[] = manifest.prorationMethods.map(named).map((w) => ({
    name: w.name,
    doc: w.doc ?? '',
    ...(w.origin ? { origin: w.origin } : {}),
  }));
  const roundingModes = manifest.roundingModes.map((w) => named(w).name);
  return { facts, functions, operators, prorationMethods, roundingModes };
}

/** Words with docs for completion and hover (proration methods, rounding modes). */
export function namedWords(list: readonly (ManifestNamedWord | string)[]): ManifestNamedWord[] {
  return list.map(named);
}

/** Example values of a fact (manifest examples, else enum values). */
export function factExamples(f: { examples?: readonly string[] }): readonly string[] {
  return f.examples ?? [];
}
