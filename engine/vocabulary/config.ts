// proviso.config.json (DESIGN §2), validated without I/O: declared custom
// attributes (which become typed facts) and plugin module paths. The loader at
// the edge (api/config/load-project.ts) reads the file and imports plugins.
import { decimalOfNumber, decimalOfText } from './decimal-values.js';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import type { DslType } from '../../dsl/vocabulary/vocabulary-types.js';
import type { LineContext } from '../results/index.js';
import { EvaluationFailure } from '../evaluate/evaluation-failure.js';
import { BUILTIN_FACT_PATHS } from './builtins/facts.js';
import { CONFIG_CODES, configMessage, type ConfigCode } from './config-codes.js';
import type { FactDef } from './plugin-api.js';
import { isIsoDate, type Value } from './runtime-values.js';

export type AttributeType = 'string' | 'decimal' | 'date' | 'boolean' | readonly string[];
export const ATTRIBUTE_ENTITIES = ['account', 'order', 'line'] as const;
export type AttributeEntity = (typeof ATTRIBUTE_ENTITIES)[number];
export type AttributeDeclarations = Partial<Record<AttributeEntity, Readonly<Record<string, AttributeType>>>>;

export interface ProvisoConfig {
  readonly attributes: AttributeDeclarations;
  /** Module paths as written (relative to the config file). */
  readonly plugins: readonly string[];
}

export const EMPTY_CONFIG: ProvisoConfig = { attributes: {}, plugins: [] };

