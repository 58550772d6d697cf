// json-rules-engine rules -> policy DSL text (`proviso import <rules.json>`).
// A rule becomes a policy: its conditions the `when`, its event the statements
// (event types as `proviso export` writes them: hold, billingDay, override,
// align, prorate, or `policy` with several). Anything the DSL cannot say
// (condition references, operator decorators, fact params, JSONPath
// wildcards, unknown operators or event types) is reported with its JSON path
// and the whole rule is left out — dropping one condition of an `all` would
// widen the rule, so a rule is imported exactly or not at all.
import { isoDateProblem } from '../../dsl/dates/iso-date.js';
import type { JreCondition } from './jre-types.js';

export interface ImportProblem {
  /** JSON path in the input, e.g. `rules[2].conditions.all[1].operator`. */
  readonly path: string;
  readonly message: string;
}

export interface JreImportResult {
  /** DSL text of every rule that could be expressed (may be empty). */
  readonly text: string;
  readonly policies: number;
  readonly problems: readonly ImportProblem[];
  /** Rule indexes left out. */
  readonly dropped: readonly number[];
}

class Cannot extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const COMPARISON: Record<string, string> = {
  equal: '=',
  notEqual: '!=',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
};
const WORD: Record<string, string> = {
  startsWith: 'starts with',
  endsWith: 'ends with',
  stringContains: 'contains',
  contains: 'contains',
};
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export function dslString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n') + '"';
}

/** Accepts `[rule, ...]`, `{ rules: [...] }` (what `proviso export` writes) or one rule. */
export function importJre(input: unknown): JreImportResult {
  const problems: ImportProblem[] = [];
  let rules: unknown[];
  let base: string;
  if (Array.isArray(input)) {
    rules = input;
    base = '';
  } else if (input && typeof input === 'object' && Array.isArray((input as { rules?: unknown }).rules)) {
    rules = (input as { rules: unknown[] }).rules;
    base = 'rules';
  } else if (input && typeof input === 'object' && 'conditions' in input) {
    rules = [input];
    base = '$';
  } else {
    return {
      text: '',
      policies: 0,
      problems: [{ path: '$', message: 'expected an array of json-rules-engine rules, an object with "rules", or one rule' }],
      dropped: [],
    };
  }

  const names = new Set<string>();
  const blocks: string[] = [];
  const dropped: number[] = [];
  rules.forEach((rule, i) => {
    const path = base === '$' ? '$' : `${base}[${i}]`;
    try {
      blocks.push(ruleToPolicy(rule, i, path, names));
    } catch (e) {
      if (!(e instanceof Cannot)) throw e;
      problems.push({ path: e.path, message: e.message });
      dropped.push(i);
      const name = rule && typeof rule === 'object' && typeof (rule as { name?: unknown }).name === 'string' ? (rule as { name: string }).name : `#${i + 1}`;
      blocks.push(`# not imported: rule ${JSON.stringify(name)} (${e.path}: ${e.message})`);
    }
  });
  const text = blocks.length ? blocks.join('\n\n') + '\n' : '';
  return { text, policies: rules.length - dropped.length, problems, dropped };
}

function ruleToPolicy(rule: unknown, index: number, path: string, names: Set<string>): string {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw new Cannot(path, 'a rule must be an object');
  const r = rule as Record<string, unknown>;
  const event = r.event as { type?: unknown; params?: unknown } | undefined;
  if (!event || typeof event !== 'object' || typeof event.type !== 'string') throw new Cannot(`${path}.event.type`, 'a rule needs an event with a type');
  const params = (event.params && typeof event.params === 'object' ? event.params : {}) as Record<string, unknown>;
  if (r.conditions === undefined) throw new Cannot(`${path}.conditions`, 'a rule needs conditions');
  const when = conditionText(r.conditions as JreCondition, `${path}.conditions`, true);
  const statements = eventStatements(event.type, params, `${path}.event`);

  let name = typeof r.name === 'string' && r.name.trim() ? r.name : typeof params.policy === 'string' ? params.policy : `${event.type} ${index + 1}`;
  if (names.has(name)) {
    let k = 2;
    while (names.has(`${name} (${k})`)) k++;
    name = `${name} (${k})`;
  }
  names.add(name);

  const lines = [`policy ${dslString(name)} {`];
  const priority = typeof params.priority === 'number' ? params.priority : typeof r.priority === 'number' ? r.priority : typeof r.priority === 'string' && /^\d+$/.test(r.priority) ? Number(r.priority) : undefined;
  if (priority !== undefined && Number.isInteger(priority) && priority !== 0) lines.push(`  priority ${priority}`);
  if (when !== null) lines.push(`  when ${when}`);
  for (const s of statements) lines.push(`  ${s}`);
  lines.push('}');
  return lines.join('\n');
}

