// A proposed amendment -> the book rows placing it would write. Pure: takes
// the stored book of the account and returns the placement (new order and
// order products with ids fixed at quote time, changed end dates) and the
// book as it would be, which the planner then prices. Accepting the quote
// writes exactly this placement, so the next run bills exactly the quote.
import type { Order, OrderBook, OrderProduct } from '../../engine/book/book-types.js';
import { addDays } from '../../engine/calendar/civil-date.js';
import { Dec } from '../../engine/money/decimal.js';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../common/problem.js';

export type QuoteChange =
  | { readonly type: 'quantity'; readonly orderProductId: string; readonly quantity: string; readonly effectiveDate: string }
  | {
      readonly type: 'swap';
      readonly orderProductId: string;
      readonly effectiveDate: string;
      readonly product: { readonly productCode: string; readonly productName: string; readonly unitPrice: string; readonly quantity?: string };
    }
  | { readonly type: 'cancel'; readonly orderProductId: string; readonly endDate: string };

export interface Placement {
  /** New orders (amendments, swaps), written as activated on the quote's date. */
  readonly orders: Order[];
  /** New order products and changed ones (full rows). */
  readonly orderProducts: OrderProduct[];
}

export interface AmendedBook {
  readonly placement: Placement;
  readonly book: OrderBook;
  /** The order products whose lines the quote shows (changed and new). */
  readonly affected: readonly string[];
}

/** Applies `change` to the account's book. `idPrefix` makes the new rows' ids (`<prefix>-O`, `<prefix>-1`). */
export function amendBook(book: OrderBook, change: QuoteChange, asOf: string, idPrefix: string): AmendedBook {
  const line = book.orderProducts.find((p) => p.id === change.orderProductId);
  if (!line) throw new NotFoundProblem(`no order product with id '${change.orderProductId}' on this account`);
  const order = book.orders.find((o) => o.id === line.orderId)!;
  if (order.status !== 'activated') {
    throw new ConflictProblem(`order product ${line.id} belongs to a draft order: amend the draft instead of quoting`, { status: order.status });
  }
  const within = (date: string, path: string) => {
    if (date < line.startDate || (line.endDate !== null && date > line.endDate)) {
      throw new ValidationProblem(`${path} ${date} is outside the term of ${line.id} (${line.startDate}..${line.endDate ?? 'evergreen'})`, [
        { path: `body.change.${path}`, message: `must lie within ${line.startDate}..${line.endDate ?? 'evergreen'}` },
      ]);
    }
  };
  const amendmentOrder: Order = {
    id: `${idPrefix}-O`,
    accountId: order.accountId,
    contractId: order.contractId,
    type: 'amendment',
    status: 'activated',
    activatedDate: asOf,
    poNumber: order.poNumber,
    attributes: {},
  };
  let placement: Placement;
  switch (change.type) {
    case 'quantity': {
      within(change.effectiveDate, 'effectiveDate');
      const delta = Dec(change.quantity).minus(currentQuantity(book, line, change.effectiveDate));
      if (delta.isZero()) {
        throw new ValidationProblem('the quantity is unchanged', [{ path: 'body.change.quantity', message: 'equals the current quantity' }]);
      }
      placement = {
        orders: [amendmentOrder],
        orderProducts: [
          {
            ...line,
            id: `${idPrefix}-1`,
            orderId: amendmentOrder.id,
            quantity: delta.toString(),
            startDate: change.effectiveDate,
            amends: line.id,
            holdBilling: false,
            attributes: {},
          },
        ],
      };
      break;
    }
    case 'swap': {
      within(change.effectiveDate, 'effectiveDate');
      if (change.effectiveDate === line.startDate) {
        throw new ValidationProblem('a swap on the first day replaces the whole line: cancel it instead', [
          { path: 'body.change.effectiveDate', message: `must be after ${line.startDate}` },
        ]);
      }
      placement = {
        orders: [amendmentOrder],
        orderProducts: [
          { ...line, endDate: addDays(change.effectiveDate, -1) },
          {
            ...line,
            id: `${idPrefix}-1`,
            orderId: amendmentOrder.id,
            productCode: change.product.productCode,
            productName: change.product.productName,
            unitPrice: change.product.unitPrice,
            quantity: change.product.quantity ?? currentQuantity(book, line, change.effectiveDate).toString(),
            startDate: change.effectiveDate,
            amends: null,
            holdBilling: false,
            attributes: {},
          },
        ],
      };
      break;
    }
    case 'cancel': {
      if (change.endDate < line.startDate || (line.endDate !== null && change.endDate >= line.endDate)) {
        throw new ValidationProblem(`a cancellation must end ${line.id} within its term, before its current end`, [
          { path: 'body.change.endDate', message: `must lie within ${line.startDate}..${line.endDate ? addDays(line.endDate, -1) : 'any later date'}` },
        ]);
      }
      const amendments = book.orderProducts.filter((p) => p.amends === line.id);
      const later = amendments.find((p) => p.startDate > change.endDate);
      if (later) {
        throw new ConflictProblem(`amendment ${later.id} of ${line.id} starts ${later.startDate}, after the new end date: cancel it first`);
      }
      placement = {
        orders: [],
        orderProducts: [line, ...amendments].map((p) => ({ ...p, endDate: change.endDate })),
      };
      break;
    }
  }
  const changed = new Map(placement.orderProducts.map((p) => [p.id, p]));
  const amended: OrderBook = {
    ...book,
    orders: [...book.orders, ...placement.orders],
    orderProducts: [...book.orderProducts.map((p) => changed.get(p.id) ?? p), ...placement.orderProducts.filter((p) => !book.orderProducts.some((q) => q.id === p.id))],
  };
  return { placement, book: amended, affected: placement.orderProducts.map((p) => p.id) };
}

/** The line's quantity on a date: its own plus every amendment in force then. */
function currentQuantity(book: OrderBook, line: OrderProduct, date: string) {
  return book.orderProducts
    .filter((p) => p.amends === line.id && p.startDate <= date && (p.endDate === null || p.endDate >= date))
    .reduce((q, p) => q.plus(p.quantity), Dec(line.quantity));
}
