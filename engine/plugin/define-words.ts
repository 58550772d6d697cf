// The typed constructors of the plugin kit. Each returns the registry's
// definition (engine/vocabulary/plugin-api.ts) unchanged at run time; at
// compile time it infers `impl`/`get`/`test` argument types from the declared
// DSL types, so a plugin's code is checked against its own signature.
import type { DslType } from '../../dsl/vocabulary/vocabulary-types.js';
import type { LineContext } from '../results/line-context.js';
import type { FactDef, FunctionDef, OperatorDef, ProrationMethodDef, RoundingModeDef } from '../vocabulary/plugin-api.js';
import type { WordCheck } from './word-check.js';
import type { ArgsOf, ParamDecl, ValueOf } from './word-types.js';

interface WordDocs {
  readonly doc: string;
  /** Policy snippets shown in hover and the generated vocabulary reference. */
  readonly examples?: readonly string[];
}

export interface FunctionDecl<P extends readonly ParamDecl[], R extends DslType> extends WordDocs {
  readonly name: string;
  readonly params: P;
  readonly returns: R;
  /** Called with one value per parameter (null only for an optional parameter left out). Pure: no I/O, no clock. */
  readonly impl: (...args: ArgsOf<P>) => ValueOf<R> | null;
  /** Optional static check of each call, run with the DSL checker (diagnostic PV2901/PV2902). */
  readonly check?: WordCheck;
}

export function defineFunction<const P extends readonly ParamDecl[], const R extends DslType>(decl: FunctionDecl<P, R>): FunctionDef {
  return decl as unknown as FunctionDef;
}

export interface FactDecl<T extends DslType> extends WordDocs {
  /** Dotted path as written in a policy, e.g. `account.paymentTerms`. */
  readonly path: string;
  readonly type: T;
  /** True when the fact may be absent on a line (`get` may return null). */
  readonly optional?: boolean;
  /** `period` facts exist only in per-period evaluation. */
  readonly scope?: 'line' | 'period';
  readonly get: (ctx: LineContext) => ValueOf<T> | null;
}

export function defineFact<const T extends DslType>(decl: FactDecl<T>): FactDef {
  return { optional: false, ...decl } as unknown as FactDef;
}

export interface OperatorDecl<L extends DslType, R extends DslType> extends WordDocs {
  /** Lower-case words, e.g. `matches` or `starts with`. */
  readonly name: string;
  readonly left: L;
  readonly right: R;
  /** `left <name> right`; never called with an absent operand. */
  readonly test: (left: ValueOf<L>, right: ValueOf<R>) => boolean;
}

export function defineOperator<const L extends DslType, const R extends DslType>(decl: OperatorDecl<L, R>): OperatorDef {
  return decl as unknown as OperatorDef;
}

export function defineProrationMethod(decl: Omit<ProrationMethodDef, 'origin'>): ProrationMethodDef {
  return decl;
}

/** decimal.js rounding constants (Decimal.ROUND_UP ... Decimal.ROUND_HALF_FLOOR). */
export type DecimalRounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface RoundingModeDecl extends WordDocs {
  /** Lower-case words joined by hyphens, e.g. `ceiling`. */
  readonly name: string;
  readonly decimalRounding: DecimalRounding;
}

export function defineRoundingMode(decl: RoundingModeDecl): RoundingModeDef {
  return decl;
}
