// Trace entries: which policy set what, to which value, and the fact values
// that decided it. Built only for policies that applied (lazily), so lines
// no policy touches allocate nothing here.
import type { EvaluationError, TraceEntry } from '../plan/simulation-types.js';
import { valueText } from '../vocabulary/runtime-values.js';
import type { Registry } from '../vocabulary/registry.js';
import type { CompiledPolicy } from './compile-policies.js';
import { EvaluationFailure } from './evaluation-failure.js';
import type { LineContext } from './line-context.js';

/** The facts a policy read, as text (`null` when absent). */
export function factValues(p: CompiledPolicy, ctx: LineContext, registry: Registry): Record<string, string | null> | undefined {
  if (p.traceFacts.length === 0) return undefined;
  const out: Record<string, string | null> = {};
  for (const path of p.traceFacts) {
    const def = registry.fact(path);
    let text: string | null;
    try {
      text = def ? valueText(def.get(ctx) ?? null) : null;
    } catch (e) {
      text = `(error: ${e instanceof Error ? e.message : String(e)})`;
    }
    out[path] = text;
  }
  return out;
}

export function traceEntry(
  p: CompiledPolicy,
  set: string,
  value: string,
  ctx: LineContext,
  registry: Registry,
): TraceEntry {
  const facts = factValues(p, ctx, registry);
  return facts ? { policy: p.name, set, value, facts } : { policy: p.name, set, value };
}

/** An EvaluationError for a failure while evaluating policy `p` on a line. */
export function toEvaluationError(err: unknown, p: CompiledPolicy, ctx: LineContext): EvaluationError {
  if (err instanceof EvaluationFailure) {
    err.policy ??= p.name;
    return { orderProductId: ctx.line.id, code: err.code, message: `${p.name}: ${err.message}`, policy: p.name };
  }
  // Not expected (a bug in a built-in): still reported per line, never a crash of the run.
  const message = err instanceof Error ? err.message : String(err);
  return { orderProductId: ctx.line.id, code: 'PV4004', message: `${p.name}: evaluation failed: ${message}`, policy: p.name };
}
