// Checked policies -> json-rules-engine rules (`proviso export --format
// json-rules-engine`). Each policy becomes one rule: its `when` as the rule's
// conditions, its statements as the event (`{ type, params }`), its priority as
// the rule's priority. What json-rules-engine cannot express (arithmetic,
// function calls, constant-vs-constant comparisons) is reported as a diagnostic
// at the construct's position and that policy is left out — never exported
// with a silently weakened condition.
import type { Expr, FieldPath, HoldStatement, Span } from '../../dsl/ast/ast-types.js';
import type { CheckedPolicy, PolicyModel } from '../../dsl/check/policy-model.js';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { fillTemplate } from '../../dsl/diagnostics/syntax-report.js';
import {
  JRE_COMPARISONS,
  JRE_CUSTOM_OPERATORS,
  MIRRORED,
  type JreCondition,
  type JreExport,
  type JreFactRef,
  type JreLeaf,
  type JreRule,
  type JreValue,
} from './jre-types.js';

/** Interop diagnostic codes (5xxx). */
export const INTEROP_CODES = {
  cannotExport: 'PV5001',
  exportApproximation: 'PV5002',
} as const;

/** The interop codes as documented in docs/diagnostics.md (severity, message, fix). */
export const INTEROP_CODE_DOCS = {
  PV5001: {
    severity: 'error',
    message: 'policy "{name}" cannot be exported to json-rules-engine: {reason}',
    fix: 'json-rules-engine compares facts with constants; rewrite the condition without arithmetic between facts or function calls, or keep the policy in Proviso only. The other policies are still exported.',
  },
  PV5002: {
    severity: 'warning',
    message: 'policy "{name}": {construct}; json-rules-engine cannot compute it',
    fix: 'Replace the computed date with a literal date if the exported rule must be evaluated outside Proviso.',
  },
} as const;

/** A PV50xx message from its documented template. */
export function interopMessage(code: keyof typeof INTEROP_CODE_DOCS, args: Readonly<Record<string, string>>): string {
  return fillTemplate(INTEROP_CODE_DOCS[code].message, args);
}

export interface JreExportResult {
  readonly document: JreExport;
  readonly diagnostics: readonly Diagnostic[];
  /** Names of the policies left out because of an error diagnostic. */
  readonly skipped: readonly string[];
}

class CannotExport extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message);
  }
}

const FACTS_DOC: Record<string, string> = {
  account: 'the account: id, name, currency, timezone, billingDayOfMonth and its declared attributes',
  contract: 'the contract: id, startDate, endDate (null when the order has none)',
  order: 'the order: id, type, status, activatedDate, poNumber and its declared attributes',
  line: 'the order product: quantity, unitPrice (JSON numbers), startDate, endDate, billingFrequency, billingType, chargeType, billingDayOfMonth, amends and its declared attributes',
  product: 'the product: code, name',
  today: "the run's target date, YYYY-MM-DD",
  billingDate: "the period's natural billing date, YYYY-MM-DD (only when rules are run per period)",
};

export function exportJre(model: PolicyModel): JreExportResult {
  const diagnostics: Diagnostic[] = [];
  const skipped: string[] = [];
  const rules: JreRule[] = [];
  const used = new Set<string>();
  const textOf = (p: CheckedPolicy, span: Span): string => {
    const doc = model.documents.find((d) => d.file === p.file);
    return doc ? doc.text.slice(span.start, span.end) : '';
  };
  // json-rules-engine priorities are integers >= 1; the DSL allows 0 and below.
  const minPriority = Math.min(1, ...model.policies.map((p) => p.priority));
  const shift = 1 - minPriority;

  for (const policy of model.policies) {
    try {
      const ctx: Ctx = { model, policy, used, diagnostics, textOf: (s) => textOf(policy, s) };
      const conditions = policy.when ? rootCondition(toCondition(policy.when, ctx)) : { all: [] };
      const event = toEvent(policy, ctx);
      rules.push({ name: policy.name, priority: policy.priority + shift, conditions, event });
    } catch (e) {
      if (!(e instanceof CannotExport)) throw e;
      skipped.push(policy.name);
      diagnostics.push({
        code: INTEROP_CODES.cannotExport,
        severity: 'error',
        message: interopMessage(INTEROP_CODES.cannotExport, { name: policy.name, reason: e.message }),
        span: e.span,
        file: policy.file,
      });
    }
  }
  const customOperators: Record<string, string> = {};
  for (const name of [...used].sort()) {
    customOperators[name] = JRE_CUSTOM_OPERATORS[name]?.doc ?? `the plugin word operator "${name}"; register an implementation with engine.addOperator`;
  }
  return { document: { format: 'json-rules-engine', facts: FACTS_DOC, customOperators, rules }, diagnostics, skipped };
}

