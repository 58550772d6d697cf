// The vocabulary the DSL binder and checker resolve names against. It holds
// signatures only (types and docs); implementations live in engine/vocabulary,
// which exports a Vocabulary built from its registry. dsl/ never imports engine/.

export type DslType =
  | { readonly kind: 'string' }
  | { readonly kind: 'decimal' }
  | { readonly kind: 'date' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'list'; readonly element: DslType }
  /** A closed set of strings (declared attribute with allowed values, billingFrequency, ...). */
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  /** Accepts anything (use sparingly, e.g. `coalesce`). */
  | { readonly kind: 'any' };

export interface FactSignature {
  /** Dotted path as written in a policy: `account.region`, `line.quantity`, `today`. */
  readonly path: string;
  readonly type: DslType;
  /** True when the fact may be absent on a line (then `is present` is meaningful). */
  readonly optional: boolean;
  readonly doc: string;
  /** `period`: only defined in per-period evaluation (`billingDate`). */
  readonly scope?: 'line' | 'period';
  /** `builtin`, or `attribute` for declared custom attributes, or a plugin name. */
  readonly origin?: string;
}

export interface ParamSignature {
  readonly name: string;
  readonly type: DslType;
  readonly optional?: boolean;
}

export interface FunctionSignature {
  readonly name: string;
  readonly params: readonly ParamSignature[];
  readonly returns: DslType;
  readonly doc: string;
  readonly examples?: readonly string[];
  readonly origin?: string;
}

/** A word operator used infix: `left <name> right` (e.g. `contains`, `starts with`). */
export interface OperatorSignature {
  readonly name: string;
  readonly left: DslType;
  readonly right: DslType;
  readonly doc: string;
  readonly examples?: readonly string[];
  readonly origin?: string;
}

export interface ProrationMethodSignature {
  readonly name: string;
  readonly doc: string;
  readonly origin?: string;
}

export interface Vocabulary {
  readonly facts: readonly FactSignature[];
  readonly functions: readonly FunctionSignature[];
  readonly operators: readonly OperatorSignature[];
  readonly prorationMethods: readonly ProrationMethodSignature[];
  /** `half-up`, `half-even`, `up`, `down` (and any a plugin adds). */
  readonly roundingModes: readonly string[];
}