const TOP_KEYS = ['$schema', 'attributes', 'plugins'];
const SCALAR_TYPES = ['string', 'decimal', 'date', 'boolean'];
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function configDiagnostic(code: ConfigCode, file: string, args: Readonly<Record<string, string>>): Diagnostic {
  return { code, severity: CONFIG_CODES[code].severity, message: configMessage(code, args), span: { start: 0, end: 0 }, file };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed proviso.config.json. Invalid parts are dropped (and
 * reported with their JSON path); the rest is kept so one typo does not hide
 * every other declaration. */
export function parseConfig(json: unknown, file: string): { config: ProvisoConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (code: ConfigCode, args: Record<string, string>) => diagnostics.push(configDiagnostic(code, file, args));
  if (!isObject(json)) {
    report('PV3102', { path: '(top level)', expected: 'an object', actual: describe(json) });
    return { config: EMPTY_CONFIG, diagnostics };
  }
  for (const key of Object.keys(json)) {
    if (!TOP_KEYS.includes(key)) report('PV3103', { path: '(top level)', key, allowed: '"attributes", "plugins"' });
  }
  const attributes: Partial<Record<AttributeEntity, Record<string, AttributeType>>> = {};
  if (json.attributes !== undefined) {
    if (!isObject(json.attributes)) {
      report('PV3102', { path: 'attributes', expected: 'an object of entities (account, order, line)', actual: describe(json.attributes) });
    } else {
      for (const [entity, decls] of Object.entries(json.attributes)) {
        const path = `attributes.${entity}`;
        if (!(ATTRIBUTE_ENTITIES as readonly string[]).includes(entity)) {
          report('PV3103', { path: 'attributes', key: entity, allowed: ATTRIBUTE_ENTITIES.map((e) => `"${e}"`).join(', ') });
          continue;
        }
        if (!isObject(decls)) {
          report('PV3102', { path, expected: 'an object of attribute names to types', actual: describe(decls) });
          continue;
        }
        const out: Record<string, AttributeType> = {};
        for (const [name, type] of Object.entries(decls)) {
          const p = `${path}.${name}`;
          if (!ATTRIBUTE_NAME.test(name)) {
            report('PV3106', { path: p, name });
            continue;
          }
          if (BUILTIN_FACT_PATHS.has(`${entity}.${name}`)) {
            report('PV3107', { path: p, fact: `${entity}.${name}` });
            continue;
          }
          if (typeof type === 'string') {
            if (SCALAR_TYPES.includes(type)) out[name] = type as AttributeType;
            else report('PV3104', { path: p, actual: JSON.stringify(type) });
          } else if (Array.isArray(type)) {
            const bad = type.findIndex((v) => typeof v !== 'string');
            const dup = type.find((v, i) => type.indexOf(v) !== i);
            if (type.length === 0) report('PV3105', { path: p, problem: 'the list is empty' });
            else if (bad >= 0) report('PV3105', { path: `${p}[${bad}]`, problem: `${describe(type[bad])} is not a string` });
            else if (dup !== undefined) report('PV3105', { path: p, problem: `${JSON.stringify(dup)} appears twice` });
            else out[name] = [...type] as string[];
          } else {
            report('PV3104', { path: p, actual: describe(type) });
          }
        }
        attributes[entity as AttributeEntity] = out;
      }
    }
  }
  const plugins: string[] = [];
  if (json.plugins !== undefined) {
    if (!Array.isArray(json.plugins)) {
      report('PV3102', { path: 'plugins', expected: 'a list of module paths', actual: describe(json.plugins) });
    } else {
      json.plugins.forEach((p, i) => {
        if (typeof p === 'string' && p.trim() !== '') plugins.push(p);
        else report('PV3102', { path: `plugins[${i}]`, expected: 'a module path (non-empty string)', actual: describe(p) });
      });
    }
  }
  return { config: { attributes, plugins }, diagnostics };
}

function dslTypeOf(entity: string, name: string, t: AttributeType): DslType {
  if (Array.isArray(t)) return { kind: 'enum', name: `${entity}.${name}`, values: t };
  return { kind: t as 'string' | 'decimal' | 'date' | 'boolean' };
}

function declaredText(t: AttributeType): string {
  return Array.isArray(t) ? `one of ${t.map((v) => JSON.stringify(v)).join(', ')}` : (t as string);
}

const ENTITY_OF: Record<AttributeEntity, (ctx: LineContext) => { id: string; attributes: Readonly<Record<string, unknown>> }> = {
  account: (c) => c.account,
  order: (c) => c.order,
  line: (c) => c.line,
};

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Declared attributes as facts (`account.region`), origin `attribute`,
 * always optional. The value is read from `<entity>.attributes[name]`; a value
 * of the wrong runtime type is an evaluation error (PV4002), never a silent false. */
export function attributeFacts(config: ProvisoConfig): FactDef[] {
  const facts: FactDef[] = [];
  for (const entity of ATTRIBUTE_ENTITIES) {
    const decls = config.attributes[entity];
    if (!decls) continue;
    for (const [name, declared] of Object.entries(decls)) {
      const path = `${entity}.${name}`;
      const type = dslTypeOf(entity, name, declared);
      const entityOf = ENTITY_OF[entity];
      const wrong = (id: string, raw: unknown): never => {
        throw new EvaluationFailure('PV4002', { path, actual: describe(raw), entity, id, declared: declaredText(declared) });
      };
      let convert: (raw: unknown, id: string) => Value;
      if (Array.isArray(declared)) {
        convert = (raw, id) => (typeof raw === 'string' && declared.includes(raw) ? raw : wrong(id, raw));
      } else if (declared === 'decimal') {
        convert = (raw, id) =>
          typeof raw === 'number' && Number.isFinite(raw)
            ? decimalOfNumber(raw)
            : typeof raw === 'string' && DECIMAL_TEXT.test(raw.trim())
              ? decimalOfText(raw.trim())
              : wrong(id, raw);
      } else if (declared === 'date') {
        convert = (raw, id) => (isIsoDate(raw) ? raw : wrong(id, raw));
      } else if (declared === 'boolean') {
        convert = (raw, id) => (typeof raw === 'boolean' ? raw : wrong(id, raw));
      } else {
        convert = (raw, id) => (typeof raw === 'string' ? raw : wrong(id, raw));
      }
      facts.push({
        path,
        type,
        optional: true,
        scope: 'line',
        origin: 'attribute',
        doc: `Custom ${entity} attribute declared in proviso.config.json as ${declaredText(declared)}; absent when the ${entity} does not set it.`,
        examples: [exampleFor(path, declared)],
        get: (ctx) => {
          const e = entityOf(ctx);
          const raw = e.attributes?.[name];
          return raw === null || raw === undefined ? null : convert(raw, e.id);
        },
      });
    }
  }
  return facts;
}

function exampleFor(path: string, t: AttributeType): string {
  if (Array.isArray(t)) return `${path} = ${JSON.stringify(t[0])}`;
  switch (t) {
    case 'decimal':
      return `${path} > 10`;
    case 'date':
      return `${path} <= today`;
    case 'boolean':
      return `${path} = true`;
    default:
      return `${path} is present`;
  }
}
