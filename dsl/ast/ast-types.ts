// The abstract syntax tree of a policy file. Every node has a `$type` and a
// source span (UTF-16 offsets into the file text, `end` exclusive); the
// `dsl/spans` module is the only place that converts spans to lines/columns.
//
// Parsing recovers from errors, so any node may be incomplete: a missing
// expression is a `Missing` node (never `undefined`), and optional parts that
// were not written are `undefined`. Later stages skip `Missing` silently (the
// parser already reported it).

export interface Span {
  readonly start: number;
  readonly end: number;
}

interface NodeBase {
  readonly span: Span;
}

/** A name as written, with its own span (policy-local words, method names). */
export interface Name extends NodeBase {
  readonly $type: 'Name';
  readonly text: string;
}

export interface Comment extends NodeBase {
  readonly $type: 'Comment';
  /** The comment including its marker (`# ...` or `// ...`), no line break. */
  readonly text: string;
}

export interface PolicyFile extends NodeBase {
  readonly $type: 'PolicyFile';
  readonly policies: Policy[];
  /** Every comment of the file in source order (the printer re-attaches them). */
  readonly comments: Comment[];
}

export interface Policy extends NodeBase {
  readonly $type: 'Policy';
  /** Missing when recovery lost the name. */
  readonly name: StringLiteral | Missing;
  /** Header clauses and statements in source order (the printer keeps order). */
  readonly items: PolicyItem[];
}

export type PolicyItem =
  | DescriptionClause
  | PriorityClause
  | WhenClause
  | HoldStatement
  | BillingDayStatement
  | OverrideStatement
  | AlignStatement
  | ProrateStatement;

export interface DescriptionClause extends NodeBase {
  readonly $type: 'DescriptionClause';
  readonly text: StringLiteral | Missing;
}

export interface PriorityClause extends NodeBase {
  readonly $type: 'PriorityClause';
  /** An integer literal, possibly negative (`priority -5`). */
  readonly value: NumberLiteral | Missing;
}

export interface WhenClause extends NodeBase {
  readonly $type: 'WhenClause';
  readonly condition: Expr;
}

/** `hold billing [until <cond>] [reason "<text>"]` */
export interface HoldStatement extends NodeBase {
  readonly $type: 'HoldStatement';
  readonly until?: Expr;
  readonly reason?: StringLiteral | Missing;
}

/** `billing day of month <1-31 | last | expr>` */
export interface BillingDayStatement extends NodeBase {
  readonly $type: 'BillingDayStatement';
  readonly day: LastDay | Expr;
}

export interface LastDay extends NodeBase {
  readonly $type: 'LastDay';
}

/** `override billing date to <date expr> [reason "<text>"]` */
export interface OverrideStatement extends NodeBase {
  readonly $type: 'OverrideStatement';
  readonly target: Expr;
  readonly reason?: StringLiteral | Missing;
}

/** `align amendments to own | original` — the mode is a word the checker validates. */
export interface AlignStatement extends NodeBase {
  readonly $type: 'AlignStatement';
  readonly mode: Name | Missing;
}

/** `prorate <method> [rounding <mode>] [precision <int>]`. Hyphenated words
 * (`monthly-daily`, `thirty-360`, `half-even`) are one Name. */
export interface ProrateStatement extends NodeBase {
  readonly $type: 'ProrateStatement';
  readonly method: Name | Missing;
  readonly rounding?: Name | Missing;
  readonly precision?: NumberLiteral | Missing;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | BinaryExpr
  | UnaryExpr
  | InExpr
  | PresenceExpr
  | BetweenExpr
  | WordOperatorExpr
  | ParenExpr
  | CallExpr
  | FieldPath
  | StringLiteral
  | NumberLiteral
  | DateLiteral
  | DurationLiteral
  | BooleanLiteral
  | ListLiteral
  | Missing;

export type BinaryOperator = 'and' | 'or' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

export interface BinaryExpr extends NodeBase {
  readonly $type: 'BinaryExpr';
  readonly op: BinaryOperator;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

export interface UnaryExpr extends NodeBase {
  readonly $type: 'UnaryExpr';
  readonly op: 'not' | '-';
  readonly operand: Expr;
}

/** `x in [..]`, `x not in [..]` (the right side may be any list-typed expression). */
export interface InExpr extends NodeBase {
  readonly $type: 'InExpr';
  readonly negated: boolean;
  readonly left: Expr;
  readonly list: Expr;
}

/** `x is present` / `x is missing` */
export interface PresenceExpr extends NodeBase {
  readonly $type: 'PresenceExpr';
  readonly present: boolean;
  readonly operand: Expr;
}

/** `x between low and high` (inclusive both ends). */
export interface BetweenExpr extends NodeBase {
  readonly $type: 'BetweenExpr';
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
}

/** Word operators from the vocabulary: `contains`, `starts with`, `ends with`,
 * and any operator a plugin registers (written as an identifier between operands). */
export interface WordOperatorExpr extends NodeBase {
  readonly $type: 'WordOperatorExpr';
  /** Normalised name with single spaces, e.g. `starts with`. */
  readonly operator: string;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}

export interface ParenExpr extends NodeBase {
  readonly $type: 'ParenExpr';
  readonly inner: Expr;
}

export interface CallExpr extends NodeBase {
  readonly $type: 'CallExpr';
  readonly callee: Name;
  readonly args: Expr[];
}

/** `account.region`, `line.startDate`, `today`, `billingDate`: resolved by the binder. */
export interface FieldPath extends NodeBase {
  readonly $type: 'FieldPath';
  readonly segments: Name[];
}

export interface StringLiteral extends NodeBase {
  readonly $type: 'StringLiteral';
  /** Unescaped value. */
  readonly value: string;
}

export interface NumberLiteral extends NodeBase {
  readonly $type: 'NumberLiteral';
  /** Decimal text as written (`100`, `0.5`, `-5` only inside PriorityClause). Never a float. */
  readonly text: string;
}

export interface DateLiteral extends NodeBase {
  readonly $type: 'DateLiteral';
  /** `YYYY-MM-DD` as written; the checker reports dates that do not exist. */
  readonly text: string;
}

export type DurationUnit = 'day' | 'week' | 'month' | 'year';

export interface DurationLiteral extends NodeBase {
  readonly $type: 'DurationLiteral';
  /** Whole number as written. */
  readonly amount: string;
  /** Normalised singular unit. */
  readonly unit: DurationUnit;
  /** The unit word as written (`days`, `month`), kept for printing. */
  readonly unitText: string;
}

export interface BooleanLiteral extends NodeBase {
  readonly $type: 'BooleanLiteral';
  readonly value: boolean;
}

export interface ListLiteral extends NodeBase {
  readonly $type: 'ListLiteral';
  readonly items: Expr[];
}

/** Placeholder where recovery found nothing; zero-width span at the gap. */
export interface Missing extends NodeBase {
  readonly $type: 'Missing';
}

export type AstNode = PolicyFile | Policy | PolicyItem | Expr | Name | Comment | LastDay;
