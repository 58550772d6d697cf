// Trace entries: which policy set what, to which value, and the fact values
// that decided it. Built only for policies that applied (lazily), so lines
// no policy touches allocate nothing here.
import type { EvaluationError, TraceEntry } from '../results/index.js';
import type { CompiledPolicy, CompiledPolicySet } from './compile-policies.js';
import { evalMessage } from './eval-codes.js';
import { EvaluationFailure } from './evaluation-failure.js';
import type { LineContext } from '../results/index.js';

/** The facts a policy read, as text (`null` when absent). */
export function factValues(p: CompiledPolicy, ctx: LineContext, set: CompiledPolicySet): Record<string, string | null> | undefined {
  return p.traceFacts.length === 0 ? undefined : set.cache.factTexts(p.traceFacts, ctx);
}

export function traceEntry(
  p: CompiledPolicy,
  setting: string,
  value: string,
  ctx: LineContext,
  compiled: CompiledPolicySet,
): TraceEntry {
  const facts = factValues(p, ctx, compiled);
  return facts ? { policy: p.name, set: setting, value, facts } : { policy: p.name, set: setting, value };
}

/** An EvaluationError for a failure while evaluating policy `p` on a line. */
export function toEvaluationError(err: unknown, p: CompiledPolicy, ctx: LineContext): EvaluationError {
  if (err instanceof EvaluationFailure) {
    err.policy ??= p.name;
    return { orderProductId: ctx.line.id, code: err.code, message: `${p.name}: ${err.message}`, policy: p.name };
  }
  // Not expected (a bug in a built-in): still reported per line, never a crash of the run.
  const message = err instanceof Error ? err.message : String(err);
  return { orderProductId: ctx.line.id, code: 'PV4004', message: `${p.name}: ${evalMessage('PV4004', { kind: 'policy', name: JSON.stringify(p.name), error: message })}`, policy: p.name };
}
