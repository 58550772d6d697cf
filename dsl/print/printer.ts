// The canonical layout of policy files (what `proviso fmt` writes): 2-space
// indent, one item per line in source order, a blank line between policies,
// single spaces, strings re-escaped, every comment kept near where it was.
// print(parse(x)) is idempotent and parse(print(ast)) equals ast up to spans.
import type { Expr, Policy, PolicyFile, PolicyItem } from '../ast/ast-types.js';
import { quoteString } from '../ast/string-escapes.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import { parseDocument } from '../parse/parse-document.js';
import { attachComments, type LineComments } from './comment-attach.js';
import { printChainOperand, printExpression } from './print-expression.js';

const INDENT = '  ';
/** Lines longer than this break a top-level `and` / `or` chain, one operand per line. */
export const MAX_LINE_WIDTH = 100;

/** The operands of a left-nested chain of one boolean operator: `a and b and c` -> [a, b, c]. */
function chainOperands(e: Expr, op: 'and' | 'or'): Expr[] {
  const operands: Expr[] = [];
  let current = e;
  while (current.$type === 'BinaryExpr' && current.op === op) {
    operands.push(current.right);
    current = current.left;
  }
  operands.push(current);
  return operands.reverse();
}

/** `when <cond>` on one line, or broken before each top-level `and`/`or` when too long. */
function printCondition(prefix: string, condition: Expr, suffix: string, indent: string): string {
  const flat = prefix + printExpression(condition) + suffix;
  if (indent.length + flat.length <= MAX_LINE_WIDTH || condition.$type !== 'BinaryExpr' || (condition.op !== 'and' && condition.op !== 'or')) {
    return flat;
  }
  const op = condition.op;
  const parts = chainOperands(condition, op).map((operand) => printChainOperand(operand, op));
  return prefix + parts.join(`\n${indent}${INDENT}${op} `) + suffix;
}

function printName(node: { $type: string; text?: string }): string {
  return node.$type === 'Name' && node.text !== undefined ? node.text : '';
}

function printString(node: { $type: string; value?: string }): string {
  return node.$type === 'StringLiteral' && node.value !== undefined ? quoteString(node.value) : '""';
}

/** One item in the canonical layout; `indent` is where its first line starts (continuations go deeper). */
export function printItem(item: PolicyItem, indent = INDENT): string {
  switch (item.$type) {
    case 'DescriptionClause':
      return `description ${printString(item.text)}`;
    case 'PriorityClause':
      return `priority ${item.value.$type === 'NumberLiteral' ? item.value.text : ''}`;
    case 'WhenClause':
      return printCondition('when ', item.condition, '', indent);
    case 'HoldStatement': {
      const reason = item.reason ? ` reason ${printString(item.reason)}` : '';
      return item.until ? printCondition('hold billing until ', item.until, reason, indent) : 'hold billing' + reason;
    }
    case 'BillingDayStatement':
      return `billing day of month ${item.day.$type === 'LastDay' ? 'last' : printExpression(item.day)}`;
    case 'OverrideStatement':
      return `override billing date to ${printExpression(item.target)}` + (item.reason ? ` reason ${printString(item.reason)}` : '');
    case 'AlignStatement':
      return `align amendments to ${printName(item.mode)}`;
    case 'ProrateStatement':
      return (
        `prorate ${printName(item.method)}` +
        (item.rounding ? ` rounding ${printName(item.rounding)}` : '') +
        (item.precision ? ` precision ${item.precision.$type === 'NumberLiteral' ? item.precision.text : ''}` : '')
      );
  }
}

function emit(out: string[], indent: string, code: string, comments: LineComments): void {
  for (const c of comments.leading) out.push(c === '' ? '' : indent + c);
  out.push(indent + code + (comments.trailing.length > 0 ? ' ' + comments.trailing.join(' ') : ''));
}

function printPolicy(out: string[], policy: Policy, slots: ReturnType<typeof attachComments>['policies'][number]): void {
  emit(out, '', `policy ${printString(policy.name)} {`, slots.header);
  policy.items.forEach((item, i) => emit(out, INDENT, printItem(item, INDENT), slots.items[i]));
  for (const c of slots.close.leading) out.push(INDENT + c);
  out.push('}' + (slots.close.trailing.length > 0 ? ' ' + slots.close.trailing.join(' ') : ''));
}

/**
 * Prints a file in the canonical layout. Pass the source `text` the AST came
 * from to keep end-of-line comments on their line (without it they move above).
 * Missing nodes print as nothing: format only trees without syntax errors.
 */
export function printFile(ast: PolicyFile, text?: string): string {
  const attached = attachComments(ast, text);
  const out: string[] = [];
  ast.policies.forEach((policy, i) => {
    if (i > 0) out.push('');
    printPolicy(out, policy, attached.policies[i]);
  });
  if (attached.end.length > 0) {
    if (out.length > 0) out.push('');
    out.push(...attached.end);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

export interface FormatResult {
  /** The formatted text; undefined when the input has syntax errors (broken input is never formatted). */
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

export function formatDocument(text: string, file?: string): FormatResult {
  const { ast, diagnostics } = parseDocument(text, file);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { text: printFile(ast, text), diagnostics };
}
