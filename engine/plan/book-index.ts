// The order book indexed once for planning: by id, and the billed coverage
// (`invoiced`) by order product. The service plans chunk by chunk against one.
import type { Account, Contract, InvoicedPeriod, Order, OrderBook, OrderProduct } from '../book/book-types.js';
import type { LineContext } from '../results/index.js';

export interface BookIndex {
  readonly accounts: ReadonlyMap<string, Account>;
  readonly contracts: ReadonlyMap<string, Contract>;
  readonly orders: ReadonlyMap<string, Order>;
  readonly orderProducts: ReadonlyMap<string, OrderProduct>;
  /** The `invoiced` entries of each order product, in book order. */
  readonly coverageByLine: ReadonlyMap<string, readonly InvoicedPeriod[]>;
}

export function indexBook(book: OrderBook): BookIndex {
  const byId = <T extends { id: string }>(xs: readonly T[]): Map<string, T> => {
    const m = new Map<string, T>();
    for (const x of xs) m.set(x.id, x);
    return m;
  };
  const coverageByLine = new Map<string, InvoicedPeriod[]>();
  for (const i of book.invoiced) {
    let entries = coverageByLine.get(i.orderProductId);
    if (!entries) coverageByLine.set(i.orderProductId, (entries = []));
    entries.push(i);
  }
  return {
    accounts: byId(book.accounts),
    contracts: byId(book.contracts),
    orders: byId(book.orders),
    orderProducts: byId(book.orderProducts),
    coverageByLine,
  };
}

/** Everything a policy may read about one order product; null when its order or account is missing. */
export function lineContext(index: BookIndex, line: OrderProduct, asOf: string): LineContext | null {
  const order = index.orders.get(line.orderId);
  const account = order && index.accounts.get(order.accountId);
  if (!order || !account) return null;
  const contract = order.contractId ? (index.contracts.get(order.contractId) ?? null) : null;
  const original = line.amends ? (index.orderProducts.get(line.amends) ?? null) : null;
  return { account, contract, order, line, original, today: asOf };
}