function eventStatements(type: string, params: Record<string, unknown>, path: string): string[] {
  const out: string[] = [];
  const want = (k: string): boolean => type === k || (type === 'policy' && params[k] !== undefined);
  const known = ['hold', 'billingDay', 'override', 'align', 'prorate', 'policy'];
  if (!known.includes(type)) throw new Cannot(`${path}.type`, `event type ${JSON.stringify(type)} has no policy statement (expected one of ${known.join(', ')})`);

  if (want('hold')) {
    const raw = params.hold;
    const holds = Array.isArray(raw) ? raw : [raw ?? { reason: params.reason, until: params.until }];
    holds.forEach((h, j) => {
      const hp = Array.isArray(raw) ? `${path}.params.hold[${j}]` : raw ? `${path}.params.hold` : `${path}.params`;
      const ho = (h && typeof h === 'object' ? h : {}) as Record<string, unknown>;
      let s = 'hold billing';
      if (ho.until !== undefined) s += ` until ${conditionText(ho.until as JreCondition, `${hp}.until`, true) ?? 'true'}`;
      if (ho.reason !== undefined) {
        if (typeof ho.reason !== 'string') throw new Cannot(`${hp}.reason`, 'a hold reason must be a string');
        s += ` reason ${dslString(ho.reason)}`;
      }
      out.push(s);
    });
  }
  if (want('billingDay')) {
    const d = params.billingDay ?? params.day;
    if (d === 'last') out.push('billing day of month last');
    else if (typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 31) out.push(`billing day of month ${d}`);
    else if (d && typeof d === 'object' && typeof (d as { expression?: unknown }).expression === 'string') out.push(`billing day of month ${(d as { expression: string }).expression}`);
    else throw new Cannot(`${path}.params.billingDay`, 'the billing day must be 1–31 or "last"');
  }
  if (want('override')) {
    const o = (params.override && typeof params.override === 'object' ? params.override : params) as Record<string, unknown>;
    const op = params.override ? `${path}.params.override` : `${path}.params`;
    let target: string;
    if (typeof o.to === 'string' && DATE_RE.test(o.to)) target = calendarDate(o.to, `${op}.to`);
    else if (typeof o.expression === 'string') target = o.expression;
    else throw new Cannot(`${op}.to`, 'an override needs a date "to" (YYYY-MM-DD) or an "expression"');
    let s = `override billing date to ${target}`;
    if (typeof o.reason === 'string') s += ` reason ${dslString(o.reason)}`;
    out.push(s);
  }
  if (want('align')) {
    const a = params.align ?? params.mode;
    if (a !== 'own' && a !== 'original') throw new Cannot(`${path}.params.align`, 'alignment must be "own" or "original"');
    out.push(`align amendments to ${a}`);
  }
  if (want('prorate')) {
    const p = (params.prorate && typeof params.prorate === 'object' ? params.prorate : params) as Record<string, unknown>;
    const pp = params.prorate ? `${path}.params.prorate` : `${path}.params`;
    if (typeof p.method !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(p.method)) throw new Cannot(`${pp}.method`, 'a proration method name is required');
    let s = `prorate ${p.method}`;
    if (p.rounding !== undefined) {
      if (typeof p.rounding !== 'string') throw new Cannot(`${pp}.rounding`, 'the rounding mode must be a name');
      s += ` rounding ${p.rounding}`;
    }
    if (p.precision !== undefined) {
      if (typeof p.precision !== 'number' || !Number.isInteger(p.precision)) throw new Cannot(`${pp}.precision`, 'the precision must be a whole number');
      s += ` precision ${p.precision}`;
    }
    out.push(s);
  }
  if (out.length === 0) throw new Cannot(`${path}.params`, `event "${type}" carries no effect`);
  return out;
}

/** DSL condition text; null for "always" (an empty `all`). */
function conditionText(c: JreCondition, path: string, root: boolean): string | null {
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw new Cannot(path, 'a condition must be an object');
  const o = c as Record<string, unknown>;
  if ('condition' in o) throw new Cannot(`${path}.condition`, `the shared condition reference ${JSON.stringify(o.condition)} cannot be imported (inline it first)`);
  const boolKeys = ['all', 'any', 'not'].filter((k) => k in o);
  if (boolKeys.length > 0) {
    // json-rules-engine evaluates `any` when both are present; refuse the ambiguity.
    if (boolKeys.length > 1) throw new Cannot(path, `a condition with both ${boolKeys.join(' and ')} is ambiguous`);
    const k = boolKeys[0];
    if (k === 'not') {
      const inner = conditionText(o.not as JreCondition, `${path}.not`, false);
      return inner === null ? 'false' : `not (${inner})`;
    }
    const list = o[k];
    if (!Array.isArray(list)) throw new Cannot(`${path}.${k}`, `"${k}" must be an array`);
    const parts = list.map((x, i) => conditionText(x as JreCondition, `${path}.${k}[${i}]`, false));
    const real = parts.map((p) => p ?? 'true');
    if (list.length === 0) return k === 'all' ? (root ? null : 'true') : 'false';
    if (real.length === 1) return real[0];
    const joined = real.map((p) => (needsParens(p) ? `(${p})` : p)).join(k === 'all' ? ' and ' : ' or ');
    return root ? joined : `(${joined})`;
  }
  return leafText(o, path);
}

