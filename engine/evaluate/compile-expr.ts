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
import {
  DECIMAL_BETWEEN,
  DECIMAL_ORDER,
  fastChain,
  fastLeaf,
  fastNot,
  GREATER,
  GREATER_OR_EQUAL,
  LESS,
  LESS_OR_EQUAL,
  PRESENT,
  STARTS_WITH,
  TEXT_BETWEEN,
  TEXT_EQUALS,
  TEXT_IN,
  TEXT_ORDER,
  fastProgram,
  runProgram,
  type FastFact,
  type FastNode,
  type FastProgram,
} from './fast-condition.js';
import { OPERATORS } from '../vocabulary/builtins/operators.js';
import type { LineContext } from '../results/index.js';

export type Evaluator = (ctx: LineContext) => Value;

/** The built-in `starts with` (a constant prefix takes the fast path). */
const BUILTIN_STARTS_WITH = OPERATORS.find((o) => o.name === 'starts with')?.test;
/** A fact's value as text (valueText), for traces. */
export type TextReader = (ctx: LineContext) => string | null;

export interface CompiledExpr {
  readonly run: Evaluator;
  /** Fact paths the expression reads, in first-use order (for traces). */
  readonly facts: readonly string[];
  /** True when it reads a period-scoped fact (`billingDate`). */
  readonly usesPeriod: boolean;
  /** The expression as text (for messages). */
  readonly text: string;
  /** Set when the value is known at compile time (a literal): what run returns. */
  readonly constant?: { readonly value: Value };
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
  /** True when run always returns true or false (or throws): comparisons,
   * `in`, presence, `not`, `and`/`or`, word operators. */
  readonly bool?: boolean;
  /** For `and`/`or`: the operands of the whole same-operator chain, flattened
   * (`a and b and c` runs as one loop instead of nested closures). */
  readonly chain?: { readonly op: 'and' | 'or'; readonly links: readonly Link[] };
  /** Set when the node is a fact: its cache slot and reader. */
  readonly fact?: FastFact;
  /** Set for a condition node fast-condition.ts can walk (see there). */
  readonly fast?: FastNode;
}

/** One operand of an and/or chain, with the texts its failure names (those
 * of the nested node it belongs to, so messages stay the same as unflattened). */
interface Link {
  readonly run: Evaluator;
  readonly what: string;
  readonly op: string;
  readonly bool: boolean;
  readonly fast?: FastNode;
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
  /** Generation of the line being evaluated; a slot is valid when its stamp equals it.
   * Read (never written) by the condition walk of fast-condition.ts. */
  gen = 1;
  readonly stamps: number[] = [];
  readonly values: Value[] = [];
  private readonly readers = new Map<string, Evaluator>();
  private readonly texts: (string | null)[] = [];
  private readonly textStamps: number[] = [];
  private readonly slots = new Map<string, number>();
  private readonly textOf = new Map<string, TextReader>();
  private readonly traceLists = new Map<readonly string[], TraceTexts>();

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
    this.textStamps.push(0);
    this.texts.push(null);
    this.slots.set(path, slot);
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

  /** The cache slot of a line fact, -1 for a period fact or one no expression reads. */
  slotOf(path: string): number {
    return this.slots.get(path) ?? -1;
  }

  /** The reader of a fact some compiled expression uses, if any. */
  existing(path: string): Evaluator | undefined {
    return this.readers.get(path);
  }

  /**
   * The readers of facts as text (valueText), for traces: one per path,
   * undefined where no compiled expression reads the path. A line fact's text
   * is computed once per line however many trace entries show it; the list is
   * resolved once per `paths` array (a policy's traceFacts).
   */
  textReaders(paths: readonly string[]): readonly (TextReader | undefined)[] {
    return this.traceTexts(paths).readers;
  }

  /**
   * The facts of `paths` as text on ctx's line, `null` when absent or when no
   * compiled expression reads the path, `(error: ...)` when reading fails: a
   * line fact's text already computed for this line is taken from its slot.
   */
  factTexts(paths: readonly string[], ctx: LineContext): Record<string, string | null> {
    this.sync(ctx);
    const { slots, readers } = this.traceTexts(paths);
    const texts = this.texts;
    const textStamps = this.textStamps;
    const gen = this.gen;
    const out: Record<string, string | null> = {};
    for (let i = 0; i < paths.length; i++) {
      const slot = slots[i];
      let text: string | null;
      if (slot >= 0 && textStamps[slot] === gen) text = texts[slot];
      else {
        const read = readers[i];
        try {
          text = read ? read(ctx) : null;
        } catch (e) {
          text = `(error: ${e instanceof Error ? e.message : String(e)})`;
        }
      }
      out[paths[i]] = text;
    }
    return out;
  }

