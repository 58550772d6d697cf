// Compiles one checked expression ONCE into a plain closure over the line
// context (no eval, no code generation from user text). The closure returns a
// runtime value (see engine/vocabulary/runtime-values.ts) or throws an
// EvaluationFailure: a missing operand, a value of the wrong runtime type, a
// division by zero, a failing function, an invalid date. It never answers a
// question it cannot decide with `false`.
import type { Expr } from '../../dsl/ast/ast-types.js';
import { Dec } from '../money/decimal.js';
import { OperatorTypeError } from '../vocabulary/builtins/operators.js';
import { addDuration } from '../vocabulary/builtins/civil-date.js';
import type { FactDef, FunctionDef } from '../vocabulary/plugin-api.js';
import type { Registry } from '../vocabulary/registry.js';
import {
  fitsType,
  isDecimal,
  isDuration,
  isIsoDate,
  typeText,
  valueKind,
  valueText,
  type DurationValue,
  type Value,
} from '../vocabulary/runtime-values.js';
import { compareDecimals } from '../vocabulary/decimal-values.js';
import { valuesEqual } from '../vocabulary/value-equality.js';
import { EvaluationFailure } from './evaluation-failure.js';
import type { LineContext } from '../results/index.js';

export type Evaluator = (ctx: LineContext) => Value;

export interface CompiledExpr {
  readonly run: Evaluator;
  /** Fact paths the expression reads, in first-use order (for traces). */
  readonly facts: readonly string[];
  /** True when it reads a period-scoped fact (`billingDate`). */
  readonly usesPeriod: boolean;
  /** The expression as text (for messages). */
  readonly text: string;
}

/** A checked model should never fail to compile; this means the model and the registry disagree. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
}

interface Node {
  readonly run: Evaluator;
  readonly text: string;
  /** Set when the value is known at compile time. */
  readonly constant?: { readonly value: Value };
}

/**
 * Fact values of the line being evaluated, shared by every expression of a
 * compiled policy set: each line fact is read (and parsed: decimals) once per
 * line however many policies use it, and stays cached across that line's
 * periods. Period facts (`billingDate`) are never cached. The cache follows
 * the context's order product and target date; evaluateLine starts afresh
 * (begin) for every call, so a caller reusing objects cannot see stale values.
 */
export class FactCache {
  private line: object | null = null;
  private today: string | null = null;
  private gen = 1;
  private readonly stamps: number[] = [];
  private readonly values: Value[] = [];
  private readonly readers = new Map<string, Evaluator>();

  /** Forget every cached value (a new line). */
  begin(ctx: LineContext): void {
    this.line = ctx.line;
    this.today = ctx.today;
    this.gen++;
  }

  /** Keep the cached values when ctx is the same line (another period of it). */
  sync(ctx: LineContext): void {
    if (ctx.line !== this.line || ctx.today !== this.today) this.begin(ctx);
  }

  /** The (cached, unless period-scoped) reader of a fact, created on first use. */
  reader(path: string, read: Evaluator, perPeriod: boolean): Evaluator {
    const existing = this.readers.get(path);
    if (existing) return existing;
    if (perPeriod) {
      this.readers.set(path, read);
      return read;
    }
    const slot = this.stamps.length;
    this.stamps.push(0);
    this.values.push(null);
    const stamps = this.stamps;
    const values = this.values;
    const run: Evaluator = (ctx) => {
      if (ctx.line !== this.line || ctx.today !== this.today) this.begin(ctx);
      if (stamps[slot] === this.gen) return values[slot];
      const v = read(ctx);
      values[slot] = v;
      stamps[slot] = this.gen;
      return v;
    };
    this.readers.set(path, run);
    return run;
  }

  /** The reader of a fact some compiled expression uses, if any. */
  existing(path: string): Evaluator | undefined {
    return this.readers.get(path);
  }
}

interface Env {
  readonly registry: Registry;
  readonly cache: FactCache;
  readonly facts: string[];
  usesPeriod: boolean;
}

export function compileExpr(expr: Expr, registry: Registry, cache: FactCache = new FactCache()): CompiledExpr {
  const env: Env = { registry, cache, facts: [], usesPeriod: false };
  const node = compile(expr, env);
  return { run: node.run, facts: env.facts, usesPeriod: env.usesPeriod, text: node.text };
}

/** Compiles a condition: the closure returns a boolean, or throws when the
 * condition has no value (a missing boolean fact) or is not a boolean. */
export function compileCondition(
  expr: Expr,
  registry: Registry,
  clause: string,
  cache: FactCache = new FactCache(),
): CompiledExpr & { readonly test: (ctx: LineContext) => boolean } {
  const c = compileExpr(expr, registry, cache);
  const run = c.run;
  const text = c.text;
  const test = (ctx: LineContext): boolean => {
    const v = run(ctx);
    if (v === true || v === false) return v;
    return failBool(v, text, clause);
  };
  return { ...c, test };
}