function needsParens(p: string): boolean {
  return p.startsWith('(') ? false : / and | or /.test(p);
}

function fieldText(fact: unknown, p: unknown, params: unknown, path: string): string {
  if (typeof fact !== 'string' || !IDENT_RE.test(fact)) throw new Cannot(`${path}.fact`, `fact ${JSON.stringify(fact)} is not a policy field name`);
  if (params !== undefined && !(typeof params === 'object' && params && Object.keys(params).length === 0)) {
    throw new Cannot(`${path}.params`, 'fact params have no policy equivalent (facts are fields of the line)');
  }
  if (p === undefined || p === '' || p === '$') return fact;
  if (typeof p !== 'string') throw new Cannot(`${path}.path`, 'a path must be a string');
  const rest = p.replace(/^\$\.?/, '').replace(/^\./, '');
  const segments = rest.split('.');
  if (!segments.every((s) => IDENT_RE.test(s))) throw new Cannot(`${path}.path`, `path ${JSON.stringify(p)} uses JSONPath features (indexes, wildcards, filters) the policy language has no word for`);
  return [fact, ...segments].join('.');
}

function valueText(v: unknown, field: string, path: string): string {
  if (typeof v === 'string') return DATE_RE.test(v) && isDateField(field) ? calendarDate(v, path) : dslString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Cannot(path, 'the number is not finite');
    const t = String(v);
    if (!DECIMAL_RE.test(t)) throw new Cannot(path, `the number ${t} cannot be written as a decimal`);
    return t;
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x, i) => valueText(x, field, `${path}[${i}]`)).join(', ')}]`;
  if (v && typeof v === 'object' && 'fact' in v) {
    const ref = v as { fact: unknown; path?: unknown; params?: unknown };
    return fieldText(ref.fact, ref.path, ref.params, path);
  }
  throw new Cannot(path, `the value ${JSON.stringify(v)} has no policy equivalent`);
}

/** A YYYY-MM-DD text that must also be a day of the calendar (2026-02-30 is refused with why). */
function calendarDate(text: string, path: string): string {
  const problem = isoDateProblem(text);
  if (problem) throw new Cannot(path, `${text} is not a calendar date: ${problem}`);
  return text;
}

function isDateField(field: string): boolean {
  const last = field.split('.').pop() ?? '';
  return field === 'today' || field === 'billingDate' || /Date$/.test(last);
}

function leafText(o: Record<string, unknown>, path: string): string {
  if (!('fact' in o) || !('operator' in o) || !('value' in o)) throw new Cannot(path, 'a condition needs fact, operator and value (or all/any/not)');
  const field = fieldText(o.fact, o.path, o.params, path);
  const op = o.operator;
  if (typeof op !== 'string') throw new Cannot(`${path}.operator`, 'the operator must be a string');
  if (op.includes(':')) throw new Cannot(`${path}.operator`, `operator decorators ("${op}") have no policy equivalent`);
  const v = o.value;
  const vp = `${path}.value`;
  if (v === null && (op === 'equal' || op === 'notEqual')) return `${field} ${op === 'equal' ? 'is missing' : 'is present'}`;
  if (op in COMPARISON) return `${field} ${COMPARISON[op]} ${valueText(v, field, vp)}`;
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(v) && !(v && typeof v === 'object' && 'fact' in v)) throw new Cannot(vp, `"${op}" needs a list value`);
    return `${field} ${op === 'in' ? 'in' : 'not in'} ${valueText(v, field, vp)}`;
  }
  if (op === 'contains' || op === 'doesNotContain') {
    // json-rules-engine: the fact is an array that contains the value.
    const s = `${valueText(v, field, vp)} in ${field}`;
    return op === 'contains' ? s : `${valueText(v, field, vp)} not in ${field}`;
  }
  if (op in WORD) return `${field} ${WORD[op]} ${valueText(v, field, vp)}`;
  throw new Cannot(`${path}.operator`, `operator ${JSON.stringify(op)} is not a json-rules-engine built-in or a Proviso custom operator`);
}
