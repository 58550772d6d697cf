// Bounded answers of simulate and impact: the worker computes the whole result
// and hands back one page of it (invoices, or impact lines), with totals for
// the whole result and a cursor to the next page. Pure (no I/O).
//
// The cursor is the shared one of api/common/cursor.ts (`resultCursor`): the
// position of the next item and a fingerprint of the whole result's item keys.
// Pages are recomputed per request (the simulation is deterministic); when the
// book or the policies changed between pages the fingerprint differs and the
// cursor is refused (409), so following cursors never skips or repeats an item.
import { Dec } from '../../engine/money/decimal.js';
import type { ImpactLine, SimulationImpact } from '../../engine/plan/impact.js';
import type { Invoice, SimulationResult } from '../../engine/results/index.js';
import { resultCursor, resultFingerprint } from '../common/cursor.js';

export const DEFAULT_PAGE_LIMIT = 500;
export const MAX_PAGE_LIMIT = 5000;

/** Which page: at most `limit` items after `cursor` (none: the first page). `path` names the cursor field in problems. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
  readonly path?: string;
}

/** A currency's sum (amounts in different currencies never add up). */
export interface CurrencyTotal {
  readonly currency: string;
  readonly total: string;
}

export interface SimulationTotals {
  readonly invoices: number;
  readonly lines: number;
  readonly holds: number;
  readonly errors: number;
  readonly warnings: number;
  /** Sum of every invoice total of the whole result, per currency (exact decimal strings). */
  readonly amounts: readonly CurrencyTotal[];
}

/** One page of a simulation: invoices, then holds, errors and warnings, `limit` in all; `totals` of the whole result. */
export type SimulationPage = SimulationResult & { readonly totals: SimulationTotals; readonly nextCursor: string | null };

export interface ImpactCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly credits: number;
  readonly rebilled: number;
  readonly newErrors: number;
  readonly newlyHeld: number;
  readonly released: number;
  readonly perAccount: number;
}

/** One page of an impact: its lists (added, removed, changed, credits, rebilled, new errors, newly held, released, per-account deltas, in that order) `limit` items in all; `total` per currency and `counts` whole. */
export type ImpactPage = SimulationImpact & { readonly counts: ImpactCounts; readonly nextCursor: string | null };

/** The slice [from, from + limit) of items with keys `keys`, and the cursor after it (api/common/cursor.ts). */
function sliceOf(keys: readonly string[], page: PageRequest): { from: number; to: number; nextCursor: string | null } {
  const fingerprint = resultFingerprint(keys);
  const from = page.cursor === undefined ? 0 : resultCursor.decode(page.cursor, fingerprint, keys.length, page.path ?? 'body.cursor');
  const to = Math.min(keys.length, from + page.limit);
  return { from, to, nextCursor: to < keys.length ? resultCursor.encode(to, fingerprint) : null };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const invoiceKey = (i: Invoice): string => `${i.accountId}\u0000${i.currency}\u0000${i.invoiceDate}`;

/** Sums decimal strings per currency, keeping the most decimal places given (no rounding). */
function sumsPerCurrency(items: readonly { currency: string; amount: string }[]): CurrencyTotal[] {
  const sums = new Map<string, { sum: Dec; places: number }>();
  for (const { currency, amount } of items) {
    const dot = amount.indexOf('.');
    const places = dot < 0 ? 0 : amount.length - dot - 1;
    const e = sums.get(currency);
    if (e) {
      e.sum = e.sum.plus(amount);
      e.places = Math.max(e.places, places);
    } else sums.set(currency, { sum: new Dec(amount), places });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([currency, e]) => ({ currency, total: (e.sum.isZero() ? new Dec(0) : e.sum).toFixed(e.places) }));
}

/**
 * A page of the simulation: invoices (ordered by account, currency, invoice
 * date), then holds, then errors, then warnings, `limit` items in all, with
 * totals of the whole result. So no part of the answer grows with the book.
 */
export function simulationPage(result: SimulationResult, page: PageRequest): SimulationPage {
  const invoices = [...result.invoices].sort((a, b) => cmp(invoiceKey(a), invoiceKey(b)));
  const keys = [
    ...invoices.map(invoiceKey),
    ...result.holds.map((x) => `h\u0000${x.orderProductId}`),
    ...result.errors.map((x, i) => `e\u0000${x.orderProductId}\u0000${x.code}\u0000${i}`),
    ...result.warnings.map((x, i) => `w\u0000${x.orderProductId}\u0000${x.code}\u0000${i}`),
  ];
  const { from, to, nextCursor } = sliceOf(keys, page);
  const slice = <T>(items: readonly T[], start: number): T[] => items.slice(Math.max(0, from - start), Math.max(0, to - start));
  const i = invoices.length;
  const h = i + result.holds.length;
  const e = h + result.errors.length;
  const totals: SimulationTotals = {
    invoices: invoices.length,
    lines: invoices.reduce((n, inv) => n + inv.lines.length, 0),
    holds: result.holds.length,
    errors: result.errors.length,
    warnings: result.warnings.length,
    amounts: sumsPerCurrency(invoices.map((inv) => ({ currency: inv.currency, amount: inv.total }))),
  };
  return {
    ...result,
    invoices: slice(invoices, 0),
    holds: slice(result.holds, i),
    errors: slice(result.errors, h),
    warnings: slice(result.warnings, e),
    totals,
    nextCursor,
  };
}

const lineKey = (side: string, l: ImpactLine): string => `${side}\u0000${l.orderProductId}\u0000${l.kind}\u0000${l.periodStart}`;

/** A page of the impact: every list in one sequence, `limit` items in all; `total` per currency and `counts` of the whole result. */
export function impactPage(impact: SimulationImpact, page: PageRequest): ImpactPage {
  const parts = [
    impact.added.map((l) => lineKey('+', l)),
    impact.removed.map((l) => lineKey('-', l)),
    impact.changed.map((c) => lineKey('~', c.after)),
    impact.credits.map((l) => lineKey('c', l)),
    impact.rebilled.map((l) => lineKey('r', l)),
    impact.newErrors.map((e, i) => `e\u0000${e.orderProductId}\u0000${e.code}\u0000${i}`),
    impact.newlyHeld.map((id) => `h\u0000${id}`),
    impact.released.map((id) => `u\u0000${id}`),
    impact.perAccount.map((a) => `a\u0000${a.accountId}\u0000${a.currency}`),
  ];
  const { from, to, nextCursor } = sliceOf(parts.flat(), page);
  const starts: number[] = [];
  let n = 0;
  for (const p of parts) {
    starts.push(n);
    n += p.length;
  }
  const slice = <T>(items: readonly T[], part: number): T[] => items.slice(Math.max(0, from - starts[part]), Math.max(0, to - starts[part]));
  return {
    ...impact,
    added: slice(impact.added, 0),
    removed: slice(impact.removed, 1),
    changed: slice(impact.changed, 2),
    credits: slice(impact.credits, 3),
    rebilled: slice(impact.rebilled, 4),
    newErrors: slice(impact.newErrors, 5),
    newlyHeld: slice(impact.newlyHeld, 6),
    released: slice(impact.released, 7),
    perAccount: slice(impact.perAccount, 8),
    counts: {
      added: impact.added.length,
      removed: impact.removed.length,
      changed: impact.changed.length,
      credits: impact.credits.length,
      rebilled: impact.rebilled.length,
      newErrors: impact.newErrors.length,
      newlyHeld: impact.newlyHeld.length,
      released: impact.released.length,
      perAccount: impact.perAccount.length,
    },
    nextCursor,
  };
}
