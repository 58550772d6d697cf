// Compact S-expression view of AST expressions for table-driven parser tests:
// `a = 1 and not b` -> `(and (= a 1) (not b))`. Not a test file.
import type { Expr, PolicyItem } from '../../../dsl/ast/ast-types.js';

export function sexpr(e: Expr): string {
  switch (e.$type) {
    case 'BinaryExpr':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'UnaryExpr':
      return `(${e.op} ${sexpr(e.operand)})`;
    case 'InExpr':
      return `(${e.negated ? 'not-in' : 'in'} ${sexpr(e.left)} ${sexpr(e.list)})`;
    case 'PresenceExpr':
      return `(${e.present ? 'present' : 'missing'} ${sexpr(e.operand)})`;
    case 'BetweenExpr':
      return `(between ${sexpr(e.operand)} ${sexpr(e.low)} ${sexpr(e.high)})`;
    case 'WordOperatorExpr':
      return `(${e.operator.replace(/ /g, '-')} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'ParenExpr':
      return `{${sexpr(e.inner)}}`;
    case 'CallExpr':
      return `${e.callee.text}(${e.args.map(sexpr).join(' ')})`;
    case 'FieldPath':
      return e.segments.map((s) => s.text).join('.');
    case 'StringLiteral':
      return JSON.stringify(e.value);
    case 'NumberLiteral':
      return e.text;
    case 'DateLiteral':
      return `#${e.text}`;
    case 'DurationLiteral':
      return `${e.amount}${e.unit}`;
    case 'BooleanLiteral':
      return String(e.value);
    case 'ListLiteral':
      return `[${e.items.map(sexpr).join(' ')}]`;
    case 'Missing':
      return '?';
  }
}

export function itemSexpr(item: PolicyItem): string {
  const name = (n: { $type: string; text?: string }): string => (n.$type === 'Name' ? n.text! : '?');
  const str = (n: { $type: string; value?: string }): string => (n.$type === 'StringLiteral' ? JSON.stringify(n.value) : '?');
  switch (item.$type) {
    case 'DescriptionClause':
      return `description ${str(item.text)}`;
    case 'PriorityClause':
      return `priority ${item.value.$type === 'NumberLiteral' ? item.value.text : '?'}`;
    case 'WhenClause':
      return `when ${sexpr(item.condition)}`;
    case 'HoldStatement':
      return `hold${item.until ? ' until ' + sexpr(item.until) : ''}${item.reason ? ' reason ' + str(item.reason) : ''}`;
    case 'BillingDayStatement':
      return `billing-day ${item.day.$type === 'LastDay' ? 'last' : sexpr(item.day)}`;
    case 'OverrideStatement':
      return `override ${sexpr(item.target)}${item.reason ? ' reason ' + str(item.reason) : ''}`;
    case 'AlignStatement':
      return `align ${name(item.mode)}`;
    case 'ProrateStatement':
      return `prorate ${name(item.method)}${item.rounding ? ' rounding ' + name(item.rounding) : ''}${item.precision ? ' precision ' + (item.precision.$type === 'NumberLiteral' ? item.precision.text : '?') : ''}`;
  }
}