interface Ctx {
  readonly model: PolicyModel;
  readonly policy: CheckedPolicy;
  readonly used: Set<string>;
  readonly diagnostics: Diagnostic[];
  textOf(span: Span): string;
}

function rootCondition(c: JreCondition): JreCondition {
  return 'all' in c || 'any' in c || 'not' in c ? c : { all: [c] };
}

function unwrap(e: Expr): Expr {
  while (e.$type === 'ParenExpr') e = e.inner;
  return e;
}

function factOf(path: FieldPath): JreFactRef {
  const [head, ...rest] = path.segments.map((s) => s.text);
  return rest.length ? { fact: head, path: `$.${rest.join('.')}` } : { fact: head };
}

function leaf(ref: JreFactRef, operator: string, value: JreValue): JreLeaf {
  return ref.path ? { fact: ref.fact, path: ref.path, operator, value } : { fact: ref.fact, operator, value };
}

/** A literal (or list of literals) as a JSON value; undefined when not a literal. */
function literal(e: Expr): JreValue | undefined {
  e = unwrap(e);
  switch (e.$type) {
    case 'StringLiteral':
      return e.value;
    case 'DateLiteral':
      return e.text;
    case 'NumberLiteral':
      return Number(e.text);
    case 'BooleanLiteral':
      return e.value;
    case 'UnaryExpr': {
      const inner = unwrap(e.operand);
      if (e.op === '-' && inner.$type === 'NumberLiteral') return -Number(inner.text);
      return undefined;
    }
    case 'ListLiteral': {
      const items = e.items.map(literal);
      return items.every((x) => x !== undefined && !Array.isArray(x)) ? (items as JreValue[]) : undefined;
    }
    default:
      return undefined;
  }
}

/** A field path or a literal as a comparison value. */
function operand(e: Expr): { kind: 'fact'; ref: JreFactRef } | { kind: 'value'; value: JreValue } | undefined {
  const u = unwrap(e);
  if (u.$type === 'FieldPath') return { kind: 'fact', ref: factOf(u) };
  const v = literal(u);
  return v === undefined ? undefined : { kind: 'value', value: v };
}

function cannot(e: Expr, ctx: Ctx, what: string): never {
  throw new CannotExport(e.span, `${what} (\`${ctx.textOf(e.span)}\`) has no json-rules-engine equivalent`);
}

function toCondition(expr: Expr, ctx: Ctx): JreCondition {
  const e = unwrap(expr);
  switch (e.$type) {
    case 'BinaryExpr': {
      if (e.op === 'and' || e.op === 'or') {
        const key = e.op === 'and' ? 'all' : 'any';
        const parts: JreCondition[] = [];
        for (const side of [e.left, e.right]) {
          const c = toCondition(side, ctx);
          if (key in c && !('fact' in c)) parts.push(...(c as unknown as Record<string, JreCondition[]>)[key]);
          else parts.push(c);
        }
        return key === 'all' ? { all: parts } : { any: parts };
      }
      if (e.op in JRE_COMPARISONS) return comparison(e.op as keyof typeof JRE_COMPARISONS, e.left, e.right, e, ctx);
      return cannot(e, ctx, `arithmetic \`${e.op}\``);
    }
    case 'UnaryExpr':
      if (e.op === 'not') return { not: toCondition(e.operand, ctx) };
      return cannot(e, ctx, 'a negated number as a condition');
    case 'InExpr': {
      const left = operand(e.left);
      const list = operand(e.list);
      if (left?.kind === 'fact' && list?.kind === 'value' && Array.isArray(list.value)) {
        return leaf(left.ref, e.negated ? 'notIn' : 'in', list.value);
      }
      if (left?.kind === 'value' && list?.kind === 'fact') {
        return leaf(list.ref, e.negated ? 'doesNotContain' : 'contains', left.value);
      }
      return cannot(e, ctx, '`in` with a computed side');
    }
    case 'PresenceExpr': {
      const o = operand(e.operand);
      if (o?.kind !== 'fact') return cannot(e, ctx, '`is present`/`is missing` of a computed value');
      return leaf(o.ref, e.present ? 'notEqual' : 'equal', null);
    }
    case 'BetweenExpr':
      return {
        all: [comparison('>=', e.operand, e.low, e, ctx), comparison('<=', e.operand, e.high, e, ctx)],
      };
    case 'WordOperatorExpr': {
      const left = operand(e.left);
      const right = operand(e.right);
      // `["EMEA", "APAC"] contains account.region` is membership of the fact in the list
      if (e.operator === 'contains' && left?.kind === 'value' && Array.isArray(left.value) && right?.kind === 'fact') {
        return leaf(right.ref, 'in', left.value);
      }
      if (left?.kind !== 'fact' || !right) return cannot(e, ctx, `\`${e.operator}\` with a computed left side`);
      const value: JreValue = right.kind === 'fact' ? right.ref : right.value;
      let op: string;
      if (e.operator === 'contains') {
        const t = ctx.model.typeOf(unwrap(e.left));
        op = t?.kind === 'list' ? 'contains' : 'stringContains';
      } else if (e.operator === 'starts with') op = 'startsWith';
      else if (e.operator === 'ends with') op = 'endsWith';
      else op = e.operator.replace(/ ([a-z])/g, (_m, c: string) => c.toUpperCase());
      if (op !== 'contains') ctx.used.add(op);
      return leaf(left.ref, op, value);
    }
    case 'FieldPath':
      return leaf(factOf(e), 'equal', true);
    case 'BooleanLiteral':
      return e.value ? { all: [] } : { any: [] };
    case 'CallExpr':
      return cannot(e, ctx, `the function call ${e.callee.text}()`);
    case 'Missing':
      return cannot(e, ctx, 'an incomplete condition');
    default:
      return cannot(e, ctx, 'this expression');
  }
}

