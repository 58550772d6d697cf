// CST -> AST. Walks the Chevrotain CST of parser/policy-parser.ts and builds the
// nodes of ast-types.ts. Recovery leaves holes in the CST (missing children,
// tokens inserted with NaN offsets): they become `Missing` nodes with a
// zero-width span at the gap, never `undefined` where the type says Expr.
import type { CstChildrenDictionary, CstNode, IToken } from 'chevrotain';
import type {
  AlignStatement, BillingDayStatement, CallExpr, DescriptionClause, DurationLiteral, Expr, FieldPath, HoldStatement,
  LastDay, Missing, Name, NumberLiteral, OverrideStatement, Policy, PolicyFile, PolicyItem, PriorityClause,
  ProrateStatement, Span, StringLiteral, WhenClause, BinaryOperator, Comment,
} from './ast-types.js';
import type { Diagnostic, FixData } from '../diagnostics/diagnostic-types.js';
import { syntaxDiagnostic } from '../diagnostics/syntax-report.js';
import { DURATION_UNITS, Slash, Star } from '../lexer/tokens.js';
import { indexOfToken } from '../lexer/lexer.js';
import { policyParser } from '../parser/policy-parser.js';
import { isRealToken, tokenSpan } from '../spans/spans.js';
import { quoteString, unescapeStringImage } from './string-escapes.js';

/** Deepest expression tree the builder keeps (long `and`/`or` chains count too). */
export const MAX_EXPRESSION_DEPTH = 1000;

type Ctx = CstChildrenDictionary;

const NO_TOKENS: readonly IToken[] = [];
const NO_NODES: readonly CstNode[] = [];

// Labels in parser/policy-parser.ts hold either tokens or nodes, never both,
// so the accessors below read the CST arrays without copying them.

/** Tokens under a label, including ones inserted by recovery (they tell which branch ran). */
function rawTokens(ctx: Ctx, label: string): readonly IToken[] {
  return (ctx[label] as IToken[] | undefined) ?? NO_TOKENS;
}

function has(ctx: Ctx, label: string): boolean {
  return ctx[label] !== undefined && ctx[label].length > 0;
}

/** Tokens under a label that exist in the text. */
function tokens(ctx: Ctx, label: string): readonly IToken[] {
  const all = rawTokens(ctx, label);
  return all.every((t) => isRealToken(t)) ? all : all.filter((t) => isRealToken(t));
}

function token(ctx: Ctx, label: string): IToken | undefined {
  const all = ctx[label] as IToken[] | undefined;
  if (all) for (const t of all) if (isRealToken(t)) return t;
  return undefined;
}

function nodes(ctx: Ctx, label: string): readonly CstNode[] {
  return (ctx[label] as CstNode[] | undefined) ?? NO_NODES;
}

function union(...spans: (Span | undefined)[]): Span | undefined {
  let result: Span | undefined;
  for (const s of spans) {
    if (!s) continue;
    result = result ? { start: Math.min(result.start, s.start), end: Math.max(result.end, s.end) } : s;
  }
  return result;
}