  private traceTexts(paths: readonly string[]): TraceTexts {
    let list = this.traceLists.get(paths);
    if (list === undefined) {
      const readers = paths.map((p) => this.textReader(p));
      // a slot only where a reader exists (its text is computed through that reader)
      const slots = paths.map((p, i) => (readers[i] === undefined ? -1 : this.slotOf(p)));
      list = { readers, slots };
      this.traceLists.set(paths, list);
    }
    return list;
  }

  private textReader(path: string): TextReader | undefined {
    const known = this.textOf.get(path);
    if (known) return known;
    const read = this.readers.get(path);
    if (!read) return undefined;
    const slot = this.slots.get(path);
    let out: TextReader;
    if (slot === undefined) {
      out = (ctx) => valueText(read(ctx)); // period-scoped: never cached
    } else {
      const texts = this.texts;
      const textStamps = this.textStamps;
      out = (ctx) => {
        const v = read(ctx); // syncs the cache with ctx
        if (textStamps[slot] === this.gen) return texts[slot];
        const t = valueText(v);
        texts[slot] = t;
        textStamps[slot] = this.gen;
        return t;
      };
    }
    this.textOf.set(path, out);
    return out;
  }
}

/** How factTexts reads one policy's trace facts. */
interface TraceTexts {
  readonly readers: readonly (TextReader | undefined)[];
  /** Cache slot per path, -1 for a period fact or a path no expression reads. */
  readonly slots: readonly number[];
}

interface Env {
  readonly registry: Registry;
  readonly cache: FactCache;
  readonly facts: string[];
  usesPeriod: boolean;
}

export function compileExpr(expr: Expr, registry: Registry, cache: FactCache = new FactCache()): CompiledExpr {
  return compileTop(expr, registry, cache).compiled;
}

function compileTop(expr: Expr, registry: Registry, cache: FactCache): { compiled: CompiledExpr; node: Node } {
  const env: Env = { registry, cache, facts: [], usesPeriod: false };
  const node = compile(expr, env);
  const compiled: CompiledExpr = { run: node.run, facts: env.facts, usesPeriod: env.usesPeriod, text: node.text };
  return { compiled: node.constant ? { ...compiled, constant: node.constant } : compiled, node };
}

/** Compiles a condition: the closure returns a boolean, or throws when the
 * condition has no value (a missing boolean fact) or is not a boolean. */
