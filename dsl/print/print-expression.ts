// Expressions back to canonical text: single spaces around operators, no space
// inside brackets, `, ` between list items and arguments. Parentheses written
// in the source are ParenExpr nodes and print as written; the printer adds
// parentheses only where a hand-built tree would otherwise read differently.
import type { Expr } from '../ast/ast-types.js';
import { quoteString } from '../ast/string-escapes.js';

/** Binding strength: or < and < not < comparison < additive < multiplicative < unary < primary. */
export const Prec = { Or: 1, And: 2, Not: 3, Comparison: 4, Additive: 5, Multiplicative: 6, Unary: 7, Primary: 8 } as const;
export type Prec = (typeof Prec)[keyof typeof Prec];

export function precedence(e: Expr): Prec {
  switch (e.$type) {
    case 'BinaryExpr':
      if (e.op === 'or') return Prec.Or;
      if (e.op === 'and') return Prec.And;
      if (e.op === '+' || e.op === '-') return Prec.Additive;
      if (e.op === '*' || e.op === '/') return Prec.Multiplicative;
      return Prec.Comparison;
    case 'UnaryExpr':
      return e.op === 'not' ? Prec.Not : Prec.Unary;
    case 'InExpr':
    case 'PresenceExpr':
    case 'BetweenExpr':
    case 'WordOperatorExpr':
      return Prec.Comparison;
    default:
      return Prec.Primary;
  }
}

/** Operands of a top-level `and` / `or` chain (the printer breaks long chains one per line). */
export function printChainOperand(e: Expr, op: 'and' | 'or'): string {
  return operand(e, op === 'or' ? Prec.And : Prec.Not);
}

/** Prints `e` where the grammar needs at least `min` binding strength. */
function operand(e: Expr, min: Prec): string {
  const text = printExpression(e);
  return precedence(e) >= min ? text : `(${text})`;
}

export function printExpression(e: Expr): string {
  switch (e.$type) {
    case 'BinaryExpr': {
      const own = precedence(e);
      // Comparisons do not chain: both sides must be additive expressions.
      const leftMin = own === Prec.Comparison ? Prec.Additive : own;
      const rightMin = own === Prec.Comparison ? Prec.Additive : ((own + 1) as Prec);
      return `${operand(e.left, leftMin)} ${e.op} ${operand(e.right, rightMin)}`;
    }
    case 'UnaryExpr':
      return e.op === 'not' ? `not ${operand(e.operand, Prec.Not)}` : `-${operand(e.operand, Prec.Unary)}`;
    case 'InExpr':
      return `${operand(e.left, Prec.Additive)} ${e.negated ? 'not in' : 'in'} ${operand(e.list, Prec.Additive)}`;
    case 'PresenceExpr':
      return `${operand(e.operand, Prec.Additive)} is ${e.present ? 'present' : 'missing'}`;
    case 'BetweenExpr':
      return `${operand(e.operand, Prec.Additive)} between ${operand(e.low, Prec.Additive)} and ${operand(e.high, Prec.Additive)}`;
    case 'WordOperatorExpr':
      return `${operand(e.left, Prec.Additive)} ${e.operator} ${operand(e.right, Prec.Additive)}`;
    case 'ParenExpr':
      return `(${printExpression(e.inner)})`;
    case 'CallExpr':
      return `${e.callee.text}(${e.args.map(printExpression).join(', ')})`;
    case 'FieldPath':
      return e.segments.map((s) => s.text).join('.');
    case 'StringLiteral':
      return quoteString(e.value);
    case 'NumberLiteral':
    case 'DateLiteral':
      return e.text;
    case 'DurationLiteral':
      return `${e.amount} ${e.unitText}`;
    case 'BooleanLiteral':
      return e.value ? 'true' : 'false';
    case 'ListLiteral':
      return `[${e.items.map(printExpression).join(', ')}]`;
    case 'Missing':
      return '';
  }
}
