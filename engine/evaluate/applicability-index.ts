// Which policies of a list apply to a line, decided for many policies at
// once instead of running their conditions one by one.
//
// A condition's program (fast-condition.ts) starts with a run of leaf tests
// each of which ends the program as false when it does not pass: the leaves
// of a top `and` chain (`not x` passes when x does not hold). Call that run
// the condition's prefix; when it is the whole program (a chain of leaves,
// or one leaf), the condition holds exactly when every prefix leaf passes.
// A leaf compares one fact with constants, and on a value of the kind it
// compares it answers from the value alone (leafValue); on any other value
// its closure decides (and may fail). So, per fact read by prefix leaves and
// per value of it, two bit masks (one bit per policy) say which policies have
// a prefix leaf on that fact that fails, and which have one the value leaves
// undecided. They are computed on the first sight of a value and kept.
//
// Per line each such fact is read once (through the cached reader the leaves
// use) and the masks of its value are or-ed together. A policy with a
// failing prefix leaf and no undecided one does not apply: its program would
// have stopped at the first failing leaf, every leaf before it decided
// without its closure. A policy whose whole condition is its prefix, with
// neither, applies without running. Every other policy runs its condition
// as before, and so fails as before, in its turn.
//
// Only built-in and attribute facts are read ahead (their readers have no
// side effects, and a failing one keeps every policy whose prefix reads it
// running); a prefix stops at a leaf over a plugin fact or at a closure.
import type { Value } from '../vocabulary/runtime-values.js';
import type { LineContext } from '../results/index.js';
import type { CompiledCondition } from './compile-policies.js';
import type { Evaluator } from './compile-expr.js';
import { CLOSURE, FAILS, HOLDS, leafValue, UNDECIDED, type FastNode } from './fast-condition.js';

/** Distinct values remembered per fact; past this a value's masks are computed on each line. */
const MAX_VALUES_PER_FACT = 4096;

/** A prefix leaf: the answer that lets its program go on, and its policy's position. */
interface PrefixLeaf {
  readonly leaf: FastNode;
  readonly passes: number;
  readonly position: number;
}

/** The prefix leaves over one fact. */
class KeyedFact {
  readonly leaves: PrefixLeaf[] = [];
  /**
   * The masks of each value seen so far (text, absent, booleans, and decimals
   * by identity: decimal facts are shared per text, decimal-values.ts), as one
   * array: `words` words of policies with a prefix leaf here that fails on the
   * value, then `words` words of those it leaves undecided.
   */
  private readonly seen = new Map<Value, Int32Array>();
  /** The last value looked up and its masks (neighbouring lines share accounts and orders). */
  private lastValue: Value | undefined = undefined;
  private lastMasks: Int32Array;
  /** When the reader fails: every policy with a prefix leaf here is undecided. */
  readonly failed: Int32Array;

  constructor(
    readonly read: Evaluator,
    private readonly words: number,
  ) {
    this.failed = new Int32Array(2 * words);
    this.lastMasks = this.failed;
  }

  add(leaf: PrefixLeaf): void {
    this.leaves.push(leaf);
    setBit(this.failed, this.words, leaf.position);
  }

  masks(v: Value): Int32Array {
    if (v === this.lastValue) return this.lastMasks;
    let m = this.seen.get(v);
    if (m === undefined) {
      m = this.masksOf(v);
      if (this.seen.size < MAX_VALUES_PER_FACT) this.seen.set(v, m);
    }
    this.lastValue = v;
    this.lastMasks = m;
    return m;
  }

  private masksOf(v: Value): Int32Array {
    const m = new Int32Array(2 * this.words);
    for (const { leaf, passes, position } of this.leaves) {
      const r = leafValue(leaf, v);
      if (r === UNDECIDED) setBit(m, this.words, position);
      else if (r !== passes) setBit(m, 0, position);
    }
    return m;
  }
}

/** Sets the bit of `position` in the mask starting at word `at` of `masks`. */
function setBit(masks: Int32Array, at: number, position: number): void {
  masks[at + (position >>> 5)] |= 1 << (position & 31);
}

