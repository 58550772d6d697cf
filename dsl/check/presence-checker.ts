// Missing facts as a check-time matter (PV2039). A fact the vocabulary marks
// optional (order.poNumber, line.endDate, contract.*, every declared attribute)
// has no value on some lines; the engine then stops billing the line with
// PV4001 wherever the value is used, except under `is present` / `is missing`
// and in a function's optional parameter. This pass follows what each
// condition proves: after `x is present and`, after `x is missing or`, in the
// statements of a policy whose `when` proved it, and after any expression that
// already used x (had x been missing, evaluation would have stopped there).
// The set of facts known present is passed down as an argument; nothing is
// stored between items.
import type { Expr, FieldPath, Policy, Span } from '../ast/ast-types.js';
import type { VocabularyIndex } from '../bind/vocabulary-index.js';
import { createDiagnostic } from '../diagnostics/catalog.js';
import type { Diagnostic, FixData } from '../diagnostics/diagnostic-types.js';
import type { FactSignature } from '../vocabulary/vocabulary-types.js';

type Known = ReadonlySet<string>;

/** Facts known present when a condition is true, and when it is false. */
interface Outcome {
  readonly whenTrue: Known;
  readonly whenFalse: Known;
}

/** Where an unguarded read sits: a condition can take a guard, a value cannot. */
interface Site {
  readonly report: (d: Diagnostic) => void;
  readonly index: VocabularyIndex;
  /** The statement the value feeds, for the message ("this condition", "the billing date override"). */
  readonly where: string;
  /** The condition atom that contains the read, and whether a guard before it needs parentheses. */
  readonly atom?: { readonly span: Span; readonly wrap: boolean };
}

/** Reports PV2039 for every unguarded use of a maybe-missing fact in one policy. */
export function checkPresence(
  policy: Policy,
  index: VocabularyIndex,
  report: (d: Diagnostic) => void,
  /** True for items with a syntax error in or after them (skipped, like the other checks). */
  brokenItem: (i: number) => boolean = () => false,
): void {
  let guarded: Known = new Set();
  const whenIndex = policy.items.findIndex((item) => item.$type === 'WhenClause');
  if (whenIndex >= 0) {
    const when = policy.items[whenIndex];
    if (when.$type === 'WhenClause' && !brokenItem(whenIndex)) {
      guarded = condition(when.condition, new Set(), { report, index, where: 'this condition' }, false).whenTrue;
    }
  }
  // The `when` is evaluated first, whatever its place in the text: it guards every statement.
  policy.items.forEach((item, i) => {
    if (brokenItem(i)) return;
    switch (item.$type) {
      case 'HoldStatement':
        if (item.until) condition(item.until, guarded, { report, index, where: 'this condition' }, false);
        break;
      case 'OverrideStatement':
        value(item.target, guarded, new Set(), { report, index, where: 'the billing date override' });
        break;
      case 'BillingDayStatement':
        if (item.day.$type !== 'LastDay') value(item.day, guarded, new Set(), { report, index, where: 'the billing day of month' });
        break;
    }
  });
}

/** Follows a condition; `wrap` is true under `not`, where an inserted guard needs parentheses. */
function condition(expr: Expr, known: Known, site: Site, wrap: boolean): Outcome {
  switch (expr.$type) {
    case 'ParenExpr':
      return condition(expr.inner, known, site, false);
    case 'UnaryExpr':
      if (expr.op === 'not') {
        const inner = condition(expr.operand, known, site, true);
        return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
      }
      break;
    case 'BinaryExpr':
      if (expr.op === 'and' || expr.op === 'or') return junction(expr, known, site, wrap);
      break;
    case 'PresenceExpr': {
      let operand: Expr = expr.operand;
      while (operand.$type === 'ParenExpr') operand = operand.inner;
      if (operand.$type === 'FieldPath') {
        const fact = optionalFact(operand, site.index);
        if (!fact) return { whenTrue: known, whenFalse: known };
        const proven = with1(known, fact.path);
        return expr.present ? { whenTrue: proven, whenFalse: known } : { whenTrue: known, whenFalse: proven };
      }
      // `f(x) is present`: the call itself still needs its required arguments.
      const used = new Set<string>();
      if (operand.$type === 'CallExpr') args(operand, known, used, { ...site, atom: { span: expr.span, wrap } });
      const after = union(known, used);
      return { whenTrue: after, whenFalse: after };
    }
  }
  // An atom: a comparison, `in`, `between`, a word operator, a call or a boolean fact.
  const used = new Set<string>();
  value(expr, known, used, { ...site, atom: { span: expr.span, wrap } });
  const after = union(known, used);
  return { whenTrue: after, whenFalse: after };
}

