// The vocabulary registry: every fact, function, operator, proration method
// and rounding mode policies may use, with its signature, docs and
// implementation. Built-ins and plugins register through the same add*
// methods; a name is registered once (a second registration throws, naming
// both origins) so nothing is ever silently replaced.
import type {
  DslType,
  FactSignature,
  FunctionSignature,
  OperatorSignature,
  ProrationMethodSignature,
  Vocabulary,
} from '../../dsl/vocabulary/vocabulary-types.js';
import type {
  FactDef,
  FunctionDef,
  OperatorDef,
  PluginApi,
  ProrationMethodDef,
  ProvisoPlugin,
  RoundingModeDef,
} from './plugin-api.js';
import { typeText } from './runtime-values.js';
import type { VocabularyManifest } from './vocabulary-manifest.js';

type Kind = 'fact' | 'function' | 'operator' | 'proration method' | 'rounding mode';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FACT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const OPERATOR_NAME = /^[a-z][A-Za-z0-9]*( [a-z][A-Za-z0-9]*)*$/;
const METHOD_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Words of the grammar an operator may not take. */
const RESERVED_OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'between', 'present', 'missing', 'true', 'false']);

/** Thrown when a definition is invalid or its name is taken. */
export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
}

export class Registry {
  private readonly facts = new Map<string, FactDef>();
  private readonly functions = new Map<string, FunctionDef>();
  private readonly operators = new Map<string, OperatorDef>();
  private readonly prorationMethods = new Map<string, ProrationMethodDef>();
  private readonly roundingModes = new Map<string, RoundingModeDef>();
  private cachedVocabulary: Vocabulary | undefined;

  addFact(def: FactDef): void {
    const origin = def.origin ?? 'host';
    this.checkName('fact', def.path, FACT_PATH, origin, 'a dotted path of identifiers such as account.region');
    checkType('fact', def.path, def.type, origin);
    checkFn('fact', def.path, origin, 'get', def.get);
    if (def.scope !== undefined && def.scope !== 'line' && def.scope !== 'period') {
      throw new RegistrationError(`Cannot register fact "${def.path}" from ${origin}: scope must be "line" or "period".`);
    }
    this.put('fact', this.facts, def.path, { ...def, origin, optional: def.optional ?? false, scope: def.scope ?? 'line' });
  }

  addFunction(def: FunctionDef): void {
    const origin = def.origin ?? 'host';
    this.checkName('function', def.name, IDENT, origin, 'an identifier such as nextWeekday');
    if (!Array.isArray(def.params)) throw new RegistrationError(`Cannot register function "${def.name}" from ${origin}: params must be an array.`);
    for (const p of def.params) {
      if (!p || typeof p.name !== 'string') throw new RegistrationError(`Cannot register function "${def.name}" from ${origin}: every parameter needs a name.`);
      checkType('function', `${def.name}(${p.name})`, p.type, origin);
    }
    checkType('function', def.name, def.returns, origin);
    checkFn('function', def.name, origin, 'impl', def.impl);
    if (def.check !== undefined) checkFn('function', def.name, origin, 'check', def.check);
    this.put('function', this.functions, def.name, { ...def, origin });
  }

  addOperator(def: OperatorDef): void {
    const origin = def.origin ?? 'host';
    this.checkName('operator', def.name, OPERATOR_NAME, origin, 'lower-case words separated by single spaces such as "starts with"');
    for (const w of def.name.split(' ')) {
      if (RESERVED_OPERATOR_WORDS.has(w)) throw new RegistrationError(`Cannot register operator "${def.name}" from ${origin}: "${w}" is a word of the policy language.`);
    }
    if (origin !== 'builtin' && def.name.includes(' ') && !this.operators.has(def.name)) {
      throw new RegistrationError(
        `Cannot register operator "${def.name}" from ${origin}: a plugin operator is one word such as "matches" (only the built-in "starts with" and "ends with" are two words of the grammar).`,
      );
    }
    checkType('operator', def.name, def.left, origin);
    checkType('operator', def.name, def.right, origin);
    checkFn('operator', def.name, origin, 'test', def.test);
    this.put('operator', this.operators, def.name, { ...def, origin });
  }

