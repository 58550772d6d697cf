// Types expressions bottom-up, binding names on the way. `undefined` means
// "unknown": the node is Missing or an error was already reported below it,
// so callers stay silent (no cascades). Left-deep operator chains are walked
// iteratively, so a condition with thousands of `or`s needs no deep stack.
import type { BetweenExpr, BinaryExpr, CallExpr, Expr, FieldPath, InExpr, ListLiteral, PresenceExpr, Span, StringLiteral, WordOperatorExpr } from '../ast/ast-types.js';
import { bindCall, bindFieldPath, bindOperator, type Report } from '../bind/bind-names.js';
import { didYouMean, suggestNames } from '../bind/did-you-mean.js';
import type { VocabularyIndex } from '../bind/vocabulary-index.js';
import { createDiagnostic } from '../diagnostics/catalog.js';
import type { DslType, FactSignature, FunctionSignature } from '../vocabulary/vocabulary-types.js';
import { BOOLEAN, compatible, DATE, DECIMAL, DURATION, LIST_OF_ANY, listOf, STRING, typeName } from './dsl-types.js';
import { compareDecimalText, dateLiteralProblem, isZeroText } from './literal-values.js';

/** What checking one policy item needs and learns. Passed to every call, never
 * stored on the checker, so no item's settings can leak into the next. */
export interface ItemScope {
  /** Source text of the item's document (operands quoted in messages). */
  readonly text: string;
  readonly report: Report;
  /** False inside `billing day of month` (period facts are reported there). */
  readonly periodAllowed: boolean;
  /** Set when a period-scoped fact (billingDate) was read in this scope. */
  usedPeriodFact: boolean;
}

/** A scope that reports nothing (the lazy lookups of PolicyModel). */
export function silentScope(): ItemScope {
  return { text: '', report: () => {}, periodAllowed: true, usedPeriodFact: false };
}

export class ExprChecker {
  /** Filled only when recording (the lazy lookups behind PolicyModel.typeOf/factOf/functionOf):
   * the checking pass itself allocates nothing per node. */
  readonly types = new Map<Expr, DslType>();
  readonly facts = new Map<FieldPath, FactSignature>();
  readonly functions = new Map<Expr, FunctionSignature>();
  /** The fact the last checked FieldPath bound to (read by `is present`). */
  private lastFact: FactSignature | undefined;

  constructor(
    private readonly index: VocabularyIndex,
    private readonly record = false,
  ) {}

  check(s: ItemScope, expr: Expr): DslType | undefined {
    if (expr.$type === 'BinaryExpr') return this.binaryChain(s, expr);
    const t = this.single(s, expr);
    if (t !== undefined && this.record) this.types.set(expr, t);
    return t;
  }

  /** Checks that `expr` is a condition; reports `code` with the actual type otherwise. */
  expectBoolean(s: ItemScope, expr: Expr, code: 'PV2024' | 'PV2025'): void {
    const t = this.check(s, expr);
    if (t !== undefined && t.kind !== 'boolean' && t.kind !== 'any') {
      s.report(createDiagnostic(code, expr.span, { actual: typeName(t) }));
    }
  }

  private single(s: ItemScope, expr: Expr): DslType | undefined {
    switch (expr.$type) {
      case 'Missing':
        return undefined;
      case 'StringLiteral':
        return STRING;
      case 'NumberLiteral':
        return DECIMAL;
      case 'BooleanLiteral':
        return BOOLEAN;
      case 'DurationLiteral':
        return DURATION;
      case 'DateLiteral': {
        const reason = dateLiteralProblem(expr.text);
        if (reason !== undefined) s.report(createDiagnostic('PV2029', expr.span, { text: expr.text, reason }));
        return DATE;
      }
      case 'ParenExpr':
        return this.check(s, expr.inner);
      case 'ListLiteral':
        return this.list(s, expr);
      case 'FieldPath':
        return this.field(s, expr);
      case 'CallExpr':
        return this.call(s, expr);
      case 'UnaryExpr': {
        const t = this.check(s, expr.operand);
        if (t === undefined) return expr.op === 'not' ? BOOLEAN : undefined;
        if (expr.op === 'not') {
          if (t.kind !== 'boolean' && t.kind !== 'any') s.report(createDiagnostic('PV2010', expr.operand.span, { op: 'not', actual: typeName(t) }));
          return BOOLEAN;
        }
        if (t.kind === 'decimal' || t.kind === 'duration' || t.kind === 'any') return t;
        s.report(createDiagnostic('PV2013', expr.span, { op: '-', operands: typeName(t) }));
        return undefined;
      }
      case 'InExpr':
        return this.inExpr(s, expr);
      case 'PresenceExpr':
        return this.presence(s, expr);
      case 'BetweenExpr':
        return this.between(s, expr);
      case 'WordOperatorExpr':
        return this.wordOperator(s, expr);
      case 'BinaryExpr':
        return this.binaryChain(s, expr);
    }
  }