function comparison(op: keyof typeof JRE_COMPARISONS, l: Expr, r: Expr, whole: Expr, ctx: Ctx): JreCondition {
  let left = operand(l);
  let right = operand(r);
  let o: string = op;
  if (left?.kind === 'value' && right?.kind === 'fact') {
    [left, right] = [right, left];
    o = MIRRORED[op];
  }
  if (!left || !right) {
    const bad = !left ? l : r;
    return cannot(unwrap(bad), ctx, describeComputed(unwrap(bad)));
  }
  if (left.kind !== 'fact') return cannot(whole, ctx, 'a comparison of two constants');
  const value: JreValue = right.kind === 'fact' ? right.ref : right.value;
  return leaf(left.ref, JRE_COMPARISONS[o as keyof typeof JRE_COMPARISONS], value);
}

function describeComputed(e: Expr): string {
  if (e.$type === 'CallExpr') return `the function call ${e.callee.text}()`;
  if (e.$type === 'BinaryExpr') return `arithmetic \`${e.op}\``;
  if (e.$type === 'DurationLiteral') return 'a duration';
  return 'a computed value';
}

function toEvent(policy: CheckedPolicy, ctx: Ctx): { type: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { policy: policy.name, priority: policy.priority };
  const kinds: string[] = [];
  if (policy.holds.length > 0) {
    kinds.push('hold');
    params.hold = policy.holds.map((h) => holdParams(h, ctx));
  }
  if (policy.billingDay) {
    kinds.push('billingDay');
    const day = policy.billingDay.day;
    if (day.$type === 'LastDay') params.billingDay = 'last';
    else {
      const v = literal(day);
      params.billingDay = typeof v === 'number' ? v : { expression: ctx.textOf(day.span) };
      if (typeof v !== 'number') approximation(day.span, ctx, 'the billing day expression is kept as DSL text in event.params.billingDay.expression');
    }
  }
  if (policy.override) {
    kinds.push('override');
    const target = unwrap(policy.override.target);
    const o: Record<string, unknown> = {};
    if (target.$type === 'DateLiteral') o.to = target.text;
    else {
      o.expression = ctx.textOf(policy.override.target.span);
      approximation(policy.override.target.span, ctx, 'the override date expression is kept as DSL text in event.params.override.expression');
    }
    const reason = policy.override.reason;
    if (reason && reason.$type === 'StringLiteral') o.reason = reason.value;
    params.override = o;
  }
  if (policy.align) {
    kinds.push('align');
    params.align = policy.align;
  }
  if (policy.prorate) {
    kinds.push('prorate');
    params.prorate = { ...policy.prorate };
  }
  return { type: kinds.length === 1 ? kinds[0] : 'policy', params };
}

function holdParams(h: HoldStatement, ctx: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (h.reason && h.reason.$type === 'StringLiteral') out.reason = h.reason.value;
  if (h.until) out.until = rootCondition(toCondition(h.until, ctx));
  return out;
}

function approximation(span: Span, ctx: Ctx, message: string): void {
  ctx.diagnostics.push({
    code: INTEROP_CODES.exportApproximation,
    severity: 'warning',
    message: interopMessage(INTEROP_CODES.exportApproximation, { name: ctx.policy.name, construct: message }),
    span,
    file: ctx.policy.file,
  });
}
