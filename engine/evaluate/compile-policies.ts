// Compiles a checked PolicyModel once into a CompiledPolicySet: each policy's
// condition and statement expressions become closures, and the policies are
// split into what is decided once per line (scope, holds, billing day,
// alignment, proration) and what is decided per period (billing-date
// overrides, and anything whose condition reads `billingDate`). Each of the
// two lists gets an ApplicabilityIndex (applicability-index.ts) that tells
// the evaluators which of its policies to consider on a line.
import type { PolicyModel, CheckedPolicy } from '../../dsl/check/policy-model.js';
import type { Registry } from '../vocabulary/registry.js';
import { isIsoDate } from '../vocabulary/runtime-values.js';
import { CompileError, compileCondition, compileExpr, FactCache, type CompiledExpr } from './compile-expr.js';
import type { LineContext } from '../results/index.js';
import { runProgram, type FastProgram } from './fast-condition.js';
import { ApplicabilityIndex } from './applicability-index.js';

export type CompiledCondition = CompiledExpr & {
  readonly test: (ctx: LineContext) => boolean;
  /** The condition as leaf tests (fast-condition.ts), when it has that shape; see conditionHolds. */
  readonly program?: FastProgram;
};

/** c.test(ctx), run through its program when the program reads `cache` and the
 * caller has made `cache` follow ctx (evaluateLine's begin, evaluatePeriod's sync). */
export function conditionHolds(c: CompiledCondition, ctx: LineContext, cache: FactCache): boolean {
  const program = c.program;
  return program !== undefined && program.cache === cache ? runProgram(program, ctx) : c.test(ctx);
}

export interface CompiledHold {
  readonly until?: CompiledCondition;
  readonly reason: string;
  /** Decided per period: the policy's condition or the `until` reads billingDate. */
  readonly perPeriod: boolean;
}

export type CompiledBillingDay =
  | { readonly kind: 'fixed'; readonly value: number | 'last' }
  | { readonly kind: 'expr'; readonly expr: CompiledExpr };

export interface ProrateSetting {
  readonly method: string;
  readonly rounding?: string;
  readonly precision?: number;
}

export interface CompiledPolicy {
  /** Display name: the policy name, with `@v<n>` when a version was given. */
  readonly name: string;
  readonly policy: CheckedPolicy;
  readonly priority: number;
  /** Undefined: applies to every line. */
  readonly when?: CompiledCondition;
  /** True when the `when` condition reads billingDate (decided per period). */
  readonly perPeriod: boolean;
  readonly holds: readonly CompiledHold[];
  readonly billingDay?: CompiledBillingDay;
  readonly align?: 'own' | 'original';
  readonly prorate?: ProrateSetting;
  readonly override?: {
    readonly target: CompiledExpr;
    readonly reason?: string;
    /** The target when it is a date literal (checked when compiled): no run, no check per period. */
    readonly date?: string;
  };
  /** Facts the decision depends on (condition first), for traces. */
  readonly traceFacts: readonly string[];
}

export interface CompiledPolicySet {
  readonly registry: Registry;
  /** Per-line fact values shared by all policies of the set (see FactCache). */
  readonly cache: FactCache;
  readonly policies: readonly CompiledPolicy[];
  /** Policies evaluated by evaluateLine (their condition does not read billingDate). */
  readonly linePolicies: readonly CompiledPolicy[];
  /** Policies evaluated by evaluatePeriod (overrides, per-period conditions or holds). */
  readonly periodPolicies: readonly CompiledPolicy[];
  /** True when some policy is per period whatever the line (its condition reads billingDate). */
  readonly alwaysPerPeriod: boolean;
  /** Which of linePolicies / periodPolicies can apply to a line, by the first leaf of their conditions. */
  readonly lineIndex: ApplicabilityIndex;
  readonly periodIndex: ApplicabilityIndex;
}

export interface CompileOptions {
  /** Published version of each policy by name; traces then say `name@v<n>`. */
  readonly versions?: Readonly<Record<string, number>>;
}

/** Throws when the model has errors (fix the diagnostics first) or a policy
 * sets a per-line setting under a per-period condition. */