  addProrationMethod(def: ProrationMethodDef): void {
    const origin = def.origin ?? 'host';
    this.checkName('proration method', def.name, METHOD_NAME, origin, 'lower-case words joined by hyphens such as monthly-daily');
    checkFn('proration method', def.name, origin, 'fn', def.fn);
    this.put('proration method', this.prorationMethods, def.name, { ...def, origin });
  }

  addRoundingMode(def: RoundingModeDef): void {
    const origin = def.origin ?? 'host';
    this.checkName('rounding mode', def.name, METHOD_NAME, origin, 'lower-case words joined by hyphens such as half-even');
    const r = def.decimalRounding;
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > 8) {
      throw new RegistrationError(
        `Cannot register rounding mode "${def.name}" from ${origin}: \`decimalRounding\` must be a decimal.js rounding constant (Decimal.ROUND_UP ... Decimal.ROUND_HALF_FLOOR, 0-8), got ${JSON.stringify(r)}.`,
      );
    }
    this.put('rounding mode', this.roundingModes, def.name, { ...def, origin });
  }

  /** Runs a plugin with an API that stamps every definition with `origin`
   * (`builtin`, `attribute`, or the plugin's module path). */
  use(plugin: ProvisoPlugin, origin: string, options?: unknown): void {
    plugin(this.api(origin), options);
  }

  /** The add* methods bound to one origin (what a plugin receives). */
  api(origin: string): PluginApi {
    return {
      addFact: (def) => this.addFact({ ...def, origin }),
      addFunction: (def) => this.addFunction({ ...def, origin }),
      addOperator: (def) => this.addOperator({ ...def, origin }),
      addProrationMethod: (def) => this.addProrationMethod({ ...def, origin }),
      addRoundingMode: (def) => this.addRoundingMode({ ...def, origin }),
    };
  }

  fact(path: string): FactDef | undefined {
    return this.facts.get(path);
  }
  function(name: string): FunctionDef | undefined {
    return this.functions.get(name);
  }
  operator(name: string): OperatorDef | undefined {
    return this.operators.get(name);
  }
  prorationMethod(name: string): ProrationMethodDef | undefined {
    return this.prorationMethods.get(name);
  }
  roundingMode(name: string): RoundingModeDef | undefined {
    return this.roundingModes.get(name);
  }

  /** Signatures only, for the DSL binder and checker (`checkDocuments`). */
  vocabulary(): Vocabulary {
    if (this.cachedVocabulary) return this.cachedVocabulary;
    const facts: FactSignature[] = [...this.facts.values()].map((f) => ({
      path: f.path,
      type: f.type,
      optional: f.optional,
      doc: f.doc,
      scope: f.scope,
      origin: f.origin,
    }));
    const functions: FunctionSignature[] = [...this.functions.values()].map((f) => ({
      name: f.name,
      params: f.params,
      returns: f.returns,
      doc: f.doc,
      examples: f.examples,
      origin: f.origin,
    }));
    const operators: OperatorSignature[] = [...this.operators.values()].map((o) => ({
      name: o.name,
      left: o.left,
      right: o.right,
      doc: o.doc,
      examples: o.examples,
      origin: o.origin,
    }));
    const prorationMethods: ProrationMethodSignature[] = [...this.prorationMethods.values()].map((m) => ({
      name: m.name,
      doc: m.doc,
      origin: m.origin,
    }));
    this.cachedVocabulary = { facts, functions, operators, prorationMethods, roundingModes: [...this.roundingModes.keys()] };
    return this.cachedVocabulary;
  }

  /** JSON-serialisable description of every word (editor completion/hover, docs). */
  manifest(): VocabularyManifest {
    const ex = (e: readonly string[] | undefined): string[] => [...(e ?? [])];
    return {
      version: 1,
      facts: [...this.facts.values()].map((f) => ({
        path: f.path,
        type: typeText(f.type),
        optional: f.optional,
        scope: f.scope ?? 'line',
        doc: f.doc,
        origin: f.origin ?? 'host',
        examples: ex(f.examples),
        ...(enumValues(f.type) ? { values: enumValues(f.type) } : {}),
      })),
      functions: [...this.functions.values()].map((f) => ({
        name: f.name,
        signature: `${f.name}(${f.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${typeText(p.type)}`).join(', ')}) -> ${typeText(f.returns)}`,
        params: f.params.map((p) => ({
          name: p.name,
          type: typeText(p.type),
          optional: p.optional ?? false,
          ...(enumValues(p.type) ? { values: enumValues(p.type) } : {}),
        })),
        returns: typeText(f.returns),
        doc: f.doc,
        origin: f.origin ?? 'host',
        examples: ex(f.examples),
        ...(f.check ? { checked: true as const } : {}),
      })),
      operators: [...this.operators.values()].map((o) => ({
        name: o.name,
        left: typeText(o.left),
        right: typeText(o.right),
        doc: o.doc,
        origin: o.origin ?? 'host',
        examples: ex(o.examples),
      })),
      prorationMethods: [...this.prorationMethods.values()].map((m) => ({
        name: m.name,
        doc: m.doc,
        origin: m.origin ?? 'host',
        examples: ex(m.examples),
      })),
      roundingModes: [...this.roundingModes.values()].map((m) => ({
        name: m.name,
        doc: m.doc,
        origin: m.origin ?? 'host',
        examples: ex(m.examples),
      })),
    };
  }

  private checkName(kind: Kind, name: unknown, re: RegExp, origin: string, shape: string): void {
    if (typeof name !== 'string' || !re.test(name)) {
      throw new RegistrationError(`Cannot register ${kind} ${JSON.stringify(name)} from ${origin}: the name must be ${shape}.`);
    }
  }

  private put<T extends { origin?: string }>(kind: Kind, map: Map<string, T>, name: string, def: T): void {
    if (typeof (def as { doc?: unknown }).doc !== 'string') {
      throw new RegistrationError(`Cannot register ${kind} "${name}" from ${def.origin}: it needs a doc string.`);
    }
    const existing = map.get(name);
    if (existing) {
      throw new RegistrationError(
        `Cannot register ${kind} "${name}" from ${def.origin}: it is already registered by ${existing.origin}. Vocabulary names are never replaced; choose another name.`,
      );
    }
    map.set(name, def);
    this.cachedVocabulary = undefined;
  }
}

function enumValues(t: DslType): readonly string[] | undefined {
  return t.kind === 'enum' ? t.values : t.kind === 'list' ? enumValues(t.element) : undefined;
}

const TYPE_KINDS = new Set(['string', 'decimal', 'date', 'duration', 'boolean', 'list', 'enum', 'any']);

function checkType(kind: Kind, name: string, t: DslType | undefined, origin: string): void {
  const ok = (x: DslType | undefined): boolean =>
    !!x &&
    TYPE_KINDS.has(x.kind) &&
    (x.kind !== 'list' || ok(x.element)) &&
    (x.kind !== 'enum' || (Array.isArray(x.values) && x.values.length > 0 && x.values.every((v) => typeof v === 'string')));
  if (!ok(t)) {
    throw new RegistrationError(
      `Cannot register ${kind} "${name}" from ${origin}: invalid type ${JSON.stringify(t)} (use { kind: 'string' | 'decimal' | 'date' | 'duration' | 'boolean' | 'any' }, { kind: 'list', element }, or { kind: 'enum', name, values }).`,
    );
  }
}

function checkFn(kind: Kind, name: string, origin: string, field: string, fn: unknown): void {
  if (typeof fn !== 'function') {
    throw new RegistrationError(`Cannot register ${kind} "${name}" from ${origin}: \`${field}\` must be a function.`);
  }
}