/** union(a, b) without a rest array: same result, same object identity. */
function join(a: Span | undefined, b: Span | undefined): Span | undefined {
  if (!a) return b;
  if (!b) return a;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The largest end of `initial` and the real tokens under a label; undefined if neither exists. */
function tokensEnd(ctx: Ctx, label: string, initial: number | undefined): number | undefined {
  const all = ctx[label] as IToken[] | undefined;
  let end = initial;
  if (all !== undefined) {
    for (const t of all) {
      if (!isRealToken(t)) continue;
      const e = (t.endOffset as number) + 1;
      if (end === undefined || e > end) end = e;
    }
  }
  return end;
}

function missing(offset: number): Missing {
  return { $type: 'Missing', span: { start: offset, end: offset } };
}

/** Zero-width spans of Missing nodes do not widen their parent's span. */
function solid(node: { $type: string; span: Span }): Span | undefined {
  return node.$type === 'Missing' ? undefined : node.span;
}

const BaseVisitor = policyParser().getBaseCstVisitorConstructor();

export class AstBuilder extends BaseVisitor {
  readonly diagnostics: Diagnostic[] = [];
  private depthReported = false;

  constructor(
    private readonly text: string,
    private readonly allTokens: readonly IToken[],
    private readonly fileName?: string,
  ) {
    super();
    if (!AstBuilder.validated) {
      // Throws at first use if a grammar rule has no build method.
      this.validateVisitor();
      AstBuilder.validated = true;
    }
  }

  private static validated = false;

  build(cst: CstNode, comments: readonly IToken[]): PolicyFile {
    const ctx = cst.children;
    const policies = nodes(ctx, 'policy').map((n) => this.policy(n.children));
    this.reportJunk(tokens(ctx, 'junk'), 'PV1012');
    const commentNodes: Comment[] = comments
      .filter(isRealToken)
      .map((t) => ({ $type: 'Comment', text: t.image.replace(/\s+$/, ''), span: tokenSpan(t)! }));
    return { $type: 'PolicyFile', policies, comments: commentNodes, span: { start: 0, end: this.text.length } };
  }

  // The visitor protocol: `file` is handled by build(); each rule method takes its children.
  file(): never {
    throw new Error('AstBuilder.file: call build()');
  }

  policy(ctx: Ctx): Policy {
    const keyword = token(ctx, 'KwPolicy');
    const nameToken = token(ctx, 'name');
    const open = token(ctx, 'LCurly');
    const close = token(ctx, 'RCurly');
    const items: PolicyItem[] = [];
    for (const [label, build] of ITEM_BUILDERS) {
      const list = ctx[label] as CstNode[] | undefined;
      if (list !== undefined) for (const n of list) items.push(build(this, n.children));
    }
    items.sort((a, b) => a.span.start - b.span.start);
    this.reportJunk(tokens(ctx, 'junk'), 'PV1013');
    const headEnd = join(join(tokenSpan(keyword), tokenSpan(nameToken)), tokenSpan(open))?.end ?? 0;
    const name = nameToken ? this.stringLiteral(nameToken) : missing(tokenSpan(keyword)?.end ?? headEnd);
    if (!nameToken) this.reportUnnamed(keyword, tokens(ctx, 'unquotedName'));
    let joined = join(join(tokenSpan(keyword), solid(name)), tokenSpan(open));
    for (const item of items) joined = join(joined, solid(item));
    const span = join(joined, tokenSpan(close)) ?? { start: headEnd, end: headEnd };
    return { $type: 'Policy', name, items, span };
  }

  descriptionClause(ctx: Ctx): DescriptionClause {
    const keyword = tokenSpan(token(ctx, 'KwDescription'));
    const textToken = token(ctx, 'text');
    const text = textToken ? this.stringLiteral(textToken) : missing(keyword?.end ?? 0);
    return { $type: 'DescriptionClause', text, span: union(keyword, solid(text)) ?? text.span };
  }

  priorityClause(ctx: Ctx): PriorityClause {
    const keyword = tokenSpan(token(ctx, 'KwPriority'));
    const sign = token(ctx, 'sign');
    const valueToken = token(ctx, 'value');
    let value: NumberLiteral | Missing;
    if (valueToken) {
      const span = union(tokenSpan(sign), tokenSpan(valueToken))!;
      value = { $type: 'NumberLiteral', text: (sign ? '-' : '') + valueToken.image, span };
      this.requireWhole('Priority', valueToken);
    } else value = missing((tokenSpan(sign) ?? keyword)?.end ?? 0);
    return { $type: 'PriorityClause', value, span: union(keyword, solid(value)) ?? value.span };
  }

  whenClause(ctx: Ctx): WhenClause {
    const keyword = tokenSpan(token(ctx, 'KwWhen'));
    const condition = this.expressionIn(ctx, 'condition', keyword?.end ?? 0);
    return { $type: 'WhenClause', condition, span: union(keyword, solid(condition)) ?? condition.span };
  }

  holdStatement(ctx: Ctx): HoldStatement {
    const head = union(tokenSpan(token(ctx, 'KwHold')), tokenSpan(token(ctx, 'KwBilling')));
    const untilKeyword = tokenSpan(token(ctx, 'KwUntil'));
    const until = has(ctx, 'KwUntil') ? this.expressionIn(ctx, 'until', untilKeyword?.end ?? head?.end ?? 0) : undefined;
    const reasonKeyword = tokenSpan(token(ctx, 'KwReason'));
    const reason = this.optionalString(ctx, 'KwReason', 'reason', reasonKeyword?.end ?? until?.span.end ?? head?.end ?? 0);
    const span = union(head, untilKeyword, until && solid(until), reasonKeyword, reason && solid(reason)) ?? { start: 0, end: 0 };
    return { $type: 'HoldStatement', ...(until ? { until } : {}), ...(reason ? { reason } : {}), span };
  }

  billingDayStatement(ctx: Ctx): BillingDayStatement {
    const head = union(...['KwBilling', 'KwDay', 'KwOf', 'KwMonth'].map((l) => tokenSpan(token(ctx, l))));
    const lastToken = token(ctx, 'last');
    const day: LastDay | Expr = lastToken
      ? { $type: 'LastDay', span: tokenSpan(lastToken)! }
      : this.expressionIn(ctx, 'day', head?.end ?? 0);
    return { $type: 'BillingDayStatement', day, span: union(head, solid(day)) ?? day.span };
  }

  overrideStatement(ctx: Ctx): OverrideStatement {
    const head = union(...['KwOverride', 'KwBilling', 'KwDate', 'KwTo'].map((l) => tokenSpan(token(ctx, l))));
    const target = this.expressionIn(ctx, 'target', head?.end ?? 0);
    const reasonKeyword = tokenSpan(token(ctx, 'KwReason'));
    const reason = this.optionalString(ctx, 'KwReason', 'reason', reasonKeyword?.end ?? target.span.end);
    const span = union(head, solid(target), reasonKeyword, reason && solid(reason)) ?? target.span;
    return { $type: 'OverrideStatement', target, ...(reason ? { reason } : {}), span };
  }

  alignStatement(ctx: Ctx): AlignStatement {
    const head = union(...['KwAlign', 'KwAmendments', 'KwTo'].map((l) => tokenSpan(token(ctx, l))));
    const mode = this.nameIn(ctx, 'mode', head?.end ?? 0);
    return { $type: 'AlignStatement', mode, span: union(head, solid(mode)) ?? mode.span };
  }

  prorateStatement(ctx: Ctx): ProrateStatement {
    const keyword = tokenSpan(token(ctx, 'KwProrate'));
    const method = this.nameIn(ctx, 'method', keyword?.end ?? 0);
    const roundingKeyword = tokenSpan(token(ctx, 'KwRounding'));
    const rounding = has(ctx, 'KwRounding') ? this.nameIn(ctx, 'rounding', roundingKeyword?.end ?? method.span.end) : undefined;
    const precisionKeyword = tokenSpan(token(ctx, 'KwPrecision'));
    let precision: NumberLiteral | Missing | undefined;
    if (has(ctx, 'KwPrecision')) {
      const valueToken = token(ctx, 'precision');
      if (valueToken) {
        this.requireWhole('Precision', valueToken);
        precision = { $type: 'NumberLiteral', text: valueToken.image, span: tokenSpan(valueToken)! };
      } else precision = missing(precisionKeyword?.end ?? rounding?.span.end ?? method.span.end);
    }
    const span = union(keyword, solid(method), roundingKeyword, rounding && solid(rounding), precisionKeyword, precision && solid(precision)) ?? method.span;
    return {
      $type: 'ProrateStatement', method, ...(rounding ? { rounding } : {}), ...(precision ? { precision } : {}), span,
    };
  }

  name(ctx: Ctx): Name | undefined {
    const parts = tokens(ctx, 'part');
    if (parts.length === 0) return undefined;
    const span = union(...parts.map(tokenSpan))!;
    return { $type: 'Name', text: parts.map((p) => p.image).join(''), span };
  }

  // ---------------------------------------------------------- expressions

  expression(ctx: Ctx): Expr | undefined {
    return this.chain(ctx, OR_LEVEL);
  }

  andExpression(ctx: Ctx): Expr | undefined {
    return this.chain(ctx, AND_LEVEL);
  }

  /** Prefix operators (`not not x`, `--x`) wrap the operand innermost first. */
  private prefixed(ctx: Ctx, label: string, op: 'not' | '-', operand: Expr | undefined): Expr | undefined {
    const prefixes = rawTokens(ctx, label);
    if (prefixes.length === 0) return operand;
    let result = operand ?? missing(tokenSpan(prefixes[prefixes.length - 1])?.end ?? 0);
    for (let i = prefixes.length - 1; i >= 0; i--) {
      const prefixSpan = tokenSpan(prefixes[i]);
      if (!prefixSpan) continue;
      result = { $type: 'UnaryExpr', op, operand: result, span: join(prefixSpan, solid(result))! };
    }
    return result;
  }

  comparison(ctx: Ctx): Expr | undefined {
    return this.prefixed(ctx, 'not', 'not', this.comparisonCore(ctx));
  }

  private comparisonCore(ctx: Ctx): Expr | undefined {
    const leftNode = nodes(ctx, 'left')[0];
    const left = leftNode && this.additive(leftNode.children);
    const operator = rawTokens(ctx, 'operator')[0];
    const firstOperator = operator ?? rawTokens(ctx, 'in')[0] ?? rawTokens(ctx, 'is')[0] ?? rawTokens(ctx, 'between')[0] ?? rawTokens(ctx, 'word')[0];
    if (!firstOperator) return left;
    const leftExpr = left ?? missing(isRealToken(firstOperator) ? firstOperator.startOffset : 0);
    // Where an operand after the operator is missing: the end of the operator's tokens, else of the left side.
    const leftEnd = solid(leftExpr)?.end ?? leftExpr.span.end;
    const leftSolid = solid(leftExpr);

    if (operator) {
      const right = this.operandIn(ctx, 'right', tokensEnd(ctx, 'operator', undefined) ?? leftEnd);
      const opSpan = tokenSpan(operator) ?? { start: leftExpr.span.end, end: leftExpr.span.end };
      return {
        $type: 'BinaryExpr', op: operator.image as BinaryOperator, opSpan, left: leftExpr, right,
        span: join(join(leftSolid, opSpan), solid(right)) ?? leftExpr.span,
      };
    }
    if (has(ctx, 'in')) {
      const list = this.operandIn(ctx, 'right', tokensEnd(ctx, 'in', tokensEnd(ctx, 'notIn', undefined)) ?? leftEnd);
      const negated = has(ctx, 'notIn');
      return { $type: 'InExpr', negated, left: leftExpr, list, span: join(join(leftSolid, tokenSpan(token(ctx, 'in'))), solid(list)) ?? leftExpr.span };
    }
    if (has(ctx, 'is')) {
      const present = !has(ctx, 'missing');
      const span = join(join(join(leftSolid, tokenSpan(token(ctx, 'is'))), tokenSpan(token(ctx, 'present'))), tokenSpan(token(ctx, 'missing')));
      return { $type: 'PresenceExpr', present, operand: leftExpr, span: span ?? leftExpr.span };
    }
    if (has(ctx, 'between')) {
      const low = this.operandIn(ctx, 'low', tokensEnd(ctx, 'between', undefined) ?? leftEnd);
      const high = this.operandIn(ctx, 'high', join(tokenSpan(token(ctx, 'betweenAnd')), solid(low))?.end ?? low.span.end);
      return {
        $type: 'BetweenExpr', operand: leftExpr, low, high,
        span: join(join(join(leftSolid, tokenSpan(token(ctx, 'between'))), solid(low)), solid(high)) ?? leftExpr.span,
      };
    }
    const words = tokens(ctx, 'word');
    let wordsSpan: Span | undefined;
    for (const w of words) wordsSpan = join(wordsSpan, tokenSpan(w));
    const opSpan = wordsSpan ?? { start: leftExpr.span.end, end: leftExpr.span.end };
    const right = this.operandIn(ctx, 'right', opSpan.end);
    const operatorName = rawTokens(ctx, 'word').map((t) => t.image).join(' ');
    return {
      $type: 'WordOperatorExpr', operator: operatorName, opSpan, left: leftExpr, right,
      span: join(join(leftSolid, opSpan), solid(right)) ?? leftExpr.span,
    };
  }

  /** The additive operand under a label, or a Missing node at `after`. */
  private operandIn(ctx: Ctx, label: string, after: number): Expr {
    const n = nodes(ctx, label)[0];
    return (n && this.additive(n.children)) ?? missing(after);
  }

  /**
   * `operand (operator operand)*` with `+ -` and `* /` in one list: each run
   * joined by `*` or `/` is a left-associative product, and the products are
   * a left-associative sum (the same tree as one rule per level would give).
   */
  additive(ctx: Ctx): Expr | undefined {
    const operands = nodes(ctx, 'operand');
    const operators = rawTokens(ctx, 'operator');
    if (operators.length === 0) return operands[0] && this.unary(operands[0].children);
    let i = nextAdditive(operators, 0);
    const first = this.product(operands, operators, 0, i);
    if (i === operators.length) return first;
    let left: Expr = first ?? missing(isRealToken(operators[i]) ? operators[i].startOffset : 0);
    while (i < operators.length) {
      const operator = operators[i];
      const opSpan = tokenSpan(operator) ?? { start: left.span.end, end: left.span.end };
      const end = nextAdditive(operators, i + 1);
      const right = this.product(operands, operators, i + 1, end) ?? missing(opSpan.end);
      left = { $type: 'BinaryExpr', op: operator.image as BinaryOperator, opSpan, left, right, span: join(join(solid(left), opSpan), solid(right))! };
      i = end;
    }
    return left;
  }

  /** The product of operands `from..to` joined by operators `from..to-1` (all `*` or `/`). */
  private product(operands: readonly CstNode[], operators: readonly IToken[], from: number, to: number): Expr | undefined {
    const firstNode = operands[from];
    const first = firstNode && this.unary(firstNode.children);
    if (from === to) return first;
    let left: Expr = first ?? missing(isRealToken(operators[from]) ? operators[from].startOffset : 0);
    for (let i = from; i < to; i++) {
      const operator = operators[i];
      const opSpan = tokenSpan(operator) ?? { start: left.span.end, end: left.span.end };
      const rightNode = operands[i + 1];
      const right = (rightNode && this.unary(rightNode.children)) ?? missing(opSpan.end);
      left = { $type: 'BinaryExpr', op: operator.image as BinaryOperator, opSpan, left, right, span: join(join(solid(left), opSpan), solid(right))! };
    }
    return left;
  }

  unary(ctx: Ctx): Expr | undefined {
    return this.prefixed(ctx, 'minus', '-', this.primary(ctx));
  }

  private primary(ctx: Ctx): Expr | undefined {
    const string = token(ctx, 'string');
    if (string) return this.stringLiteral(string);
    const date = token(ctx, 'date');
    if (date) return { $type: 'DateLiteral', text: date.image, span: tokenSpan(date)! };
    const boolean = token(ctx, 'boolean');
    if (boolean) return { $type: 'BooleanLiteral', value: boolean.image === 'true', span: tokenSpan(boolean)! };
    const reference = nodes(ctx, 'reference')[0];
    if (reference) return this.callOrPath(reference.children);
    const number = nodes(ctx, 'number')[0];
    if (number) return this.numberOrDuration(number.children);
    const list = nodes(ctx, 'list')[0];
    if (list) return this.list(list.children);
    const paren = nodes(ctx, 'paren')[0];
    if (paren) return this.parenthesized(paren.children);
    return undefined;
  }

  numberOrDuration(ctx: Ctx): Expr | undefined {
    const value = token(ctx, 'value');
    if (!value) return undefined;
    const unit = token(ctx, 'unit');
    if (!unit) return { $type: 'NumberLiteral', text: value.image, span: tokenSpan(value)! };
    this.requireWhole('A duration amount', value);
    const duration: DurationLiteral = {
      $type: 'DurationLiteral', amount: value.image, unit: DURATION_UNITS[unit.image] ?? 'day', unitText: unit.image,
      span: union(tokenSpan(value), tokenSpan(unit))!,
    };
    return duration;
  }

  list(ctx: Ctx): Expr {
    const open = tokenSpan(token(ctx, 'LBracket'));
    const close = tokenSpan(token(ctx, 'RBracket'));
    const items = nodes(ctx, 'item').map((n) => this.expression(n.children)).filter((e): e is Expr => e !== undefined);
    const span = union(open, ...items.map(solid), close) ?? { start: 0, end: 0 };
    return { $type: 'ListLiteral', items, span };
  }

  parenthesized(ctx: Ctx): Expr {
    const open = tokenSpan(token(ctx, 'LParen'));
    const close = tokenSpan(token(ctx, 'RParen'));
    const innerNode = nodes(ctx, 'inner')[0];
    const inner = (innerNode && this.expression(innerNode.children)) ?? missing(open?.end ?? 0);
    return { $type: 'ParenExpr', inner, span: union(open, solid(inner), close) ?? inner.span };
  }

  callOrPath(ctx: Ctx): Expr | undefined {
    const head = token(ctx, 'head');
    if (!head) return undefined;
    const headName: Name = { $type: 'Name', text: head.image, span: tokenSpan(head)! };
    if (has(ctx, 'call')) {
      const args = nodes(ctx, 'arg').map((n) => this.expression(n.children)).filter((e): e is Expr => e !== undefined);
      const span = union(headName.span, tokenSpan(token(ctx, 'call')), ...args.map(solid), tokenSpan(token(ctx, 'RParen')))!;
      const call: CallExpr = { $type: 'CallExpr', callee: headName, args, span };
      return call;
    }
    const segments: Name[] = [headName];
    let span: Span = headName.span;
    const segmentTokens = ctx.segment as IToken[] | undefined;
    if (segmentTokens !== undefined) {
      for (const t of segmentTokens) {
        if (!isRealToken(t)) continue;
        const segment: Name = { $type: 'Name', text: t.image, span: tokenSpan(t)! };
        segments.push(segment);
        span = join(span, segment.span)!;
      }
    }
    const path: FieldPath = { $type: 'FieldPath', segments, span };
    return path;
  }

  // ---------------------------------------------------------- helpers

  /** The operand rule of a chain level (a switch, not a closure per call). */
  private operandOf(level: ChainLevel, ctx: Ctx): Expr | undefined {
    switch (level) {
      case OR_LEVEL:
        return this.andExpression(ctx);
      default:
        return this.comparison(ctx);
    }
  }

  /** Left-associative chain `operand (operator operand)*`. Depth is bounded once per statement, in expressionIn. */
  private chain(ctx: Ctx, level: ChainLevel): Expr | undefined {
    const operands = nodes(ctx, 'operand');
    const operators = rawTokens(ctx, 'operator');
    const first = operands[0] && this.operandOf(level, operands[0].children);
    if (operators.length === 0) return first;
    let left: Expr = first ?? missing(isRealToken(operators[0]) ? operators[0].startOffset : 0);
    for (let i = 0; i < operators.length; i++) {
      const operator = operators[i];
      const opSpan = tokenSpan(operator) ?? { start: left.span.end, end: left.span.end };
      const rightNode = operands[i + 1];
      const right = (rightNode && this.operandOf(level, rightNode.children)) ?? missing(opSpan.end);
      const span = join(join(solid(left), opSpan), solid(right))!;
      left = { $type: 'BinaryExpr', op: operator.image as BinaryOperator, opSpan, left, right, span };
    }
    return left;
  }

  /**
   * Bounds the depth of one statement's expression. Every level of a tree
   * takes at least one character, so only long expressions are measured.
   */
  private boundDepth(expr: Expr): Expr {
    if (expr.span.end - expr.span.start < MAX_EXPRESSION_DEPTH || expressionDepth(expr) <= MAX_EXPRESSION_DEPTH) return expr;
    if (!this.depthReported) {
      this.depthReported = true;
      this.diagnostics.push(syntaxDiagnostic('PV1092', expr.span, { limit: MAX_EXPRESSION_DEPTH }, this.opts()));
    }
    return missing(expr.span.start);
  }

  private expressionIn(ctx: Ctx, label: string, gap: number): Expr {
    const n = nodes(ctx, label)[0];
    const expr = n && this.expression(n.children);
    return expr ? this.boundDepth(expr) : missing(gap);
  }

  private nameIn(ctx: Ctx, label: string, gap: number): Name | Missing {
    const n = nodes(ctx, label)[0];
    return (n && this.name(n.children)) ?? missing(gap);
  }

  private optionalString(ctx: Ctx, keywordLabel: string, label: string, gap: number): StringLiteral | Missing | undefined {
    if (!has(ctx, keywordLabel)) return undefined;
    const t = token(ctx, label);
    return t ? this.stringLiteral(t) : missing(gap);
  }

  private stringLiteral(t: IToken): StringLiteral {
    const { value, badEscapes } = unescapeStringImage(t.image);
    for (const bad of badEscapes) {
      const start = t.startOffset + bad.offset;
      this.diagnostics.push(syntaxDiagnostic('PV1004', { start, end: start + bad.text.length }, { escape: bad.text }, this.opts()));
    }
    return { $type: 'StringLiteral', value, span: tokenSpan(t)! };
  }

  private requireWhole(what: string, t: IToken): void {
    if (t.image.includes('.')) this.diagnostics.push(syntaxDiagnostic('PV1015', tokenSpan(t)!, { what, text: t.image }, this.opts()));
  }

  private reportUnnamed(keyword: IToken | undefined, words: readonly IToken[]): void {
    let span: Span;
    let found: string;
    let data: FixData | undefined;
    if (words.length > 0) {
      span = union(...words.map(tokenSpan))!;
      found = describeToken(words[0]);
      data = { kind: 'replace', span, candidates: [quoteString(this.text.slice(span.start, span.end))] };
    } else {
      const index = keyword ? indexOfToken(this.allTokens, keyword) : -1;
      const next = index >= 0 ? this.allTokens[index + 1] : undefined;
      const at = tokenSpan(keyword)?.end ?? 0;
      span = tokenSpan(next) ?? { start: at, end: at };
      found = describeToken(next);
    }
    this.diagnostics.push(syntaxDiagnostic('PV1005', span, { found }, { ...this.opts(), ...(data ? { data } : {}) }));
  }

  /** One diagnostic per run of consecutive junk tokens. */
  private reportJunk(junk: readonly IToken[], code: 'PV1012' | 'PV1013'): void {
    const sorted = [...junk].sort((a, b) => a.startOffset - b.startOffset);
    let runStart: IToken | undefined;
    let runEnd: IToken | undefined;
    const flush = (): void => {
      if (!runStart || !runEnd) return;
      const span = union(tokenSpan(runStart), tokenSpan(runEnd))!;
      const chained = code === 'PV1013' && COMPARISON_TOKENS.has(runStart.tokenType.name);
      this.diagnostics.push(
        syntaxDiagnostic(chained ? 'PV1019' : code, span, { found: describeToken(runStart) }, { ...this.opts(), data: { kind: 'delete', span } }),
      );
    };
    for (const t of sorted) {
      const index = indexOfToken(this.allTokens, t);
      const previous = runEnd ? indexOfToken(this.allTokens, runEnd) : -1;
      if (runEnd && index >= 0 && previous >= 0 && index === previous + 1) runEnd = t;
      else {
        flush();
        runStart = t;
        runEnd = t;
      }
    }
    flush();
  }

  private opts(): { file?: string } {
    return this.fileName !== undefined ? { file: this.fileName } : {};
  }
}

/** Depth of an expression tree, measured without recursion (the tree may be very deep). */
function expressionDepth(root: Expr): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const [key, value] of Object.entries(node as object)) {
      if (key === 'span' || key === 'opSpan' || !value || typeof value !== 'object') continue;
      if (Array.isArray(value)) for (const item of value) stack.push([item, depth + 1]);
      else if ('$type' in value) stack.push([value, depth + 1]);
    }
  }
  return deepest;
}

