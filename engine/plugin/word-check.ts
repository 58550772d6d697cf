// A plugin word's optional static check (Langium-style validation): after the
// DSL checker, every call of a function that declares `check` is shown to it
// with its arguments (literal values where written as literals, and spans);
// what it reports becomes a PV2901 (error) or PV2902 (warning) diagnostic at
// the argument or the call, through the one diagnostic catalog.
import type { Expr } from '../../dsl/ast/ast-types.js';
import type { PolicyModel, SourceDocument } from '../../dsl/check/policy-model.js';
import { checkDocuments } from '../../dsl/check/check-documents.js';
import { createDiagnostic } from '../../dsl/diagnostics/catalog.js';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import type { Span } from '../../dsl/ast/ast-types.js';
import type { Registry } from '../vocabulary/registry.js';

export interface WordCallArg {
  /** The value when the argument is written as a literal: string, date text
   * (`2026-12-25`), number text, boolean; undefined for any other expression. */
  readonly literal?: string | boolean;
  readonly span: Span;
}

export interface WordCall {
  readonly word: string;
  readonly args: readonly WordCallArg[];
  readonly span: Span;
}

export interface WordProblem {
  readonly message: string;
  /** Default `error` (PV2901); `warning` is PV2902. */
  readonly severity?: 'error' | 'warning';
  /** Index of the argument the problem is about (its span is reported); else the whole call. */
  readonly arg?: number;
}

/** Returns the problems of one call (none: an empty array or nothing). Pure. */
export type WordCheck = (call: WordCall) => readonly WordProblem[] | void;

function literalOf(e: Expr): string | boolean | undefined {
  switch (e.$type) {
    case 'StringLiteral':
    case 'BooleanLiteral':
      return e.value;
    case 'DateLiteral':
    case 'NumberLiteral':
      return e.text;
    default:
      return undefined;
  }
}

function* callsIn(node: unknown): Generator<Extract<Expr, { $type: 'CallExpr' }>> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* callsIn(n);
    return;
  }
  const rec = node as Record<string, unknown>;
  if (rec.$type === 'CallExpr') yield rec as unknown as Extract<Expr, { $type: 'CallExpr' }>;
  for (const [k, v] of Object.entries(rec)) if (k !== 'span' && v && typeof v === 'object') yield* callsIn(v);
}

/** Runs the static checks of the registry's words over a checked model. A
 * check that throws is reported as its word's error, never a crash. */
export function checkWordCalls(model: PolicyModel, registry: Registry): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of model.documents) {
    for (const call of callsIn(doc.ast)) {
      const word = call.callee.text;
      const check = registry.function(word)?.check;
      if (!check) continue;
      const args = call.args.map((a) => ({ span: a.span, ...(literalOf(a) !== undefined ? { literal: literalOf(a) } : {}) }));
      let problems: readonly WordProblem[];
      try {
        problems = check({ word, args, span: call.span }) ?? [];
      } catch (e) {
        problems = [{ message: `its check failed: ${e instanceof Error ? e.message : String(e)}` }];
      }
      for (const p of problems) {
        const span = p.arg !== undefined && args[p.arg] ? args[p.arg].span : call.span;
        out.push(createDiagnostic(p.severity === 'warning' ? 'PV2902' : 'PV2901', span, { word, message: String(p.message) }, { file: doc.file }));
      }
    }
  }
  return out;
}

/** checkDocuments plus the words' own checks: the model every front end
 * (CLI, service, testPlugin) checks policies with. */
export function checkWithWords(docs: readonly SourceDocument[], registry: Registry): PolicyModel {
  const model = checkDocuments(docs, registry.vocabulary());
  const extra = checkWordCalls(model, registry);
  if (extra.length === 0) return model;
  const diagnostics = [...model.diagnostics, ...extra];
  return { ...model, diagnostics, hasErrors: diagnostics.some((d) => d.severity === 'error') };
}
