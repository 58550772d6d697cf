// The meaning half's entry point: parse every document, bind and type-check
// its policies against the caller's vocabulary, check names across the whole
// library, find static equal-priority conflicts, and return one PolicyModel
// with every diagnostic sorted by file then position. Never throws.
import type { Expr, FieldPath, Span } from '../ast/ast-types.js';
import type { Report } from '../bind/bind-names.js';
import { indexVocabulary } from '../bind/vocabulary-index.js';
import { createDiagnostic } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import { parseDocument } from '../parse/parse-document.js';
import type { Vocabulary } from '../vocabulary/vocabulary-types.js';
import { detectConflicts, type ConflictInput } from './conflict-detector.js';
import { ExprChecker, silentScope } from './expr-checker.js';
import { checkPolicy } from './policy-checker.js';
import { checkPresence } from './presence-checker.js';
import type { CheckedPolicy, PolicyModel, SourceDocument } from './policy-model.js';

export type CheckOptions = Record<string, never>;

export function checkDocuments(docs: readonly SourceDocument[], vocabulary: Vocabulary, _options: CheckOptions = {}): PolicyModel {
  const index = indexVocabulary(vocabulary);
  const checker = new ExprChecker(index);
  const diagnostics: Diagnostic[] = [];
  const documents: PolicyModel['documents'][number][] = [];
  const policies: CheckedPolicy[] = [];
  const conflictInputs: ConflictInput[] = [];
  const names = new Map<string, { file: string; span: Span }>();

  for (const doc of docs) {
    const file = doc.file;
    const parsed = parseDocument(doc.text, file);
    documents.push({ file, text: doc.text, ast: parsed.ast });
    const parseErrorStarts: number[] = [];
    for (const d of parsed.diagnostics) {
      diagnostics.push(d.file === undefined ? { ...d, file } : d);
      if (d.severity === 'error') parseErrorStarts.push(d.span.start);
    }
    parseErrorStarts.sort((a, b) => a - b);

    let errorsHere = 0;
    const report: Report = (d) => {
      if (d.severity === 'error') errorsHere++;
      diagnostics.push(d.file === undefined ? { ...d, file } : d);
    };

    for (const policy of parsed.ast.policies) {
      errorsHere = 0;
      const syntaxErrors = countInSpan(parseErrorStarts, policy.span);
      const items = policy.items;
      // An item's own span up to (and including) the first token of the next
      // item: recovery reports a half-typed item at the token that follows it.
      const brokenItem =
        syntaxErrors === 0
          ? undefined
          : (i: number) => countInSpan(parseErrorStarts, { start: items[i].span.start, end: i + 1 < items.length ? items[i + 1].span.start : policy.span.end }) > 0;
      const result = checkPolicy(policy, file, doc.text, checker, index, report, brokenItem);
      // Only a policy without errors runs, so only its missing facts matter (and no cascades).
      if (errorsHere === 0) checkPresence(policy, index, report, brokenItem);
      if (policy.name.$type !== 'StringLiteral') continue;
      const name = policy.name.value;
      const nameSpan = policy.name.span;
      const earlier = names.get(name);
      if (earlier) {
        report(
          createDiagnostic('PV2033', nameSpan, { name }, { file, related: [{ file: earlier.file, span: earlier.span, message: `"${name}" is first defined here` }] }),
        );
      } else names.set(name, { file, span: nameSpan });
      if (result.statementCount === 0 && syntaxErrors === 0) report(createDiagnostic('PV2034', nameSpan, { name }));
      const { statementCount: _count, ...rest } = result;
      const checked: CheckedPolicy = { ...rest, name, nameSpan };
      policies.push(checked);
      // A policy with errors never runs, so it cannot conflict; a duplicate name is already an error.
      if (errorsHere === 0 && syntaxErrors === 0 && !earlier) conflictInputs.push({ policy: checked, text: doc.text });
    }
  }
  for (const d of detectConflicts(conflictInputs)) diagnostics.push(d);

  const order = new Map<string, number>();
  docs.forEach((d, i) => {
    if (!order.has(d.file)) order.set(d.file, i);
  });
  diagnostics.sort(
    (a, b) =>
      (order.get(a.file ?? '') ?? 0) - (order.get(b.file ?? '') ?? 0) ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  // typeOf/factOf/functionOf re-check the asked-for subtree silently, on first use.
  let recorder: ExprChecker | undefined;
  const recording = (): ExprChecker => {
    if (!recorder) recorder = new ExprChecker(index, true);
    return recorder;
  };
  return {
    documents,
    policies,
    diagnostics,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
    typeOf: (expr: Expr) => {
      const r = recording();
      return r.types.get(expr) ?? r.check(silentScope(), expr);
    },
    factOf: (path: FieldPath) => {
      const r = recording();
      if (!r.facts.has(path)) r.check(silentScope(), path);
      return r.facts.get(path);
    },
    functionOf: (call: Expr) => {
      if (call.$type !== 'CallExpr') return undefined;
      const r = recording();
      if (!r.functions.has(call)) r.check(silentScope(), call);
      return r.functions.get(call);
    },
  };
}

/** How many sorted offsets lie inside the span (binary search: no cost per earlier error). */
function countInSpan(sorted: readonly number[], span: Span): number {
  if (sorted.length === 0) return 0;
  return lowerBound(sorted, span.end + 1) - lowerBound(sorted, span.start);
}

/** First index whose value is >= target. */
function lowerBound(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