/** `and`/`or` chains are left-deep: walked iteratively. */
function junction(root: Expr & { $type: 'BinaryExpr' }, known: Known, site: Site, wrap: boolean): Outcome {
  const spine: (Expr & { $type: 'BinaryExpr' })[] = [];
  let node: Expr = root;
  while (node.$type === 'BinaryExpr' && (node.op === 'and' || node.op === 'or')) {
    spine.push(node);
    node = node.left;
  }
  let out = condition(node, known, site, wrap);
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i];
    if (b.op === 'and') {
      const right = condition(b.right, out.whenTrue, site, wrap);
      out = { whenTrue: right.whenTrue, whenFalse: intersect(out.whenFalse, right.whenFalse) };
    } else {
      const right = condition(b.right, out.whenFalse, site, wrap);
      out = { whenTrue: intersect(out.whenTrue, right.whenTrue), whenFalse: right.whenFalse };
    }
  }
  return out;
}

/** A value that must be present; `used` collects the facts it reads (present afterwards). */
function value(expr: Expr, known: Known, used: Set<string>, site: Site): void {
  switch (expr.$type) {
    case 'FieldPath': {
      const fact = optionalFact(expr, site.index);
      if (!fact || known.has(fact.path) || used.has(fact.path)) return;
      used.add(fact.path);
      site.report(diagnostic(expr, fact, site));
      return;
    }
    case 'ParenExpr':
      return value(expr.inner, known, used, site);
    case 'UnaryExpr':
      return value(expr.operand, known, used, site);
    case 'BinaryExpr':
      if (expr.op === 'and' || expr.op === 'or') {
        const inner = condition(expr, union(known, used), { ...site, atom: undefined }, false);
        for (const p of intersect(inner.whenTrue, inner.whenFalse)) used.add(p);
        return;
      }
      value(expr.left, known, used, site);
      value(expr.right, known, used, site);
      return;
    case 'InExpr':
      value(expr.left, known, used, site);
      // Items of a written list may be missing (they never match); the list itself may not.
      if (expr.list.$type !== 'ListLiteral') value(expr.list, known, used, site);
      return;
    case 'BetweenExpr':
      value(expr.operand, known, used, site);
      value(expr.low, known, used, site);
      value(expr.high, known, used, site);
      return;
    case 'WordOperatorExpr':
      value(expr.left, known, used, site);
      value(expr.right, known, used, site);
      return;
    case 'CallExpr':
      args(expr, known, used, site);
      return;
    case 'PresenceExpr': {
      const inner = condition(expr, union(known, used), { ...site, atom: undefined }, false);
      for (const p of intersect(inner.whenTrue, inner.whenFalse)) used.add(p);
      return;
    }
    default:
      return; // literals, lists, Missing
  }
}

function args(call: Expr & { $type: 'CallExpr' }, known: Known, used: Set<string>, site: Site): void {
  const fn = site.index.functions.get(call.callee.text);
  call.args.forEach((arg, i) => {
    if (fn?.params[i]?.optional) return; // an optional parameter takes a missing value
    value(arg, known, used, site);
  });
}

function optionalFact(path: FieldPath, index: VocabularyIndex): FactSignature | undefined {
  const text = path.segments.map((s) => s.text).join('.');
  const fact = index.facts.get(text);
  return fact?.optional ? fact : undefined;
}

function diagnostic(path: FieldPath, fact: FactSignature, site: Site): Diagnostic {
  const args = { name: fact.path, where: site.where };
  const atom = site.atom;
  if (!atom) return createDiagnostic('PV2039', path.span, args);
  const guard = `${fact.path} is present and `;
  const data: FixData = {
    kind: 'edits',
    title: `Add "${guard.trim()}"`,
    edits: atom.wrap
      ? [
          { span: { start: atom.span.start, end: atom.span.start }, text: `(${guard}` },
          { span: { start: atom.span.end, end: atom.span.end }, text: ')' },
        ]
      : [{ span: { start: atom.span.start, end: atom.span.start }, text: guard }],
  };
  return createDiagnostic('PV2039', path.span, args, { data });
}

function with1(set: Known, item: string): Known {
  if (set.has(item)) return set;
  const out = new Set(set);
  out.add(item);
  return out;
}

function union(a: Known, b: Known): Known {
  if (b.size === 0) return a;
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

function intersect(a: Known, b: Known): Known {
  if (a === b) return a;
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}
