// Type-level mapping from a declared DSL type to the runtime value a plugin's
// code receives and returns (engine/vocabulary/runtime-values.ts):
//   string -> string, decimal -> Decimal, date -> 'YYYY-MM-DD' string,
//   duration -> { amount, unit }, boolean -> boolean, list -> array,
//   enum -> the union of its values, any -> Value.
// `defineFunction` and friends use it so `impl` arguments need no casts.
import type { Decimal } from 'decimal.js';
import type { DslType } from '../../dsl/vocabulary/vocabulary-types.js';
import type { DurationValue, Value } from '../vocabulary/runtime-values.js';

/** An ISO calendar date `YYYY-MM-DD` (a string at run time). */
export type IsoDate = string;

export type ValueOf<T> = T extends { readonly kind: 'string' }
  ? string
  : T extends { readonly kind: 'decimal' }
    ? Decimal
    : T extends { readonly kind: 'date' }
      ? IsoDate
      : T extends { readonly kind: 'duration' }
        ? DurationValue
        : T extends { readonly kind: 'boolean' }
          ? boolean
          : T extends { readonly kind: 'list'; readonly element: infer E }
            ? readonly ValueOf<E>[]
            : T extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
              ? V
              : Value;

export interface ParamDecl {
  readonly name: string;
  readonly type: DslType;
  readonly optional?: boolean;
}

/** The `impl` argument list for declared parameters (optional ones may be null). */
export type ArgsOf<P extends readonly ParamDecl[]> = {
  -readonly [K in keyof P]: P[K] extends { readonly type: infer T; readonly optional: true } ? ValueOf<T> | null : P[K] extends { readonly type: infer T } ? ValueOf<T> : never;
};

/** Type builders, so a declaration reads `t.date` or `t.list(t.string)`. */
export const t = {
  string: { kind: 'string' },
  decimal: { kind: 'decimal' },
  date: { kind: 'date' },
  duration: { kind: 'duration' },
  boolean: { kind: 'boolean' },
  any: { kind: 'any' },
  list: <const E extends DslType>(element: E) => ({ kind: 'list', element }) as const,
  enum: <const V extends readonly [string, ...string[]]>(name: string, values: V) => ({ kind: 'enum', name, values }) as const,
} as const;