export function compileCondition(
  expr: Expr,
  registry: Registry,
  clause: string,
  cache: FactCache = new FactCache(),
): CompiledExpr & { readonly test: (ctx: LineContext) => boolean; readonly program?: FastProgram } {
  const { compiled: c, node } = compileTop(expr, registry, cache);
  const run = c.run;
  const text = c.text;
  let test: (ctx: LineContext) => boolean;
  if (node.fast !== undefined) {
    // `fact op constant` leaves under and/or/not: run as leaf tests with jumps (same answers, same failures)
    const program = fastProgram(node.fast, cache);
    test = (ctx) => {
      cache.sync(ctx);
      return runProgram(program, ctx);
    };
    return { ...c, test, program };
  } else if (node.bool) {
    test = run as (ctx: LineContext) => boolean; // always a boolean: no check needed
  } else {
    test = (ctx) => {
      const v = run(ctx);
      if (v === true || v === false) return v;
      return failBool(v, text, clause);
    };
  }
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
      return { ...constant(e.value, String(e.value)), bool: true };
    case 'ListLiteral': {
      const items = e.items.map((i) => compile(i, env));
      const text = `[${items.map((i) => i.text).join(', ')}]`;
      if (items.every((i) => i.constant)) return constant(Object.freeze(items.map((i) => i.constant!.value)), text);
      const runs = items.map((i) => i.run);
      return { run: (ctx) => runs.map((r) => r(ctx)), text };
    }
    case 'ParenExpr': {
      const inner = compile(e.inner, env);
      return { run: inner.run, text: `(${inner.text})`, constant: inner.constant, bool: inner.bool, chain: inner.chain, fact: inner.fact, fast: inner.fast };
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
        const not: Evaluator = (ctx) => {
          const v = run(ctx);
          if (v === true) return false;
          if (v === false) return true;
          return failBool(v, operand.text, text);
        };
        return { text, bool: true, run: not, fast: operand.fast && fastNot(not, operand.fast) };
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
      const test: Evaluator = e.present ? (ctx) => run(ctx) !== null : (ctx) => run(ctx) === null;
      return { text, bool: true, run: test, fast: operand.fact && fastLeaf(PRESENT, test, operand.fact, { negate: !e.present }) };
    }
    case 'BetweenExpr': {
      const x = compile(e.operand, env);
      const lo = compile(e.low, env);
      const hi = compile(e.high, env);
      const text = `${x.text} between ${lo.text} and ${hi.text}`;
      const [rx, rl, rh] = [x.run, lo.run, hi.run];
      const general = (v: Exclude<Value, null>, ctx: LineContext): boolean =>
        order(v, need(rl(ctx), lo.text, text), text, text) >= 0 && order(v, need(rh(ctx), hi.text, text), text, text) <= 0;
      const cl = lo.constant?.value;
      const ch = hi.constant?.value;
      if (typeof cl === 'string' && typeof ch === 'string') {
        // `billingDate between 2026-12-24 and 2027-01-03`: text against constant text
        const between: Evaluator = (ctx) => {
          const v = need(rx(ctx), x.text, text);
          return typeof v === 'string' ? v >= cl && v <= ch : general(v, ctx);
        };
        return { text, bool: true, run: between, fast: x.fact && fastLeaf(TEXT_BETWEEN, between, x.fact, { text: cl, high: ch }) };
      }
      if (cl instanceof Dec && ch instanceof Dec) {
        const between: Evaluator = (ctx) => {
          const v = need(rx(ctx), x.text, text);
          return v instanceof Dec ? compareDecimals(v, cl) >= 0 && compareDecimals(v, ch) <= 0 : general(v, ctx);
        };
        return { text, bool: true, run: between, fast: x.fact && fastLeaf(DECIMAL_BETWEEN, between, x.fact, { decimal: cl, decimalHigh: ch }) };
      }
      return {
        text,
        bool: true,
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
    const run = env.cache.reader(path, (ctx) => get(ctx) ?? null, def.scope === 'period');
    return { text: path, run, fact: { slot: env.cache.slotOf(path), read: run, pure: true } };
  }
  // Plugin facts: a throw or a value of the wrong type is the plugin's fault,
  // reported as an evaluation error naming the fact.
  const type = def.type;
  const run = env.cache.reader(
    path,
    (ctx) => {
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
    },
    def.scope === 'period',
  );
  return { text: path, run, fact: { slot: env.cache.slotOf(path), read: run, pure: false } };
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
    case 'or':
      return compileChain(op, text, [...linksOf(left, op, text), ...linksOf(right, op, text)]);
    case '=':
    case '!=': {
      const negate = op === '!=';
      const c = right.constant?.value;
      if (typeof c === 'string') {
        // the common `field = "text"`: one read, one string comparison
        const equals: Evaluator = (ctx) => {
          const a = l(ctx);
          if (typeof a === 'string') return (a === c) !== negate;
          return need(a, lt, text) && mismatch(text, a, c);
        };
        return { text, bool: true, run: equals, fast: left.fact && fastLeaf(TEXT_EQUALS, equals, left.fact, { text: c, negate }) };
      }
      return { text, bool: true, run: (ctx) => equal(need(l(ctx), lt, text), need(r(ctx), rt, text), text) !== negate };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compileOrder(op, text, left, right);
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

/** `<`, `<=`, `>`, `>=`. Against a constant decimal or text (the common
 * `line.quantity > 5`, `line.startDate < 2025-01-01`), a value of the same
 * kind is compared directly; anything else takes the general path (same
 * order, same failures). */
function compileOrder(op: '<' | '<=' | '>' | '>=', text: string, left: Node, right: Node): Node {
  const l = left.run;
  const r = right.run;
  const lt = left.text;
  const rt = right.text;
  const holds = op === '<' ? (o: number) => o < 0 : op === '<=' ? (o: number) => o <= 0 : op === '>' ? (o: number) => o > 0 : (o: number) => o >= 0;
  const c = right.constant?.value;
  const order_ = op === '<' ? LESS : op === '<=' ? LESS_OR_EQUAL : op === '>' ? GREATER : GREATER_OR_EQUAL;
  const node = (run: Evaluator, fast: FastNode | undefined): Node => ({ text, bool: true, run, fast });
  if (c instanceof Dec) {
    const general = (a: Value): boolean => holds(order(need(a, lt, text), c, text, text));
    const fast = (run: Evaluator) => node(run, left.fact && fastLeaf(DECIMAL_ORDER, run, left.fact, { decimal: c, order: order_ }));
    switch (op) {
      case '<':
        return fast((ctx) => { const a = l(ctx); return a instanceof Dec ? compareDecimals(a, c) < 0 : general(a); });
      case '<=':
        return fast((ctx) => { const a = l(ctx); return a instanceof Dec ? compareDecimals(a, c) <= 0 : general(a); });
      case '>':
        return fast((ctx) => { const a = l(ctx); return a instanceof Dec ? compareDecimals(a, c) > 0 : general(a); });
      case '>=':
        return fast((ctx) => { const a = l(ctx); return a instanceof Dec ? compareDecimals(a, c) >= 0 : general(a); });
    }
  }
  if (typeof c === 'string') {
    const general = (a: Value): boolean => holds(order(need(a, lt, text), c, text, text));
    const fast = (run: Evaluator) => node(run, left.fact && fastLeaf(TEXT_ORDER, run, left.fact, { text: c, order: order_ }));
    switch (op) {
      case '<':
        return fast((ctx) => { const a = l(ctx); return typeof a === 'string' ? a < c : general(a); });
      case '<=':
        return fast((ctx) => { const a = l(ctx); return typeof a === 'string' ? a <= c : general(a); });
      case '>':
        return fast((ctx) => { const a = l(ctx); return typeof a === 'string' ? a > c : general(a); });
      case '>=':
        return fast((ctx) => { const a = l(ctx); return typeof a === 'string' ? a >= c : general(a); });
    }
  }
  return { text, bool: true, run: (ctx) => holds(order(need(l(ctx), lt, text), need(r(ctx), rt, text), text, text)) };
}

function linksOf(n: Node, op: 'and' | 'or', text: string): readonly Link[] {
  if (n.chain !== undefined && n.chain.op === op) return n.chain.links;
  return [{ run: n.run, what: n.text, op: text, bool: n.bool === true, fast: n.fast }];
}

/** `a and b and ...` (or `or`): left to right, stopping at the first operand
 * that decides (false for and, true for or); an operand that is not a
 * boolean fails naming itself and the operation it is an operand of. */
function compileChain(op: 'and' | 'or', text: string, links: readonly Link[]): Node {
  const stop = op === 'or'; // the value that decides the chain
  const chain = { op, links };
  const runs = links.map((k) => k.run);
  const n = runs.length;
  if (links.every((k) => k.bool)) {
    let run: Evaluator;
    if (n === 2) {
      const [a, b] = runs;
      run = stop ? (ctx) => a(ctx) === true || b(ctx) : (ctx) => a(ctx) === true && b(ctx);
    } else {
      run = (ctx) => {
        for (let i = 0; i < n; i++) if (runs[i](ctx) === stop) return stop;
        return !stop;
      };
    }
    return { text, bool: true, chain, run, fast: fastChain(run, stop, links) };
  }
  return {
    text,
    bool: true,
    chain,
    run: (ctx) => {
      for (let i = 0; i < n; i++) {
        const v = runs[i](ctx);
        if (v === stop) return stop;
        if (v !== !stop) return failBool(v, links[i].what, links[i].op);
      }
      return !stop;
    },
  };
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
    const member: Evaluator = (ctx) => {
      const a = l(ctx);
      if (typeof a === 'string') return set.has(a) !== negated;
      return need(a, lt, text) && mismatch(text, a, c[0] ?? null);
    };
    return { text, bool: true, run: member, fast: left.fact && fastLeaf(TEXT_IN, member, left.fact, { set, negate: negated }) };
  }
  const r = list.run;
  return {
    text,
    bool: true,
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
  const run: Evaluator = (ctx) => {
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
  };
  const c = right.constant?.value;
  // the built-in `starts with` against constant text: a string's startsWith
  const startsWith = test === BUILTIN_STARTS_WITH && typeof c === 'string' && left.fact;
  return { text, bool: true, run, fast: startsWith ? fastLeaf(STARTS_WITH, run, startsWith, { text: c }) : undefined };
}