export function compilePolicies(model: PolicyModel, registry: Registry, options: CompileOptions = {}): CompiledPolicySet {
  if (model.hasErrors) {
    const n = model.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CompileError(`Cannot compile policies that have errors (${n} error diagnostic${n === 1 ? '' : 's'}); run \`proviso check\` and fix them first.`);
  }
  const cache = new FactCache();
  const policies = model.policies.map((p) => compilePolicy(p, registry, cache, options.versions?.[p.name]));
  const linePolicies = policies.filter((p) => !p.perPeriod);
  const periodPolicies = policies.filter((p) => p.perPeriod || p.override || p.holds.some((h) => h.perPeriod));
  return {
    registry,
    cache,
    policies,
    linePolicies,
    periodPolicies,
    alwaysPerPeriod: policies.some((p) => p.perPeriod),
    lineIndex: new ApplicabilityIndex(linePolicies.map((p) => p.when)),
    periodIndex: new ApplicabilityIndex(periodPolicies.map((p) => p.when)),
  };
}

function compilePolicy(p: CheckedPolicy, registry: Registry, cache: FactCache, version: number | undefined): CompiledPolicy {
  const name = version === undefined ? p.name : `${p.name}@v${version}`;
  const fail = (what: string): never => {
    throw new CompileError(`Cannot compile policy "${p.name}" (${p.file}): ${what}`);
  };
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof CompileError && !e.message.startsWith('Cannot compile policy')) return fail(e.message);
      throw e;
    }
  };
  return guard(() => {
    const when = p.when ? compileCondition(p.when, registry, 'when', cache) : undefined;
    const perPeriod = when?.usesPeriod ?? false;
    const traceFacts: string[] = [...(when?.facts ?? [])];
    const addFacts = (c: CompiledExpr | undefined) => c?.facts.forEach((f) => traceFacts.includes(f) || traceFacts.push(f));

    const holds: CompiledHold[] = p.holds.map((h) => {
      const until = h.until ? compileCondition(h.until, registry, 'hold billing until', cache) : undefined;
      addFacts(until);
      const reason = h.reason && h.reason.$type === 'StringLiteral' ? h.reason.value : `Held by policy ${name}`;
      return { until, reason, perPeriod: perPeriod || (until?.usesPeriod ?? false) };
    });

    let billingDay: CompiledBillingDay | undefined;
    if (p.billingDay) {
      const day = p.billingDay.day;
      if (day.$type === 'LastDay') billingDay = { kind: 'fixed', value: 'last' };
      else if (day.$type === 'NumberLiteral') {
        const n = Number(day.text);
        if (!Number.isInteger(n) || n < 1 || n > 31) fail(`billing day of month ${day.text} is not 1-31`);
        billingDay = { kind: 'fixed', value: n };
      } else {
        const expr = compileExpr(day, registry, cache);
        if (expr.usesPeriod) fail('billing day of month cannot depend on billingDate (it is decided once per line, before periods exist)');
        addFacts(expr);
        billingDay = { kind: 'expr', expr };
      }
    }
    if (perPeriod && (billingDay || p.align || p.prorate)) {
      fail('its `when` reads billingDate, so it is decided per period, but billing day of month, align amendments and prorate are decided once per line; move them to a policy whose condition does not use billingDate');
    }

    if (p.prorate) {
      if (!registry.prorationMethod(p.prorate.method)) fail(`unknown proration method ${p.prorate.method}`);
      if (p.prorate.rounding !== undefined && !registry.roundingMode(p.prorate.rounding)) fail(`unknown rounding mode ${p.prorate.rounding}`);
    }

    let override: CompiledPolicy['override'];
    if (p.override) {
      const target = compileExpr(p.override.target, registry, cache);
      addFacts(target);
      const reason = p.override.reason && p.override.reason.$type === 'StringLiteral' ? p.override.reason.value : undefined;
      const c = target.constant?.value;
      override = typeof c === 'string' && isIsoDate(c) ? { target, reason, date: c } : { target, reason };
    }

    return {
      name,
      policy: p,
      priority: p.priority,
      when,
      perPeriod,
      holds,
      billingDay,
      align: p.align,
      prorate: p.prorate ? { method: p.prorate.method, rounding: p.prorate.rounding, precision: p.prorate.precision } : undefined,
      override,
      traceFacts,
    };
  });
}
