// The common shape of a policy condition, `fact op constant` leaves joined by
// and / or / not, compiled a second time into a flat program of leaf tests
// (FastProgram): each leaf says where to go when it holds and when it does
// not, so `a and (b or not c)` runs as one loop with no closure call per leaf
// and none per and/or/not. A leaf reads its fact straight from the line's
// FactCache slot and compares in place. Leaves run in the order and with the
// short-circuits of the closures (left to right, stopping where the value is
// decided), so a failing operand fails at the same point.
//
// It only ever takes the happy path. Whenever a fact's value is not of the
// kind the leaf compares (absent, or another type), the leaf calls the
// closure compile-expr.ts built for it, which answers (or fails) exactly as it
// always did; so a condition decides and fails the same with or without this.
import type { Decimal } from 'decimal.js';
import { Dec } from '../money/decimal.js';
import { compareDecimals } from '../vocabulary/decimal-values.js';
import type { Value } from '../vocabulary/runtime-values.js';
import type { Evaluator, FactCache } from './compile-expr.js';
import type { LineContext } from '../results/index.js';

// Node kinds (plain numbers: the walk switches on them).
/** `fact = "text"` (negated: `!=`). */
export const TEXT_EQUALS = 0;
/** `fact in ["a", "b"]` (negated: `not in`). */
export const TEXT_IN = 1;
/** `fact is present` (negated: `is missing`). */
export const PRESENT = 2;
/** `fact < 5`, `<=`, `>`, `>=` against a constant decimal. */
export const DECIMAL_ORDER = 3;
/** The same against constant text or a date. */
export const TEXT_ORDER = 4;
/** `fact between 2026-12-24 and 2027-01-03` (text or dates). */
export const TEXT_BETWEEN = 5;
/** `fact between 1 and 5`. */
export const DECIMAL_BETWEEN = 6;
/** `fact starts with "text"` (the built-in operator). */
export const STARTS_WITH = 7;
/** `a and b and ...` / `a or b or ...`, every operand a boolean node. */
export const CHAIN = 8;
/** `not x` of a boolean node. */
export const NOT = 9;
/** Any other node that always yields a boolean: its closure. */
export const CLOSURE = 10;

// Jump targets that end a program.
export const HOLDS = -1;
export const FAILS = -2;

// Order operators of DECIMAL_ORDER / TEXT_ORDER.
export const LESS = 0;
export const LESS_OR_EQUAL = 1;
export const GREATER = 2;
export const GREATER_OR_EQUAL = 3;

/**
 * One node. A single class with every field (unused ones empty) keeps the
 * walk's property reads monomorphic: every node has the same shape.
 */
export class FastNode {
  negate = false;
  text = '';
  high = '';
  decimal: Decimal | null = null;
  decimalHigh: Decimal | null = null;
  /** LESS .. GREATER_OR_EQUAL. */
  order = LESS;
  set: ReadonlySet<string> | null = null;
  /** CHAIN: true for `or` (true decides), false for `and`. */
  stop = false;
  items: readonly FastNode[] = [];
  /** In a program: the next leaf when this one holds / does not (or HOLDS, FAILS). */
  onTrue = HOLDS;
  onFalse = FAILS;
  /** The fact's reader has no side effects (a built-in or attribute fact), so it may be read ahead. */
  pure = false;

  constructor(
    readonly kind: number,
    /** The compile-expr closure of this node: the answer off the happy path. */
    readonly run: Evaluator,
    /** The fact's FactCache slot, -1 when it is not cached (period facts). */
    readonly slot: number = -1,
    /** The fact's reader (fills the cache on a miss). */
    readonly read: Evaluator = run,
  ) {}
}

type FastFields = Partial<Pick<FastNode, 'negate' | 'text' | 'high' | 'decimal' | 'decimalHigh' | 'order' | 'set' | 'stop' | 'items'>>;

/** A leaf comparing the fact `fact` (whose reader is its slot's filler). */
export function fastLeaf(kind: number, run: Evaluator, fact: FastFact, fields: FastFields): FastNode {
  return Object.assign(new FastNode(kind, run, fact.slot, fact.read), fields, { pure: fact.pure });
}

/** `a and b ...` / `a or b ...` over boolean operands; undefined when none of them is a fast node
 * (the chain's closure is as good then). */
export function fastChain(run: Evaluator, or: boolean, operands: readonly { readonly run: Evaluator; readonly fast?: FastNode }[]): FastNode | undefined {
  if (!operands.some((o) => o.fast !== undefined)) return undefined;
  const items = operands.map((o) => o.fast ?? new FastNode(CLOSURE, o.run));
  return Object.assign(new FastNode(CHAIN, run), { stop: or, items });
}

/** `not x` of a fast node. */
export function fastNot(run: Evaluator, inner: FastNode): FastNode {
  return Object.assign(new FastNode(NOT, run), { items: [inner] });
}