  private field(s: ItemScope, path: FieldPath): DslType | undefined {
    const fact = bindFieldPath(path, this.index, s.report);
    this.lastFact = fact;
    if (!fact) return undefined;
    if (this.record) this.facts.set(path, fact);
    if (fact.scope === 'period') {
      s.usedPeriodFact = true;
      if (!s.periodAllowed) s.report(createDiagnostic('PV2008', path.span, { name: fact.path }));
    }
    return fact.type;
  }

  private call(s: ItemScope, call: CallExpr): DslType | undefined {
    const fn = bindCall(call, this.index, s.report);
    const argTypes: (DslType | undefined)[] = [];
    for (const arg of call.args) argTypes.push(this.check(s, arg));
    if (!fn) return undefined;
    if (this.record) this.functions.set(call, fn);
    const params = fn.params;
    let min = 0;
    for (const p of params) if (!p.optional) min++;
    const given = call.args.length;
    if (given < min || given > params.length) {
      const expected =
        min === params.length
          ? `${min === 0 ? 'no' : min} argument${min === 1 ? '' : 's'}`
          : `${min} to ${params.length} arguments`;
      s.report(createDiagnostic('PV2022', call.span, { name: fn.name, expected, actual: `${given} ${given === 1 ? 'was' : 'were'}` }));
      return fn.returns;
    }
    for (let i = 0; i < given; i++) {
      const t = argTypes[i];
      const param = params[i];
      if (t === undefined) continue;
      if (!compatible(t, param.type)) {
        s.report(
          createDiagnostic('PV2023', call.args[i].span, { index: i + 1, param: param.name, name: fn.name, expected: typeName(param.type), actual: typeName(t) }),
        );
      } else this.enumLiteral(s, call.args[i], param.type);
    }
    return fn.returns;
  }

  private list(s: ItemScope, list: ListLiteral): DslType {
    let first: DslType | undefined;
    for (const item of list.items) {
      const t = this.check(s, item);
      if (t === undefined) continue;
      if (first === undefined) first = t;
      else if (!compatible(first, t)) s.report(createDiagnostic('PV2037', item.span, { actual: typeName(t), expected: typeName(first) }));
    }
    return first === undefined ? LIST_OF_ANY : listOf(first);
  }

  private inExpr(s: ItemScope, expr: InExpr): DslType {
    const left = this.check(s, expr.left);
    const op = expr.negated ? 'not in' : 'in';
    if (expr.list.$type === 'ListLiteral' && left !== undefined) {
      // Items are judged against the left side, not against each other.
      for (const item of expr.list.items) {
        const t = this.check(s, item);
        if (t === undefined) continue;
        if (!compatible(left, t)) s.report(createDiagnostic('PV2016', item.span, { actual: typeName(t), expected: typeName(left) }));
        else this.enumLiteral(s, item, left);
      }
      if (this.record) this.types.set(expr.list, listOf(left));
      return BOOLEAN;
    }
    const list = this.check(s, expr.list);
    if (list === undefined || left === undefined || list.kind === 'any') return BOOLEAN;
    if (list.kind !== 'list') s.report(createDiagnostic('PV2017', expr.list.span, { op, actual: typeName(list) }));
    else if (!compatible(left, list.element)) s.report(createDiagnostic('PV2016', expr.list.span, { actual: typeName(list), expected: typeName(left) }));
    return BOOLEAN;
  }

