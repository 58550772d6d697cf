// Plans one order product for a billing run on `asOf` (DESIGN §3): decide
// (policies), cut the term into periods, date each period (natural date, then
// per-period overrides, with the look-ahead), reconcile with billed coverage,
// and price the charges and credits (rounded once per line).
//
// Outcomes for one order product, exactly one of:
//   - its order is a draft                    -> nothing (drafts do not bill)
//   - evaluation or planning errors           -> errors, no lines (never bill on a failed decision);
//                                                also a hold report when it is held as well
//   - held (a policy, or holdBilling: true)   -> a hold report, no lines (no credits either)
//   - otherwise                               -> charges for the uncovered days of every period whose
//                                                (overridden) billing date is on or before asOf, and
//                                                credits for billed days outside today's term
import type { OrderProduct } from '../book/book-types.js';
import type { HoldReport, PlannedLine, PlanOutput, TraceEntry } from '../results/index.js';
import type { Registry } from '../vocabulary/registry.js';
import { mergeCoverage, resolveCoverage } from './billed-coverage.js';
import { lineContext, type BookIndex } from './book-index.js';
import { LinePricer } from './line-pricer.js';
import { scheduleLine, toPlanError } from './line-schedule.js';
import { PLAN_CODES } from './plan-codes.js';
import type { PlanEvaluator } from './plan-evaluator.js';
import { periodsForRun } from './period-generator.js';
import { chargesOf, creditsOf } from './reconcile.js';

export { indexBook, lineContext, type BookIndex } from './book-index.js';
export { HOLD_BILLING_REASON } from './line-schedule.js';

/** Plans one order product into `out`. */
export function planLine(index: BookIndex, line: OrderProduct, asOf: string, evaluator: PlanEvaluator, registry: Registry, out: PlanOutput): void {
  const ctx = lineContext(index, line, asOf);
  if (!ctx) {
    out.errors.push({ orderProductId: line.id, code: PLAN_CODES.calendarFailed, message: `order ${line.orderId} or its account is not in the book` });
    return;
  }
  if (ctx.order.status !== 'activated') return;
  const schedule = scheduleLine(ctx, evaluator, registry, index);
  if (schedule.errors.length > 0) {
    for (const e of schedule.errors) out.errors.push({ orderProductId: line.id, code: e.code, message: e.message, ...(e.policy ? { policy: e.policy } : {}) });
    // a line that is also held says so: the hold would apply once the error is fixed
    if (schedule.held) out.holds.push(holdReport(line.id, schedule.holdReasons, schedule.holdPolicies, schedule.decision.holdTrace));
    return;
  }
  if (schedule.held) {
    out.holds.push(holdReport(line.id, schedule.holdReasons, schedule.holdPolicies, schedule.decision.holdTrace));
    return;
  }
  const produced: PlannedLine[] = [];
  const periodHold = { reasons: [] as string[], policies: [] as string[] };
  const entries = index.coverageByLine.get(line.id);
  const warnings = out.warnings;
  try {
    const pricer = new LinePricer(schedule, registry);
    const coverage = entries ? resolveCoverage(entries, schedule, warnings) : undefined;
    const merged = coverage ? mergeCoverage(coverage) : undefined;
    const dated = periodsForRun(schedule, evaluator, asOf);
    if (dated.errors.length > 0) {
      for (const e of dated.errors) out.errors.push(e);
      return;
    }
    for (const dp of dated.periods) {
      if (dp.billingDate > asOf) continue;
      if (dp.held) {
        for (const r of dp.holdReasons) if (!periodHold.reasons.includes(r)) periodHold.reasons.push(r);
        for (const p of dp.holdPolicies) if (!periodHold.policies.includes(p)) periodHold.policies.push(p);
        continue;
      }
      for (const l of chargesOf(dp, merged, pricer)) produced.push(l);
    }
    if (coverage) for (const l of creditsOf(schedule, coverage, pricer, asOf)) produced.push(l);
  } catch (e) {
    out.errors.push({ orderProductId: line.id, ...toPlanError(e) });
    return;
  }
  for (const l of produced) out.lines.push(l);
  if (periodHold.reasons.length > 0 || periodHold.policies.length > 0) out.holds.push(holdReport(line.id, periodHold.reasons, periodHold.policies));
}

function holdReport(id: string, reasons: readonly string[], policies: readonly string[], trace?: readonly TraceEntry[]): HoldReport {
  return { orderProductId: id, reasons: [...reasons], policies: [...policies], ...(trace && trace.length ? { trace } : {}) };
}
