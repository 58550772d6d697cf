// What a policy change would do to a billing run: two simulations of the same
// book and date (published policies vs. the draft) compared line by line,
// keyed by (orderProductId, kind, periodStart). Both sides are whole
// simulations (reconciled with billed coverage, credits included), so impact
// shows exactly what billing would do under each. Pure; the editor's impact panel and
// the service's preview endpoint show it.
import { Dec } from '../money/decimal.js';
import type { EvaluationError, InvoiceLine, SimulationResult } from '../results/index.js';

export interface ImpactLine extends InvoiceLine {
  readonly accountId: string;
  readonly currency: string;
}

export interface MoneyDelta {
  readonly before: string;
  readonly after: string;
  readonly delta: string;
}

export interface SimulationImpact {
  readonly added: readonly ImpactLine[];
  readonly removed: readonly ImpactLine[];
  /** Same (orderProductId, kind, periodStart), different amount, billing date, factor, quantity or price. */
  readonly changed: readonly { readonly before: ImpactLine; readonly after: ImpactLine }[];
  readonly perAccount: readonly ({ readonly accountId: string; readonly currency: string } & MoneyDelta)[];
  /** Totals per currency (amounts in different currencies never add up). */
  readonly total: readonly ({ readonly currency: string } & MoneyDelta)[];
  /** Order products held after but not before, and released (held before, not after). */
  readonly newlyHeld: readonly string[];
  readonly released: readonly string[];
  /** Errors after that were not there before (same order product and code): lines that would stop billing. */
  readonly newErrors: readonly EvaluationError[];
  /** Credit lines after that were not there before: billed coverage the draft gives back. */
  readonly credits: readonly ImpactLine[];
  /**
   * Charges after, new or changed, whose days overlap a credit of the same
   * order product after: billed coverage given back and billed again.
   */
  readonly rebilled: readonly ImpactLine[];
}

const key = (l: InvoiceLine): string => `${l.orderProductId}\u0000${l.kind}\u0000${l.periodStart}`;

function linesOf(sim: SimulationResult): Map<string, ImpactLine> {
  const m = new Map<string, ImpactLine>();
  for (const inv of sim.invoices) {
    for (const l of inv.lines) m.set(key(l), { ...l, accountId: inv.accountId, currency: inv.currency });
  }
  return m;
}

function differs(a: InvoiceLine, b: InvoiceLine): boolean {
  return (
    a.amount !== b.amount ||
    a.billingDate !== b.billingDate ||
    a.periodEnd !== b.periodEnd ||
    a.prorationFactor !== b.prorationFactor ||
    a.quantity !== b.quantity ||
    a.unitPrice !== b.unitPrice
  );
}

function places(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

function moneyDelta(before: string[], after: string[]): MoneyDelta {
  const p = Math.max(0, ...before.map(places), ...after.map(places));
  const b = before.reduce((s, x) => s.plus(x), new Dec(0));
  const a = after.reduce((s, x) => s.plus(x), new Dec(0));
  const fmt = (d: Dec): string => (d.isZero() ? new Dec(0) : d).toFixed(p);
  return { before: fmt(b), after: fmt(a), delta: fmt(a.minus(b)) };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byLine = (a: ImpactLine, b: ImpactLine): number => cmp(a.orderProductId, b.orderProductId) || cmp(a.periodStart, b.periodStart) || cmp(a.kind, b.kind);

export function compareSimulations(before: SimulationResult, after: SimulationResult): SimulationImpact {
  const b = linesOf(before);
  const a = linesOf(after);
  const added: ImpactLine[] = [];
  const removed: ImpactLine[] = [];
  const changed: { before: ImpactLine; after: ImpactLine }[] = [];
  for (const [k, l] of a) {
    const old = b.get(k);
    if (!old) added.push(l);
    else if (differs(old, l)) changed.push({ before: old, after: l });
  }
  for (const [k, l] of b) if (!a.has(k)) removed.push(l);
  added.sort(byLine);
  removed.sort(byLine);
  changed.sort((x, y) => byLine(x.after, y.after));

  const acct = new Map<string, { accountId: string; currency: string; before: string[]; after: string[] }>();
  const cur = new Map<string, { before: string[]; after: string[] }>();
  const collect = (sim: SimulationResult, side: 'before' | 'after'): void => {
    for (const inv of sim.invoices) {
      const k = `${inv.accountId}\u0000${inv.currency}`;
      let e = acct.get(k);
      if (!e) acct.set(k, (e = { accountId: inv.accountId, currency: inv.currency, before: [], after: [] }));
      e[side].push(inv.total);
      let c = cur.get(inv.currency);
      if (!c) cur.set(inv.currency, (c = { before: [], after: [] }));
      c[side].push(inv.total);
    }
  };
  collect(before, 'before');
  collect(after, 'after');
  const perAccount = [...acct.values()]
    .map((e) => ({ accountId: e.accountId, currency: e.currency, ...moneyDelta(e.before, e.after) }))
    .sort((x, y) => cmp(x.accountId, y.accountId) || cmp(x.currency, y.currency));
  const total = [...cur.entries()].map(([currency, e]) => ({ currency, ...moneyDelta(e.before, e.after) })).sort((x, y) => cmp(x.currency, y.currency));

  const heldBefore = new Set(before.holds.map((h) => h.orderProductId));
  const heldAfter = new Set(after.holds.map((h) => h.orderProductId));
  const newlyHeld = [...heldAfter].filter((id) => !heldBefore.has(id)).sort();
  const released = [...heldBefore].filter((id) => !heldAfter.has(id)).sort();
  const errorKey = (e: EvaluationError): string => `${e.orderProductId}\u0000${e.code}`;
  const errorsBefore = new Set(before.errors.map(errorKey));
  const newErrors = after.errors.filter((e) => !errorsBefore.has(errorKey(e))).sort((x, y) => cmp(x.orderProductId, y.orderProductId) || cmp(x.code, y.code));
  const credits = added.filter((l) => l.kind === 'credit');
  const creditedDays = [...a.values()].filter((l) => l.kind === 'credit');
  const overlapsCredit = (l: ImpactLine): boolean =>
    creditedDays.some((c) => c.orderProductId === l.orderProductId && c.periodStart <= l.periodEnd && l.periodStart <= c.periodEnd);
  const rebilled = [...added, ...changed.map((c) => c.after)].filter((l) => l.kind === 'charge' && overlapsCredit(l)).sort(byLine);
  return { added, removed, changed, perAccount, total, newlyHeld, released, newErrors, credits, rebilled };
}
