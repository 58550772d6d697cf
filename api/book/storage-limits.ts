// What the database can hold, checked before a write so a too-long number or a
// date outside the data window is an error naming its field, not a database
// failure. One check per row, shared by POST /api/book (JSON paths) and the
// CSV import (file, row, column).
import { Decimal } from 'decimal.js';
import type { Contract, InvoicedPeriod, Order, OrderBook, OrderProduct } from '../../engine/book/book-types.js';
import { DATA_WINDOW_MESSAGE, inDataWindow } from '../common/date-window.js';

/** A field of the row (null: the row as a whole) and what is wrong with it. */
export interface StorageProblem {
  readonly field: string | null;
  readonly message: string;
}

/** Digits the NUMERIC columns hold: quantity (20,6), unitPrice and billed amounts (30,10). */
const LIMITS = { quantity: { int: 14, frac: 6 }, unitPrice: { int: 20, frac: 10 }, amount: { int: 20, frac: 10 } } as const;

/**
 * invoice_lines.amount and invoices.total are NUMERIC(30,10): at most 20 digits
 * before the point. A line's amount is at most quantity × unitPrice (proration
 * factors never exceed 1), so that product must stay below 10^18: a line fits,
 * and so does an invoice total of up to 100 such lines.
 */
const MAX_AMOUNT = new Decimal('1e18');

function digits(out: StorageProblem[], field: keyof typeof LIMITS, value: string | undefined): void {
  if (value === undefined) return;
  const [int, frac = ''] = value.replace(/^-/, '').split('.');
  const lim = LIMITS[field];
  if (int.replace(/^0+(?=\d)/, '').length > lim.int || frac.replace(/0+$/, '').length > lim.frac) {
    out.push({ field, message: `${value} does not fit: at most ${lim.int} digits before and ${lim.frac} after the decimal point` });
  }
}

function date(out: StorageProblem[], field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && !inDataWindow(value)) out.push({ field, message: `${value} ${DATA_WINDOW_MESSAGE}` });
}

export function contractStorageProblems(c: Contract): StorageProblem[] {
  const out: StorageProblem[] = [];
  date(out, 'startDate', c.startDate);
  date(out, 'endDate', c.endDate);
  return out;
}

export function orderStorageProblems(o: Order): StorageProblem[] {
  const out: StorageProblem[] = [];
  date(out, 'activatedDate', o.activatedDate);
  return out;
}

export function orderProductStorageProblems(p: OrderProduct): StorageProblem[] {
  const out: StorageProblem[] = [];
  date(out, 'startDate', p.startDate);
  date(out, 'endDate', p.endDate);
  const amount = new Decimal(p.quantity).times(p.unitPrice).abs();
  if (amount.gte(MAX_AMOUNT)) {
    out.push({
      field: null,
      message: `quantity × unitPrice = ${amount.toFixed()} is too large to bill: it must stay below 10^18 (invoice amounts are stored with 20 digits before the point)`,
    });
  }
  digits(out, 'quantity', p.quantity);
  digits(out, 'unitPrice', p.unitPrice);
  return out;
}

export function invoicedStorageProblems(v: InvoicedPeriod): StorageProblem[] {
  const out: StorageProblem[] = [];
  date(out, 'periodStart', v.periodStart);
  date(out, 'periodEnd', v.periodEnd);
  digits(out, 'amount', v.amount);
  return out;
}

/** The problems of one validated row of `entity` (accounts have none: no dates, no numbers). */
export function storageProblemsOf(entity: keyof OrderBook, row: unknown): StorageProblem[] {
  switch (entity) {
    case 'accounts':
      return [];
    case 'contracts':
      return contractStorageProblems(row as Contract);
    case 'orders':
      return orderStorageProblems(row as Order);
    case 'orderProducts':
      return orderProductStorageProblems(row as OrderProduct);
    case 'invoiced':
      return invoicedStorageProblems(row as InvoicedPeriod);
  }
}
