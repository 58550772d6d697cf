// "Why (not) billed" for one order product and a date: the line's timeline
// (the planner's own schedule, period generator, reconciliation and pricer,
// so the answer is what a run does) read against the stored ledger, one
// status and one sentence per period. Pure: the service passes the timeline
// and the stored lines of the order product.
import type { TraceEntry } from '../results/index.js';
import type { Timeline, TimelinePeriod } from '../plan/timeline.js';
import { holdText, pendingCreditText, periodText, type InvoiceRef, type MovedFacts, type PeriodStatus } from './explain-words.js';

/** A stored invoice line of the order product (real, not dry-run), with its invoice. */
export interface StoredCoverage {
  readonly start: string;
  readonly end: string;
  readonly kind: 'charge' | 'credit';
  /** False once its invoice was voided (its coverage released). */
  readonly live: boolean;
  readonly amount: string;
  readonly invoice: InvoiceRef;
}

export interface ExplainedPeriod {
  readonly start: string;
  readonly end: string;
  readonly kind: TimelinePeriod['kind'];
  readonly status: PeriodStatus;
  readonly naturalBillingDate: string;
  readonly billingDate: string;
  readonly amount: string;
  readonly coverage: TimelinePeriod['coverage'];
  /** billed: the invoices whose live charges cover it. */
  readonly invoices: readonly InvoiceRef[];
  /** What a run on the date bills for it (its uncovered days). */
  readonly charges: TimelinePeriod['charges'];
  readonly moved?: MovedFacts;
  readonly trace: readonly TraceEntry[];
  readonly explanation: string;
}

export interface ExplainedCredit {
  readonly start: string;
  readonly end: string;
  readonly amount: string;
  /** `stored`: on an invoice already; `pending`: a run on the date would credit it. */
  readonly state: 'stored' | 'pending';
  readonly invoice?: InvoiceRef;
  readonly explanation: string;
}

export interface LineExplanation {
  readonly orderProductId: string;
  readonly asOf: string;
  readonly currency: string;
  readonly held: boolean;
  /** Set when the whole line is held. */
  readonly holdExplanation?: string;
  readonly periods: readonly ExplainedPeriod[];
  readonly credits: readonly ExplainedCredit[];
  readonly errors: Timeline['errors'];
  readonly warnings: Timeline['warnings'];
}

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function statusOf(p: TimelinePeriod, t: Timeline, charges: readonly StoredCoverage[], credits: readonly StoredCoverage[]): PeriodStatus {
  if (p.coverage === 'full') return charges.length > 0 ? 'billed' : 'covered';
  if (credits.length > 0 && p.charges.length === 0) return 'credited';
  if (t.draft) return 'not-billable';
  if (p.held) return 'held';
  return p.due ? 'due' : 'not-yet-due';
}

export function explainTimeline(t: Timeline, stored: readonly StoredCoverage[]): LineExplanation {
  const liveCharges = stored.filter((s) => s.live && s.kind === 'charge');
  const liveCredits = stored.filter((s) => s.live && s.kind === 'credit');
  const lineTrace = [t.billingDay, t.align].filter((x): x is TraceEntry => x !== undefined);
  const periods = t.periods.map((p): ExplainedPeriod => {
    const charges = liveCharges.filter((c) => overlaps(c, p));
    const credits = liveCredits.filter((c) => overlaps(c, p));
    const status = statusOf(p, t, charges, credits);
    const invoices = status === 'billed' || p.coverage === 'partial' ? dedupe(charges.map((c) => c.invoice)) : [];
    const moved = p.override ? { policy: p.override.policy, ...(p.override.reason ? { reason: p.override.reason } : {}), from: p.naturalBillingDate, to: p.billingDate } : undefined;
    const trace = moved ? [...lineTrace, { policy: moved.policy, set: 'billingDate', value: moved.to }] : lineTrace;
    return {
      start: p.start,
      end: p.end,
      kind: p.kind,
      status,
      naturalBillingDate: p.naturalBillingDate,
      billingDate: p.billingDate,
      amount: p.amount,
      coverage: p.coverage,
      invoices,
      charges: p.charges,
      ...(moved ? { moved } : {}),
      trace,
      explanation: periodText({
        status,
        start: p.start,
        end: p.end,
        billingDate: p.billingDate,
        amount: p.amount,
        currency: t.currency,
        invoices,
        creditInvoices: dedupe(credits.map((c) => c.invoice)),
        partly: p.coverage === 'partial',
        charges: p.charges,
        holdReasons: t.held ? t.holdReasons : [],
        holdPolicies: t.held ? t.holdPolicies : [],
        ...(moved ? { moved } : {}),
        notBillableBecause: t.draft ? 'its order is a draft (only activated orders bill)' : undefined,
      }),
    };
  });
  const credits: ExplainedCredit[] = [
    ...liveCredits.map((c) => ({
      start: c.start,
      end: c.end,
      amount: c.amount,
      state: 'stored' as const,
      invoice: c.invoice,
      explanation: periodText({ status: 'credited', start: c.start, end: c.end, billingDate: c.start, amount: c.amount, currency: t.currency, creditInvoices: [c.invoice] }),
    })),
    ...t.credits.map((c) => ({
      start: c.periodStart,
      end: c.periodEnd,
      amount: c.amount,
      state: 'pending' as const,
      explanation: pendingCreditText({ start: c.periodStart, end: c.periodEnd, amount: c.amount, currency: t.currency }),
    })),
  ];
  return {
    orderProductId: t.orderProductId,
    asOf: t.asOf,
    currency: t.currency,
    held: t.held,
    ...(t.held ? { holdExplanation: holdText(t.holdReasons, t.holdPolicies) } : {}),
    periods,
    credits,
    errors: t.errors,
    warnings: t.warnings,
  };
}

function dedupe(refs: readonly InvoiceRef[]): InvoiceRef[] {
  const seen = new Map<string, InvoiceRef>();
  for (const r of refs) seen.set(r.id, r);
  return [...seen.values()];
}
