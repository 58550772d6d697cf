// fast-check arbitraries for valid policy ASTs (not a test file). Trees are
// generated the way the parser builds them: where precedence requires
// parentheses the tree holds a ParenExpr, so parse(print(tree)) must give the
// same tree back. Spans are dummies; compare with spans stripped.
import fc from 'fast-check';
import type {
  DurationUnit, Expr, Name, Policy, PolicyFile, PolicyItem, StringLiteral,
} from '../../../dsl/ast/ast-types.js';
import { DURATION_UNITS, KEYWORD_WORDS } from '../../../dsl/lexer/tokens.js';
import { Prec, precedence } from '../../../dsl/print/print-expression.js';

const span = { start: 0, end: 0 };
const RESERVED = new Set<string>([...KEYWORD_WORDS, ...Object.keys(DURATION_UNITS)]);


/** A word that lexes as an identifier (not a keyword, not a duration unit). */
export const identifier = fc
  .oneof(fc.constantFrom('account', 'order', 'line', 'today', 'billingDate', 'region', 'poNumber', 'x'), fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/))
  .filter((w) => !RESERVED.has(w));

const anyWord = fc.oneof(identifier, fc.constantFrom(...KEYWORD_WORDS));
const name = (text: string): Name => ({ $type: 'Name', text, span });

const stringLiteral: fc.Arbitrary<StringLiteral> = fc
  .oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom('"', '\\', '\n', '\t\r', '# not a comment', '// nor this'))
  .map((value) => ({ $type: 'StringLiteral', value, span }));

const integerText = fc.nat({ max: 100000 }).map(String);
const numberText = fc.oneof(integerText, fc.tuple(fc.nat({ max: 999 }), fc.stringMatching(/^\d{1,3}$/)).map(([i, f]) => `${i}.${f}`));
const unitWords = Object.keys(DURATION_UNITS);

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  stringLiteral,
  numberText.map((text): Expr => ({ $type: 'NumberLiteral', text, span })),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/).map((text): Expr => ({ $type: 'DateLiteral', text, span })),
  fc.tuple(integerText, fc.constantFrom(...unitWords)).map(([amount, unitText]): Expr => ({
    $type: 'DurationLiteral', amount, unit: DURATION_UNITS[unitText] as DurationUnit, unitText, span,
  })),
  fc.boolean().map((value): Expr => ({ $type: 'BooleanLiteral', value, span })),
  fc.tuple(identifier, fc.array(anyWord, { maxLength: 2 })).map(([head, rest]): Expr => ({
    $type: 'FieldPath', segments: [head, ...rest].map(name), span,
  })),
);


/** Wraps in ParenExpr when `e` binds looser than its position allows. */
function at(min: number, e: Expr): Expr {
  return precedence(e) >= min ? e : { $type: 'ParenExpr', inner: e, span };
}