  private presence(s: ItemScope, expr: PresenceExpr): DslType {
    this.lastFact = undefined;
    this.check(s, expr.operand);
    let operand: Expr = expr.operand;
    while (operand.$type === 'ParenExpr') operand = operand.inner;
    if (operand.$type === 'FieldPath') {
      const fact = this.lastFact as FactSignature | undefined; // set by check() above
      if (fact && !fact.optional) {
        s.report(
          createDiagnostic('PV2020', expr.span, { name: fact.path, word: expr.present ? 'present' : 'missing', result: expr.present ? 'true' : 'false' }),
        );
      }
    }
    return BOOLEAN;
  }

  private between(s: ItemScope, expr: BetweenExpr): DslType {
    const t = this.check(s, expr.operand);
    const low = this.check(s, expr.low);
    const high = this.check(s, expr.high);
    if (t === undefined || t.kind === 'any') return BOOLEAN;
    if (t.kind !== 'decimal' && t.kind !== 'date') {
      s.report(createDiagnostic('PV2012', expr.operand.span, { op: 'between', left: typeName(t), right: typeName(t) }));
      return BOOLEAN;
    }
    let boundsOk = true;
    for (const [bound, bt] of [[expr.low, low], [expr.high, high]] as const) {
      if (bt !== undefined && bt.kind !== 'any' && bt.kind !== t.kind) {
        boundsOk = false;
        s.report(createDiagnostic('PV2018', bound.span, { expected: typeName(t), actual: typeName(bt) }));
      }
    }
    if (!boundsOk) return BOOLEAN;
    const lowText = literalText(expr.low, t);
    const highText = literalText(expr.high, t);
    if (lowText !== undefined && highText !== undefined) {
      const order = t.kind === 'date' ? (lowText < highText ? -1 : lowText > highText ? 1 : 0) : compareDecimalText(lowText, highText);
      if (order > 0) s.report(createDiagnostic('PV2019', spanOf(expr.low.span, expr.high.span), { low: lowText, high: highText }));
    }
    return BOOLEAN;
  }

  private wordOperator(s: ItemScope, expr: WordOperatorExpr): DslType {
    const op = bindOperator(expr, this.index, s.report);
    const left = this.check(s, expr.left);
    const right = this.check(s, expr.right);
    if (!op || left === undefined || right === undefined) return BOOLEAN;
    if (!compatible(left, op.left) || !compatible(right, op.right)) {
      s.report(
        createDiagnostic('PV2021', expr.span, {
          op: op.name,
          expectedLeft: typeName(op.left),
          expectedRight: typeName(op.right),
          left: typeName(left),
          right: typeName(right),
        }),
      );
    }
    return BOOLEAN;
  }

  private binaryChain(s: ItemScope, root: BinaryExpr): DslType | undefined {
    const spine: BinaryExpr[] = [];
    let node: Expr = root;
    while (node.$type === 'BinaryExpr') {
      spine.push(node);
      node = node.left;
    }
    let leftType = this.check(s, node);
    for (let i = spine.length - 1; i >= 0; i--) {
      const b = spine[i];
      const rightType = this.check(s, b.right);
      leftType = this.binary(s, b, leftType, rightType);
      if (leftType !== undefined && this.record) this.types.set(b, leftType);
    }
    return leftType;
  }