function failBool(v: Value, text: string, op: string): never {
  if (v === null) throw new EvaluationFailure('PV4001', { what: text, op });
  throw new EvaluationFailure('PV4008', { what: text, actual: aKind(v), expected: 'a boolean' });
}

const constant = (value: Value, text: string): Node => ({ run: () => value, text, constant: { value } });

function compile(e: Expr, env: Env): Node {
  switch (e.$type) {
    case 'StringLiteral':
      return constant(e.value, JSON.stringify(e.value));
    case 'NumberLiteral':
      return constant(new Dec(e.text), e.text);
    case 'DateLiteral':
      if (!isIsoDate(e.text)) throw new CompileError(`invalid date literal ${e.text}`);
      return constant(e.text, e.text);
    case 'DurationLiteral': {
      const d: DurationValue = { amount: Number(e.amount), unit: e.unit };
      return constant(d, `${e.amount} ${e.unitText}`);
    }
    case 'BooleanLiteral':
      return constant(e.value, String(e.value));
    case 'ListLiteral': {
      const items = e.items.map((i) => compile(i, env));
      const text = `[${items.map((i) => i.text).join(', ')}]`;
      if (items.every((i) => i.constant)) return constant(Object.freeze(items.map((i) => i.constant!.value)), text);
      const runs = items.map((i) => i.run);
      return { run: (ctx) => runs.map((r) => r(ctx)), text };
    }
    case 'ParenExpr': {
      const inner = compile(e.inner, env);
      return { run: inner.run, text: `(${inner.text})`, constant: inner.constant };
    }
    case 'FieldPath':
      return compileFact(e.segments.map((s) => s.text).join('.'), env);
    case 'CallExpr':
      return compileCall(e.callee.text, e.args.map((a) => compile(a, env)), env);
    case 'UnaryExpr': {
      const operand = compile(e.operand, env);
      const run = operand.run;
      if (e.op === 'not') {
        const text = `not ${operand.text}`;
        return {
          text,
          run: (ctx) => {
            const v = run(ctx);
            if (v === true) return false;
            if (v === false) return true;
            return failBool(v, operand.text, text);
          },
        };
      }
      const text = `-${operand.text}`;
      return { text, run: (ctx) => decimalOf(run(ctx), operand.text, text).neg() };
    }
    case 'BinaryExpr':
      return compileBinary(e.op, compile(e.left, env), compile(e.right, env));
    case 'InExpr': {
      const left = compile(e.left, env);
      const list = compile(e.list, env);
      return compileIn(left, list, e.negated);
    }
    case 'PresenceExpr': {
      const operand = compile(e.operand, env);
      const run = operand.run;
      const text = `${operand.text} is ${e.present ? 'present' : 'missing'}`;
      return e.present ? { text, run: (ctx) => run(ctx) !== null } : { text, run: (ctx) => run(ctx) === null };
    }
    case 'BetweenExpr': {
      const x = compile(e.operand, env);
      const lo = compile(e.low, env);
      const hi = compile(e.high, env);
      const text = `${x.text} between ${lo.text} and ${hi.text}`;
      const [rx, rl, rh] = [x.run, lo.run, hi.run];
      return {
        text,
        run: (ctx) => {
          const v = need(rx(ctx), x.text, text);
          return order(v, need(rl(ctx), lo.text, text), text, text) >= 0 && order(v, need(rh(ctx), hi.text, text), text, text) <= 0;
        },
      };
    }
    case 'WordOperatorExpr':
      return compileWordOperator(e.operator, compile(e.left, env), compile(e.right, env), env);
    case 'Missing':
      throw new CompileError('the policy has an incomplete expression (parse error)');
  }
}

function need(v: Value, what: string, op: string): Exclude<Value, null> {
  if (v === null || v === undefined) throw new EvaluationFailure('PV4001', { what, op });
  return v;
}

function decimalOf(v: Value, what: string, op: string): Dec {
  if (isDecimal(v)) return v;
  if (v === null || v === undefined) throw new EvaluationFailure('PV4001', { what, op });
  throw new EvaluationFailure('PV4008', { what, actual: aKind(v), expected: 'a decimal' });
}

function mismatch(opText: string, l: Value, r: Value): never {
  throw new EvaluationFailure('PV4010', { what: opText, detail: `cannot compare ${aKind(l)} with ${aKind(r)}` });
}

function aKind(v: Value): string {
  const k = valueKind(v);
  return /^[aeiou]/.test(k) ? `an ${k}` : `a ${k}`;
}