/** A fast leaf over the fact read by `read` (cache slot `slot`, or -1). */
export interface FastFact {
  readonly slot: number;
  readonly read: Evaluator;
  /** A built-in or attribute fact: reading it has no side effects. */
  readonly pure: boolean;
}

/** A condition as leaf tests with jumps; run it with runProgram. */
export interface FastProgram {
  readonly code: readonly FastNode[];
  readonly entry: number;
  /** The cache its leaves read (the compiled policy set's). */
  readonly cache: FactCache;
}

/** The program of a condition tree (its leaves are its instructions: a tree is compiled once). */
export function fastProgram(root: FastNode, cache: FactCache): FastProgram {
  const code: FastNode[] = [];
  // Emits n so that it continues at t when it holds and at f when not; returns its first
  // instruction. An and/or chain is emitted last operand first, so each operand knows
  // where the next one starts.
  const emit = (n: FastNode, t: number, f: number): number => {
    if (n.kind === CHAIN) {
      let next = emit(n.items[n.items.length - 1], t, f);
      for (let i = n.items.length - 2; i >= 0; i--) next = n.stop ? emit(n.items[i], t, next) : emit(n.items[i], next, f);
      return next;
    }
    if (n.kind === NOT) return emit(n.items[0], f, t);
    n.onTrue = t;
    n.onFalse = f;
    code.push(n);
    return code.length - 1;
  };
  const entry = emit(root, HOLDS, FAILS);
  return { code, entry, cache };
}

/** The condition's value for ctx: same result, same failures as its closure.
 * The program's cache must follow ctx (FactCache.begin or sync) before the call. */
export function runProgram(program: FastProgram, ctx: LineContext): boolean {
  const code = program.code;
  const cache = program.cache;
  const stamps = cache.stamps;
  const values = cache.values;
  let pc = program.entry;
  for (;;) {
    const n = code[pc];
    let r: boolean;
    if (n.kind === CLOSURE) r = n.run(ctx) as boolean;
    else {
      // the leaf's fact: from its slot when already read on this line, else through its reader
      const slot = n.slot;
      const a = slot >= 0 && stamps[slot] === cache.gen ? values[slot] : n.read(ctx);
      r = leafHolds(n, a, ctx);
    }
    pc = r ? n.onTrue : n.onFalse;
    if (pc < 0) return pc === HOLDS;
  }
}

/** What leafValue answers when the leaf's closure must decide (the value is not of the kind it compares). */
export const UNDECIDED = 2;

/** A leaf on its fact's value `a`; off the happy path, the leaf's closure. */
function leafHolds(n: FastNode, a: Value, ctx: LineContext): boolean {
  const r = leafValue(n, a);
  return r === UNDECIDED ? (n.run(ctx) as boolean) : r === 1;
}

/**
 * A leaf on its fact's value `a` without running anything: 1 when it holds,
 * 0 when not, UNDECIDED when its closure must answer (or fail). A function of
 * the value alone, so applicability-index.ts may remember it per value.
 */
export function leafValue(n: FastNode, a: Value): number {
  switch (n.kind) {
    case TEXT_EQUALS:
      return typeof a === 'string' ? bit((a === n.text) !== n.negate) : UNDECIDED;
    case TEXT_IN:
      return typeof a === 'string' ? bit(n.set!.has(a) !== n.negate) : UNDECIDED;
    case PRESENT:
      return bit((a !== null) !== n.negate);
    case DECIMAL_ORDER:
      return a instanceof Dec ? bit(holds(n.order, compareDecimals(a, n.decimal!))) : UNDECIDED;
    case TEXT_ORDER: {
      if (typeof a !== 'string') return UNDECIDED;
      const c = n.text;
      switch (n.order) {
        case LESS:
          return bit(a < c);
        case LESS_OR_EQUAL:
          return bit(a <= c);
        case GREATER:
          return bit(a > c);
        default:
          return bit(a >= c);
      }
    }
    case TEXT_BETWEEN:
      return typeof a === 'string' ? bit(a >= n.text && a <= n.high) : UNDECIDED;
    case DECIMAL_BETWEEN:
      return a instanceof Dec ? bit(compareDecimals(a, n.decimal!) >= 0 && compareDecimals(a, n.decimalHigh!) <= 0) : UNDECIDED;
    case STARTS_WITH:
      return typeof a === 'string' ? bit(a.startsWith(n.text)) : UNDECIDED;
  }
  return UNDECIDED;
}

const bit = (b: boolean): number => (b ? 1 : 0);

function holds(order: number, o: number): boolean {
  switch (order) {
    case LESS:
      return o < 0;
    case LESS_OR_EQUAL:
      return o <= 0;
    case GREATER:
      return o > 0;
    default:
      return o >= 0; // GREATER_OR_EQUAL
  }
}