  private binary(s: ItemScope, b: BinaryExpr, l: DslType | undefined, r: DslType | undefined): DslType | undefined {
    const op = b.op;
    switch (op) {
      case 'and':
      case 'or':
        if (l !== undefined && l.kind !== 'boolean' && l.kind !== 'any') s.report(createDiagnostic('PV2010', b.left.span, { op, actual: typeName(l) }));
        if (r !== undefined && r.kind !== 'boolean' && r.kind !== 'any') s.report(createDiagnostic('PV2010', b.right.span, { op, actual: typeName(r) }));
        return BOOLEAN;
      case '=':
      case '!=':
        if (l === undefined || r === undefined) return BOOLEAN;
        if (!compatible(l, r)) s.report(createDiagnostic('PV2011', b.span, { op, left: typeName(l), right: typeName(r) }));
        else {
          this.enumLiteral(s, b.right, l);
          this.enumLiteral(s, b.left, r);
        }
        return BOOLEAN;
      case '<':
      case '<=':
      case '>':
      case '>=':
        if (l === undefined || r === undefined || l.kind === 'any' || r.kind === 'any') return BOOLEAN;
        if (!((l.kind === 'decimal' && r.kind === 'decimal') || (l.kind === 'date' && r.kind === 'date'))) {
          s.report(createDiagnostic('PV2012', b.span, { op, left: typeName(l), right: typeName(r) }));
        }
        return BOOLEAN;
      default:
        return this.arithmetic(s, b, l, r);
    }
  }

  private arithmetic(s: ItemScope, b: BinaryExpr, l: DslType | undefined, r: DslType | undefined): DslType | undefined {
    const op = b.op;
    if (op === '/' && b.right.$type === 'NumberLiteral' && isZeroText(b.right.text)) {
      s.report(createDiagnostic('PV2036', b.right.span));
      return DECIMAL;
    }
    if (l === undefined || r === undefined) return undefined;
    if (l.kind === 'any' || r.kind === 'any') return l.kind === 'any' ? r : l;
    const lk = l.kind;
    const rk = r.kind;
    if (lk === 'decimal' && rk === 'decimal') return DECIMAL;
    if (op === '+' || op === '-') {
      if (lk === 'date' && rk === 'duration') return DATE;
      if (op === '+' && lk === 'duration' && rk === 'date') return DATE;
      if (lk === 'duration' && rk === 'duration') return DURATION;
      if (op === '-' && lk === 'date' && rk === 'date') {
        s.report(createDiagnostic('PV2014', b.span, { left: this.shortText(s, b.right.span, 'from'), right: this.shortText(s, b.left.span, 'to') }));
        return undefined;
      }
    }
    s.report(createDiagnostic('PV2013', b.span, { op, operands: `${typeName(l)} and ${typeName(r)}` }));
    return undefined;
  }

  /** A string literal compared with an enum must be one of its values. */
  private enumLiteral(s: ItemScope, expr: Expr, expected: DslType): void {
    if (expected.kind !== 'enum') return;
    let e: Expr = expr;
    while (e.$type === 'ParenExpr') e = e.inner;
    if (e.$type !== 'StringLiteral') return;
    const lit: StringLiteral = e;
    if (expected.values.includes(lit.value)) return;
    const candidates = suggestNames(lit.value, expected.values);
    s.report(
      createDiagnostic(
        'PV2015',
        lit.span,
        { value: lit.value, type: expected.name, allowed: expected.values.join(', '), didYouMean: didYouMean(candidates) },
        candidates.length > 0 ? { data: { kind: 'replace', span: lit.span, candidates: candidates.map((c) => JSON.stringify(c)) } } : {},
      ),
    );
  }

  private shortText(s: ItemScope, span: Span, fallback: string): string {
    const t = s.text.slice(span.start, span.end).replace(/\s+/g, ' ');
    return t.length > 0 && t.length <= 40 ? t : fallback;
  }
}

function spanOf(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The literal value of a bound (`5`, `-5`, `2026-01-01`), or undefined. */
function literalText(expr: Expr, t: DslType): string | undefined {
  let e: Expr = expr;
  while (e.$type === 'ParenExpr') e = e.inner;
  if (t.kind === 'date') return e.$type === 'DateLiteral' && dateLiteralProblem(e.text) === undefined ? e.text : undefined;
  if (e.$type === 'NumberLiteral') return e.text;
  if (e.$type === 'UnaryExpr' && e.op === '-' && e.operand.$type === 'NumberLiteral') return '-' + e.operand.text;
  return undefined;
}