/** A condition's prefix (see the header): its leaves with the answer each needs to go on,
 * and whether the prefix is the whole program. */
export function conditionPrefix(when: CompiledCondition | undefined): { leaves: { leaf: FastNode; passes: number }[]; whole: boolean } {
  const leaves: { leaf: FastNode; passes: number }[] = [];
  const program = when?.program;
  if (program === undefined) return { leaves, whole: false };
  let pc = program.entry;
  for (;;) {
    const leaf = program.code[pc];
    if (leaf.kind === CLOSURE || !leaf.pure) return { leaves, whole: false };
    let next: number;
    if (leaf.onFalse === FAILS && leaf.onTrue !== FAILS) {
      leaves.push({ leaf, passes: 1 });
      next = leaf.onTrue;
    } else if (leaf.onTrue === FAILS && leaf.onFalse !== FAILS) {
      leaves.push({ leaf, passes: 0 });
      next = leaf.onFalse;
    } else return { leaves, whole: false };
    if (next === HOLDS) return { leaves, whole: true };
    pc = next;
  }
}

/**
 * The policies of a list (by position) that can apply to a line, and those
 * that apply without running their condition. Built once per compiled list;
 * `decide` fills two masks it reuses, so read them before the next call.
 */
export class ApplicabilityIndex {
  /** Number of 32-bit words of a mask (bit p & 31 of word p >>> 5: position p). */
  readonly words: number;
  /** Every position of the list. */
  private readonly all: Int32Array;
  /** Policies whose condition is its prefix. */
  private readonly whole: Int32Array;
  private readonly keyed: KeyedFact[] = [];
  private readonly fails: Int32Array;
  private readonly undecided: Int32Array;
  /** After decide: the policies to consider, in order. */
  readonly candidates: Int32Array;
  /** After decide: the candidates whose condition holds (no need to run it). */
  readonly holding: Int32Array;

  constructor(conditions: readonly (CompiledCondition | undefined)[]) {
    const words = Math.max(1, Math.ceil(conditions.length / 32));
    this.words = words;
    this.all = new Int32Array(words);
    this.whole = new Int32Array(words);
    this.fails = new Int32Array(words);
    this.undecided = new Int32Array(words);
    this.candidates = new Int32Array(words);
    this.holding = new Int32Array(words);
    const byReader = new Map<Evaluator, KeyedFact>();
    for (let position = 0; position < conditions.length; position++) {
      setBit(this.all, 0, position);
      const prefix = conditionPrefix(conditions[position]);
      if (prefix.whole) setBit(this.whole, 0, position);
      for (const { leaf, passes } of prefix.leaves) {
        let k = byReader.get(leaf.read);
        if (k === undefined) {
          byReader.set(leaf.read, (k = new KeyedFact(leaf.read, words)));
          this.keyed.push(k);
        }
        k.add({ leaf, passes, position });
      }
    }
  }

  /** Number of facts read ahead per line. */
  get keyedFacts(): number {
    return this.keyed.length;
  }

  /** Fills candidates and holding for ctx's line. The caller has made the
   * conditions' cache follow ctx. */
  decide(ctx: LineContext): void {
    const words = this.words;
    const fails = this.fails;
    const undecided = this.undecided;
    fails.fill(0);
    undecided.fill(0);
    const keyed = this.keyed;
    for (let i = 0; i < keyed.length; i++) {
      const k = keyed[i];
      let m: Int32Array;
      try {
        m = k.masks(k.read(ctx));
      } catch {
        m = k.failed; // its policies run, and each reads it again and reports the failure
      }
      for (let w = 0; w < words; w++) {
        fails[w] |= m[w];
        undecided[w] |= m[words + w];
      }
    }
    const all = this.all;
    const whole = this.whole;
    const candidates = this.candidates;
    const holding = this.holding;
    for (let w = 0; w < words; w++) {
      const u = undecided[w];
      candidates[w] = all[w] & ~(fails[w] & ~u);
      holding[w] = whole[w] & ~fails[w] & ~u;
    }
  }
}