/** Equality of two present values of the same kind. */
function equal(l: Value, r: Value, opText: string): boolean {
  if (typeof l === 'string') return typeof r === 'string' ? l === r : mismatch(opText, l, r);
  if (typeof l === 'boolean') return typeof r === 'boolean' ? l === r : mismatch(opText, l, r);
  if (isDecimal(l)) return isDecimal(r) ? compareDecimals(l, r) === 0 : mismatch(opText, l, r);
  if (valueKind(l) !== valueKind(r)) mismatch(opText, l, r);
  return valuesEqual(l, r);
}

/** Ordering of two present values: decimals numerically, dates and text by
 * their characters (ISO dates order correctly as text). */
function order(l: Value, r: Value, opText: string, op: string): number {
  if (typeof l === 'string') {
    if (typeof r !== 'string') return mismatch(opText, l, r);
    return l < r ? -1 : l > r ? 1 : 0;
  }
  if (isDecimal(l)) return isDecimal(r) ? compareDecimals(l, r) : mismatch(opText, l, r);
  throw new EvaluationFailure('PV4010', { what: op, detail: `${aKind(l)} has no order (only decimals, dates and text do)` });
}

function compileFact(path: string, env: Env): Node {
  const def: FactDef | undefined = env.registry.fact(path);
  if (!def) throw new CompileError(`unknown fact ${path}`);
  if (!env.facts.includes(path)) env.facts.push(path);
  if (def.scope === 'period') env.usesPeriod = true;
  const get = def.get;
  if (def.origin === 'builtin' || def.origin === 'attribute') {
    return { text: path, run: env.cache.reader(path, (ctx) => get(ctx) ?? null, def.scope === 'period') };
  }
  // Plugin facts: a throw or a value of the wrong type is the plugin's fault,
  // reported as an evaluation error naming the fact.
  const type = def.type;
  return {
    text: path,
    run: env.cache.reader(path, (ctx) => {
      let v: Value;
      try {
        v = get(ctx) ?? null;
      } catch (err) {
        if (err instanceof EvaluationFailure) throw err;
        throw new EvaluationFailure('PV4004', { kind: 'fact', name: path, error: errorText(err) });
      }
      if (v !== null && !fitsType(v, type)) {
        throw new EvaluationFailure('PV4008', { what: `fact ${path}`, actual: `${aKind(v)} (${valueText(v)})`, expected: typeText(type) });
      }
      return v;
    }, def.scope === 'period'),
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function compileCall(name: string, args: Node[], env: Env): Node {
  const def: FunctionDef | undefined = env.registry.function(name);
  if (!def) throw new CompileError(`unknown function ${name}`);
  const text = `${name}(${args.map((a) => a.text).join(', ')})`;
  const impl = def.impl;
  const returns = def.returns;
  const trusted = def.origin === 'builtin';
  const params = def.params;
  const runs = args.map((a, i) => {
    const r = a.run;
    const optional = params[i]?.optional ?? false;
    const at = a.text;
    return optional ? r : (ctx: LineContext) => need(r(ctx), at, text);
  });
  const call = (values: Value[]): Value => {
    let v: Value;
    try {
      v = impl(...values) ?? null;
    } catch (err) {
      if (err instanceof EvaluationFailure) throw err;
      if (err instanceof RangeError && returns.kind === 'date') throw new EvaluationFailure('PV4005', { what: text, detail: errorText(err) });
      throw new EvaluationFailure('PV4004', { kind: 'function', name, error: errorText(err) });
    }
    if (v !== null && !trusted && !fitsType(v, returns)) {
      if (returns.kind === 'date') throw new EvaluationFailure('PV4005', { what: text, detail: `returned ${JSON.stringify(valueText(v))}` });
      throw new EvaluationFailure('PV4008', { what: text, actual: `${aKind(v)} (${valueText(v)})`, expected: typeText(returns) });
    }
    return v;
  };
  if (runs.length === 1) {
    const [a] = runs;
    return { text, run: (ctx) => call([a(ctx)]) };
  }
  return { text, run: (ctx) => call(runs.map((r) => r(ctx))) };
}

function compileBinary(op: string, left: Node, right: Node): Node {
  const text = `${left.text} ${op} ${right.text}`;
  const l = left.run;
  const r = right.run;
  const lt = left.text;
  const rt = right.text;
  switch (op) {
    case 'and':
      return {
        text,
        run: (ctx) => {
          const a = l(ctx);
          if (a === false) return false;
          if (a !== true) return failBool(a, lt, text);
          const b = r(ctx);
          return b === true || b === false ? b : failBool(b, rt, text);
        },
      };
    case 'or':
      return {
        text,
        run: (ctx) => {
          const a = l(ctx);
          if (a === true) return true;
          if (a !== false) return failBool(a, lt, text);
          const b = r(ctx);
          return b === true || b === false ? b : failBool(b, rt, text);
        },
      };
    case '=':
    case '!=': {
      const negate = op === '!=';
      const c = right.constant?.value;
      if (typeof c === 'string') {
        // the common `field = "text"`: one read, one string comparison
        return {
          text,
          run: (ctx) => {
            const a = l(ctx);
            if (typeof a === 'string') return (a === c) !== negate;
            return need(a, lt, text) && mismatch(text, a, c);
          },
        };
      }
      return { text, run: (ctx) => equal(need(l(ctx), lt, text), need(r(ctx), rt, text), text) !== negate };
    }
    case '<':
      return { text, run: (ctx) => order(need(l(ctx), lt, text), need(r(ctx), rt, text), text, text) < 0 };
    case '<=':
      return { text, run: (ctx) => order(need(l(ctx), lt, text), need(r(ctx), rt, text), text, text) <= 0 };
    case '>':
      return { text, run: (ctx) => order(need(l(ctx), lt, text), need(r(ctx), rt, text), text, text) > 0 };
    case '>=':
      return { text, run: (ctx) => order(need(l(ctx), lt, text), need(r(ctx), rt, text), text, text) >= 0 };
    case '+':
    case '-': {
      const sign = op === '+' ? 1 : -1;
      return {
        text,
        run: (ctx) => {
          const a = need(l(ctx), lt, text);
          const b = need(r(ctx), rt, text);
          if (isDecimal(a) && isDecimal(b)) return sign === 1 ? a.plus(b) : a.minus(b);
          if (typeof a === 'string' && isDuration(b)) return dateShift(a, b, sign, text);
          if (sign === 1 && isDuration(a) && typeof b === 'string') return dateShift(b, a, 1, text);
          throw new EvaluationFailure('PV4010', { what: text, detail: `cannot compute ${aKind(a)} ${op} ${aKind(b)} (only decimal arithmetic and date +/- duration)` });
        },
      };
    }
    case '*':
      return { text, run: (ctx) => decimalOf(l(ctx), lt, text).times(decimalOf(r(ctx), rt, text)) };
    case '/':
      return {
        text,
        run: (ctx) => {
          const a = decimalOf(l(ctx), lt, text);
          const b = decimalOf(r(ctx), rt, text);
          if (b.isZero()) throw new EvaluationFailure('PV4003', { what: text });
          return a.div(b);
        },
      };
  }
  throw new CompileError(`unknown operator ${op}`);
}

function dateShift(date: string, d: DurationValue, sign: 1 | -1, text: string): string {
  const out = isIsoDate(date) ? addDuration(date, d, sign) : null;
  if (out === null) throw new EvaluationFailure('PV4005', { what: text, detail: `${date} ${sign === 1 ? '+' : '-'} ${valueText(d)}` });
  return out;
}

function compileIn(left: Node, list: Node, negated: boolean): Node {
  const text = `${left.text} ${negated ? 'not in' : 'in'} ${list.text}`;
  const l = left.run;
  const lt = left.text;
  const c = list.constant?.value;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string')) {
    const set = new Set(c as string[]);
    return {
      text,
      run: (ctx) => {
        const a = l(ctx);
        if (typeof a === 'string') return set.has(a) !== negated;
        return need(a, lt, text) && mismatch(text, a, c[0] ?? null);
      },
    };
  }
  const r = list.run;
  return {
    text,
    run: (ctx) => {
      const a = need(l(ctx), lt, text);
      const items = need(r(ctx), list.text, text);
      if (!Array.isArray(items)) throw new EvaluationFailure('PV4008', { what: list.text, actual: aKind(items), expected: 'a list' });
      let found = false;
      for (const x of items) {
        if (x !== null && equal(a, x, text)) {
          found = true;
          break;
        }
      }
      return found !== negated;
    },
  };
}

function compileWordOperator(name: string, left: Node, right: Node, env: Env): Node {
  const def = env.registry.operator(name);
  if (!def) throw new CompileError(`unknown operator ${name}`);
  const text = `${left.text} ${name} ${right.text}`;
  const test = def.test;
  const l = left.run;
  const r = right.run;
  return {
    text,
    run: (ctx) => {
      const a = need(l(ctx), left.text, text);
      const b = need(r(ctx), right.text, text);
      let v: unknown;
      try {
        v = test(a, b);
      } catch (err) {
        if (err instanceof EvaluationFailure) throw err;
        if (err instanceof OperatorTypeError) throw new EvaluationFailure('PV4010', { what: text, detail: err.message });
        throw new EvaluationFailure('PV4004', { kind: 'operator', name, error: errorText(err) });
      }
      if (v === true || v === false) return v;
      throw new EvaluationFailure('PV4010', { what: text, detail: `operator ${name} returned ${typeof v}, not true or false` });
    },
  };
}
