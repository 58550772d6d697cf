// The stored ledger -> what the planner calls `invoiced` (DESIGN §2): the
// coverage already billed per order product. Live charge lines count; a
// live credit line (billed-coverage reconciliation gave days back) takes its
// days out of the charge it corrects (`corrects_line_id`), so a corrected
// period can bill again. A credit whose charge is no longer live (voided:
// the void's credit note offset only what the credit had left) corrects
// nothing; a credit without a recorded charge (imported history, or written
// before the link was kept) takes its days out of any charge it overlaps.
// Uploaded history (invoiced_periods: coverage and amount billed elsewhere)
// is merged in by billedCoverage.
// Pure; the run's chunk loader and the book repository (simulate, timeline,
// explain) read the rows with LEDGER_SQL and IMPORTED_SQL, so all of them see one ledger.
import type { InvoicedPeriod } from '../../engine/book/book-types.js';
import { addDays, compareDates } from '../../engine/calendar/civil-date.js';

/** The columns of a LedgerRow, for every query that reads the ledger. */
export const LEDGER_COLUMNS = `id, order_product_id AS "orderProductId", period_start::text AS "periodStart",
    period_end::text AS "periodEnd", trim_scale(amount)::text AS amount, kind, corrects_line_id AS "correctsLineId"`;

/** The live real lines of the given order products (`$1::text[]`, or all when null). */
export const LEDGER_SQL = `SELECT ${LEDGER_COLUMNS}
  FROM invoice_lines WHERE live AND NOT dry_run AND ($1::text[] IS NULL OR order_product_id = ANY($1::text[]))`;

/** Uploaded history of the given order products (`$1::text[]`, or all when null). */
export const IMPORTED_SQL = `SELECT order_product_id AS "orderProductId", period_start::text AS "periodStart",
    period_end::text AS "periodEnd", trim_scale(amount)::text AS amount
  FROM invoiced_periods WHERE $1::text[] IS NULL OR order_product_id = ANY($1::text[])`;

/** A row of invoiced_periods as IMPORTED_SQL reads it. */
export interface ImportedRow {
  readonly orderProductId: string;
  readonly periodStart: string;
  readonly periodEnd: string | null;
  readonly amount: string | null;
}

export interface LedgerRow {
  readonly orderProductId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly amount: string | null;
  readonly kind: 'charge' | 'credit';
  /** The line's id (a credit's `correctsLineId` names a charge by it). */
  readonly id?: string;
  /** A credit: the charge line it corrects; null or absent when not recorded. */
  readonly correctsLineId?: string | null;
}

export interface CoverageEntry {
  readonly orderProductId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The billed amount; left out when credits cut the charge (the remainder's share is not known). */
  readonly amount?: string;
}

/** Charges minus the credited days, sorted by order product and start. */
export function coverageFromLedger(rows: readonly LedgerRow[]): CoverageEntry[] {
  const credits = new Map<string, LedgerRow[]>();
  for (const r of rows) {
    if (r.kind !== 'credit') continue;
    let list = credits.get(r.orderProductId);
    if (!list) credits.set(r.orderProductId, (list = []));
    list.push(r);
  }
  const out: CoverageEntry[] = [];
  for (const charge of rows) {
    if (charge.kind !== 'charge') continue;
    let pieces: { start: string; end: string }[] = [{ start: charge.periodStart, end: charge.periodEnd }];
    for (const c of credits.get(charge.orderProductId) ?? []) {
      if (c.correctsLineId && c.correctsLineId !== charge.id) continue;
      pieces = pieces.flatMap((p) => minus(p, c));
    }
    const whole = pieces.length === 1 && pieces[0].start === charge.periodStart && pieces[0].end === charge.periodEnd;
    for (const p of pieces) {
      out.push({
        orderProductId: charge.orderProductId,
        periodStart: p.start,
        periodEnd: p.end,
        ...(whole && charge.amount !== null ? { amount: charge.amount } : {}),
      });
    }
  }
  return out.sort((a, b) =>
    a.orderProductId < b.orderProductId ? -1 : a.orderProductId > b.orderProductId ? 1 : compareDates(a.periodStart, b.periodStart),
  );
}

/** [start, end] without the days of [c.periodStart, c.periodEnd] (inclusive ranges). */
function minus(p: { start: string; end: string }, c: LedgerRow): { start: string; end: string }[] {
  if (compareDates(c.periodEnd, p.start) < 0 || compareDates(c.periodStart, p.end) > 0) return [p];
  const left = compareDates(c.periodStart, p.start) > 0 ? [{ start: p.start, end: addDays(c.periodStart, -1) }] : [];
  const right = compareDates(c.periodEnd, p.end) < 0 ? [{ start: addDays(c.periodEnd, 1), end: p.end }] : [];
  return [...left, ...right];
}

/**
 * The planner's `invoiced` input: uploaded history (with its coverage end and
 * amount when the book gave them) plus the live ledger, sorted by order
 * product and start.
 */
export function billedCoverage(imported: readonly ImportedRow[], ledger: readonly LedgerRow[]): InvoicedPeriod[] {
  const all: InvoicedPeriod[] = [
    ...imported.map((r) => ({
      orderProductId: r.orderProductId,
      periodStart: r.periodStart,
      ...(r.periodEnd !== null ? { periodEnd: r.periodEnd } : {}),
      ...(r.amount !== null ? { amount: r.amount } : {}),
    })),
    ...coverageFromLedger(ledger),
  ];
  return all.sort((a, b) =>
    a.orderProductId < b.orderProductId ? -1 : a.orderProductId > b.orderProductId ? 1 : compareDates(a.periodStart, b.periodStart),
  );
}
