// Rows <-> the order book of DESIGN §2 (engine/book/book-types.ts).
import type { Account, Attributes, Contract, Order, OrderBook, OrderProduct } from '../../engine/book/book-types.js';
import { minorUnits } from '../../engine/money/rounding.js';
import { fromDbDate, fromDbDateOrNull } from '../common/dates.js';

interface DecimalLike {
  toFixed(): string;
}

/** A NUMERIC value as a plain decimal string (never exponent notation). */
export function decimalText(d: DecimalLike | string | number): string {
  if (typeof d === 'string') return d;
  if (typeof d === 'number') return String(d);
  return d.toFixed();
}

function attrs(v: unknown): Attributes {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Attributes) : {};
}

export function accountFromRow(r: {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  billingDayOfMonth: number | null;
  attributes: unknown;
}): Account {
  return { id: r.id, name: r.name, currency: r.currency, timezone: r.timezone, billingDayOfMonth: r.billingDayOfMonth, attributes: attrs(r.attributes) };
}

export function contractFromRow(r: { id: string; accountId: string; startDate: Date; endDate: Date | null }): Contract {
  return { id: r.id, accountId: r.accountId, startDate: fromDbDate(r.startDate), endDate: fromDbDateOrNull(r.endDate) };
}

export function orderFromRow(r: {
  id: string;
  accountId: string;
  contractId: string | null;
  type: string;
  status: string;
  activatedDate: Date | null;
  poNumber: string | null;
  attributes: unknown;
}): Order {
  return {
    id: r.id,
    accountId: r.accountId,
    contractId: r.contractId,
    type: r.type as Order['type'],
    status: r.status as Order['status'],
    activatedDate: fromDbDateOrNull(r.activatedDate),
    poNumber: r.poNumber,
    attributes: attrs(r.attributes),
  };
}

export function orderProductFromRow(r: {
  id: string;
  orderId: string;
  productCode: string;
  productName: string;
  chargeType: string;
  billingFrequency: string | null;
  billingType: string;
  quantity: DecimalLike;
  unitPrice: DecimalLike;
  startDate: Date;
  endDate: Date | null;
  billingDayOfMonth: number | null;
  amends: string | null;
  holdBilling: boolean;
  attributes: unknown;
}): OrderProduct {
  return {
    id: r.id,
    orderId: r.orderId,
    productCode: r.productCode,
    productName: r.productName,
    chargeType: r.chargeType as OrderProduct['chargeType'],
    billingFrequency: r.billingFrequency as OrderProduct['billingFrequency'],
    billingType: r.billingType as OrderProduct['billingType'],
    quantity: decimalText(r.quantity),
    unitPrice: decimalText(r.unitPrice),
    startDate: fromDbDate(r.startDate),
    endDate: fromDbDateOrNull(r.endDate),
    billingDayOfMonth: r.billingDayOfMonth,
    amends: r.amends,
    holdBilling: r.holdBilling,
    attributes: attrs(r.attributes),
  };
}

/**
 * NUMERIC columns keep 10 decimals and decimal.js drops trailing zeros, so a
 * stored "100.00" reads back as "100". Prices are shown again with at least the
 * currency's minor digits ("100.00" EUR, "100" JPY), as books are written.
 */
export function withCurrencyScale(book: OrderBook): OrderBook {
  const currencyOfAccount = new Map(book.accounts.map((a) => [a.id, a.currency]));
  const currencyOfOrder = new Map(book.orders.map((o) => [o.id, currencyOfAccount.get(o.accountId)]));
  return {
    ...book,
    orderProducts: book.orderProducts.map((p) => {
      const currency = currencyOfOrder.get(p.orderId);
      return currency ? { ...p, unitPrice: priceText(p.unitPrice, currency) } : p;
    }),
  };
}

export function priceText(text: string, currency: string): string {
  let minor = 2;
  try {
    minor = minorUnits(currency);
  } catch {
    /* keep 2 */
  }
  const dot = text.indexOf('.');
  const dp = dot < 0 ? 0 : text.length - dot - 1;
  if (dp >= minor) return text;
  return (dot < 0 ? text + (minor > 0 ? '.' : '') : text) + '0'.repeat(minor - dp);
}