const COMPARISON_TOKENS: ReadonlySet<string> = new Set(['Equals', 'NotEquals', 'Less', 'LessEquals', 'Greater', 'GreaterEquals']);

const ITEM_BUILDERS: readonly [string, (b: AstBuilder, ctx: Ctx) => PolicyItem][] = [
  ['descriptionClause', (b, c) => b.descriptionClause(c)],
  ['priorityClause', (b, c) => b.priorityClause(c)],
  ['whenClause', (b, c) => b.whenClause(c)],
  ['holdStatement', (b, c) => b.holdStatement(c)],
  ['billingDayStatement', (b, c) => b.billingDayStatement(c)],
  ['overrideStatement', (b, c) => b.overrideStatement(c)],
  ['alignStatement', (b, c) => b.alignStatement(c)],
  ['prorateStatement', (b, c) => b.prorateStatement(c)],
];

const OR_LEVEL = 0;
const AND_LEVEL = 1;
type ChainLevel = typeof OR_LEVEL | typeof AND_LEVEL;

/** Index of the first `+` or `-` at or after `from` among an additive rule's operators (their length if none). */
function nextAdditive(operators: readonly IToken[], from: number): number {
  let i = from;
  while (i < operators.length && (operators[i].tokenType === Star || operators[i].tokenType === Slash)) i++;
  return i;
}

/** How a token is named in messages: `'when'`, `"EMEA"`, `the number 5`. */
export function describeToken(t: IToken | undefined): string {
  if (!t || !isRealToken(t)) return 'the end of the file';
  const image = t.image.length > 30 ? t.image.slice(0, 27) + '...' : t.image;
  switch (t.tokenType.name) {
    case 'StringLiteral':
      return `the text ${image}`;
    case 'NumberLiteral':
      return `the number ${image}`;
    case 'DateLiteral':
      return `the date ${image}`;
    case 'Identifier':
      return `the word '${image}'`;
    default:
      return `'${image}'`;
  }
}