/** Expressions of bounded depth. */
export function expression(depth: number): fc.Arbitrary<Expr> {
  if (depth <= 0) return leaf;
  const sub = expression(depth - 1);
  const binary = (ops: readonly string[], leftMin: number, rightMin: number) =>
    fc.tuple(fc.constantFrom(...ops), sub, sub).map(([op, l, r]): Expr => ({
      $type: 'BinaryExpr', op: op as never, opSpan: span, left: at(leftMin, l), right: at(rightMin, r), span,
    }));
  const A = Prec.Additive;
  return fc.oneof(
    { arbitrary: leaf, weight: 4 },
    binary(['or'], Prec.Or, Prec.And),
    binary(['and'], Prec.And, Prec.Not),
    binary(['=', '!=', '<', '<=', '>', '>='], A, A),
    binary(['+', '-'], A, Prec.Multiplicative),
    binary(['*', '/'], Prec.Multiplicative, Prec.Unary),
    sub.map((operand): Expr => ({ $type: 'UnaryExpr', op: 'not', operand: at(Prec.Not, operand), span })),
    sub.map((operand): Expr => ({ $type: 'UnaryExpr', op: '-', operand: at(Prec.Unary, operand), span })),
    fc.tuple(fc.boolean(), sub, sub).map(([negated, left, list]): Expr => ({ $type: 'InExpr', negated, left: at(A, left), list: at(A, list), span })),
    fc.tuple(fc.boolean(), sub).map(([present, operand]): Expr => ({ $type: 'PresenceExpr', present, operand: at(A, operand), span })),
    fc.tuple(sub, sub, sub).map(([operand, low, high]): Expr => ({ $type: 'BetweenExpr', operand: at(A, operand), low: at(A, low), high: at(A, high), span })),
    fc.tuple(fc.oneof(fc.constantFrom('contains', 'starts with', 'ends with'), identifier), sub, sub).map(([operator, left, right]): Expr => ({
      $type: 'WordOperatorExpr', operator, opSpan: span, left: at(A, left), right: at(A, right), span,
    })),
    sub.map((inner): Expr => ({ $type: 'ParenExpr', inner, span })),
    fc.tuple(identifier, fc.array(sub, { maxLength: 3 })).map(([callee, args]): Expr => ({ $type: 'CallExpr', callee: name(callee), args, span })),
    fc.array(sub, { maxLength: 3 }).map((items): Expr => ({ $type: 'ListLiteral', items, span })),
  );
}

/** Method and mode names, hyphenated like `monthly-daily` or `thirty-360`. */
const methodName = fc
  .tuple(identifier, fc.array(fc.oneof(anyWord, fc.stringMatching(/^\d{1,3}$/)), { maxLength: 2 }))
  .map(([head, rest]) => name([head, ...rest].join('-')));

function item(depth: number): fc.Arbitrary<PolicyItem> {
  const expr = expression(depth);
  return fc.oneof(
    stringLiteral.map((text): PolicyItem => ({ $type: 'DescriptionClause', text, span })),
    fc.integer({ min: -1000, max: 1000 }).map((n): PolicyItem => ({ $type: 'PriorityClause', value: { $type: 'NumberLiteral', text: String(n), span }, span })),
    expr.map((condition): PolicyItem => ({ $type: 'WhenClause', condition, span })),
    fc.record({ until: fc.option(expr, { nil: undefined }), reason: fc.option(stringLiteral, { nil: undefined }) }).map(({ until, reason }): PolicyItem => ({
      $type: 'HoldStatement', ...(until ? { until } : {}), ...(reason ? { reason } : {}), span,
    })),
    fc.oneof(fc.constant<Expr | null>(null), expr).map((day): PolicyItem => ({
      $type: 'BillingDayStatement', day: day ?? { $type: 'LastDay', span }, span,
    })),
    fc.tuple(expr, fc.option(stringLiteral, { nil: undefined })).map(([target, reason]): PolicyItem => ({
      $type: 'OverrideStatement', target, ...(reason ? { reason } : {}), span,
    })),
    methodName.map((mode): PolicyItem => ({ $type: 'AlignStatement', mode, span })),
    fc.record({
      method: methodName,
      rounding: fc.option(methodName, { nil: undefined }),
      precision: fc.option(fc.nat({ max: 12 }), { nil: undefined }),
    }).map(({ method, rounding, precision }): PolicyItem => ({
      $type: 'ProrateStatement', method, ...(rounding ? { rounding } : {}),
      ...(precision !== undefined ? { precision: { $type: 'NumberLiteral', text: String(precision), span } } : {}), span,
    })),
  );
}

export function policy(depth = 3): fc.Arbitrary<Policy> {
  return fc.tuple(stringLiteral, fc.array(item(depth), { maxLength: 6 })).map(([policyName, items]) => ({
    $type: 'Policy', name: policyName, items, span,
  }));
}

export function policyFile(depth = 3): fc.Arbitrary<PolicyFile> {
  return fc.array(policy(depth), { maxLength: 4 }).map((policies) => ({ $type: 'PolicyFile', policies, comments: [], span }));
}
