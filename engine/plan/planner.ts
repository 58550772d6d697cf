// A billing run on paper: plan every order product of a book for `asOf` and
// group the lines into one invoice per account and currency (DESIGN §3, §5).
// Deterministic: invoices by accountId then currency, lines by orderProductId
// then periodStart, holds and errors by orderProductId. Memory is linear in the
// book (the index plus the lines produced), never in policies x lines.
import type { OrderBook } from '../book/book-types.js';
import { Dec } from '../money/decimal.js';
import { minorUnits } from '../money/rounding.js';
import type { Registry } from '../vocabulary/registry.js';
import type { EvaluationError, HoldReport, Invoice, InvoiceLine, PlannedLine, PlanOutput, PlanWarning, SimulationResult } from '../results/index.js';
import { indexBook, type BookIndex } from './book-index.js';
import { toPlanEvaluator, type PolicySource } from './plan-adapter.js';
import { PLAN_CODES } from './plan-codes.js';
import { planLine } from './plan-line.js';

export { indexBook, type BookIndex } from './book-index.js';
export type { PlannedLine, PlanOutput } from '../results/index.js';

/** Plans the given order products (in the given order) against a prebuilt index. */
export function planOrderProducts(
  index: BookIndex,
  ids: Iterable<string>,
  asOf: string,
  policies: PolicySource,
  registry: Registry,
): PlanOutput {
  const evaluator = toPlanEvaluator(policies);
  const out: PlanOutput = { lines: [], holds: [], errors: [], warnings: [] };
  for (const id of ids) {
    const line = index.orderProducts.get(id);
    if (!line) {
      out.errors.push({ orderProductId: id, code: PLAN_CODES.calendarFailed, message: `order product ${id} is not in the book` });
      continue;
    }
    planLine(index, line, asOf, evaluator, registry, out);
  }
  return out;
}

export function planBook(book: OrderBook, asOf: string, policies: PolicySource, registry: Registry): PlanOutput {
  const index = indexBook(book);
  return planOrderProducts(index, index.orderProducts.keys(), asOf, policies, registry);
}

/** By order product, then period start, charges before credits. */
export function byLine(a: InvoiceLine, b: InvoiceLine): number {
  return cmp(a.orderProductId, b.orderProductId) || cmp(a.periodStart, b.periodStart) || cmp(a.kind, b.kind);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Decimal places to show a total with: the currency's, or more when a policy's precision gave lines more. */
function placesOf(amount: string): number {
  const dot = amount.indexOf('.');
  return dot < 0 ? 0 : amount.length - dot - 1;
}

/** Groups planned lines (charges and credits) into invoices (one per account and currency), invoice date asOf; the total adds both. */
export function groupInvoices(lines: readonly PlannedLine[], asOf: string): Invoice[] {
  const groups = new Map<string, PlannedLine[]>();
  for (const l of lines) {
    const key = `${l.accountId}\u0000${l.currency}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(l);
  }
  const invoices: Invoice[] = [];
  for (const g of groups.values()) {
    const { accountId, currency } = g[0];
    g.sort(byLine);
    let total = new Dec(0);
    let places = minorUnits(currency);
    for (const l of g) {
      total = total.plus(l.amount);
      places = Math.max(places, placesOf(l.amount));
    }
    invoices.push({
      accountId,
      currency,
      invoiceDate: asOf,
      total: (total.isZero() ? new Dec(0) : total).toFixed(places),
      lines: g.map(stripGrouping),
    });
  }
  invoices.sort((a, b) => cmp(a.accountId, b.accountId) || cmp(a.currency, b.currency));
  return invoices;
}

function stripGrouping(l: PlannedLine): InvoiceLine {
  return {
    orderProductId: l.orderProductId,
    kind: l.kind,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    billingDate: l.billingDate,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    prorationFactor: l.prorationFactor,
    amount: l.amount,
    ...(l.corrects ? { corrects: l.corrects } : {}),
    trace: l.trace,
  };
}

export function sortHolds(holds: HoldReport[]): HoldReport[] {
  return holds.sort((a, b) => cmp(a.orderProductId, b.orderProductId));
}

export function sortWarnings(warnings: PlanWarning[]): PlanWarning[] {
  return warnings.sort((a, b) => cmp(a.orderProductId, b.orderProductId) || cmp(a.code, b.code));
}

export function sortErrors(errors: EvaluationError[]): EvaluationError[] {
  return errors.sort((a, b) => cmp(a.orderProductId, b.orderProductId) || cmp(a.code, b.code));
}

/** What a billing run on `asOf` would do: the JSON of DESIGN §5. */
export function simulate(book: OrderBook, asOf: string, policies: PolicySource, registry: Registry): SimulationResult {
  const out = planBook(book, asOf, policies, registry);
  return {
    asOf,
    invoices: groupInvoices(out.lines, asOf),
    holds: sortHolds(out.holds),
    errors: sortErrors(out.errors),
    warnings: sortWarnings(out.warnings),
  };
}
