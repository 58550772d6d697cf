// The subset of the json-rules-engine (v7) rule format Proviso writes and reads.
// See https://github.com/CacheControl/json-rules-engine/blob/master/docs/rules.md

export type JreValue = string | number | boolean | null | readonly JreValue[] | JreFactRef;

/** A fact reference used as a comparison value ("comparing facts"). */
export interface JreFactRef {
  readonly fact: string;
  readonly path?: string;
  readonly params?: Record<string, unknown>;
}

export interface JreLeaf {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  readonly value: JreValue;
  readonly params?: Record<string, unknown>;
}

export type JreCondition =
  | { readonly all: readonly JreCondition[] }
  | { readonly any: readonly JreCondition[] }
  | { readonly not: JreCondition }
  | { readonly condition: string }
  | JreLeaf;

export interface JreEvent {
  readonly type: string;
  readonly params?: Record<string, unknown>;
}

export interface JreRule {
  readonly name?: string;
  readonly priority?: number;
  readonly conditions: JreCondition;
  readonly event: JreEvent;
}

/** What `proviso export --format json-rules-engine` writes. `rules` can be fed to
 * `engine.addRule()` one by one once the custom operators are registered. */
export interface JreExport {
  readonly format: 'json-rules-engine';
  /** Facts the rules read: `account`, `contract`, `order`, `line`, `product` are
   * objects (attributes flattened in, decimals as JSON numbers, absent values null);
   * `today` and `billingDate` are `YYYY-MM-DD` strings. */
  readonly facts: Readonly<Record<string, string>>;
  /** Custom operators the rules use, with what they do (register with `engine.addOperator`). */
  readonly customOperators: Readonly<Record<string, string>>;
  readonly rules: readonly JreRule[];
}

/** Custom operators Proviso's export uses for DSL word operators json-rules-engine lacks. */
export const JRE_CUSTOM_OPERATORS: Readonly<Record<string, { readonly doc: string; readonly fn: (fact: unknown, value: unknown) => boolean }>> = {
  startsWith: {
    doc: 'fact is a string that starts with value (DSL `starts with`)',
    fn: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  },
  endsWith: {
    doc: 'fact is a string that ends with value (DSL `ends with`)',
    fn: (a, b) => typeof a === 'string' && typeof b === 'string' && a.endsWith(b),
  },
  stringContains: {
    doc: 'fact is a string that contains value (DSL `contains` on strings; json-rules-engine `contains` is for arrays)',
    fn: (a, b) => typeof a === 'string' && typeof b === 'string' && a.includes(b),
  },
};

/** json-rules-engine built-in operator <-> DSL comparison. */
export const JRE_COMPARISONS = {
  '=': 'equal',
  '!=': 'notEqual',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
} as const;

export const MIRRORED: Readonly<Record<string, string>> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
