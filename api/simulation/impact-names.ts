// The names behind the ids of one impact page: every order product on the
// page (its product name and code, and its account) and every account, so a
// reader sees "Gold support (SUP-GOLD), Acme GmbH" rather than "OP1" without
// asking for each id. Pure: one pass over the book for the page's ids only.
import type { OrderBook } from '../../engine/book/book-types.js';
import type { SimulationImpact } from '../../engine/plan/impact.js';

export interface OrderProductName {
  readonly productName: string;
  readonly productCode: string;
  readonly accountId: string;
}

export interface ImpactNames {
  /** Account id -> name. */
  readonly accounts: Readonly<Record<string, string>>;
  /** Order product id -> its product and account. */
  readonly orderProducts: Readonly<Record<string, OrderProductName>>;
}

/** The names of every order product and account one page of an impact mentions (ids the book does not know are left out). */
export function impactNames(page: SimulationImpact, book: OrderBook): ImpactNames {
  const products = new Set<string>();
  const accounts = new Set<string>();
  for (const l of [...page.added, ...page.removed, ...page.credits, ...page.rebilled]) {
    products.add(l.orderProductId);
    accounts.add(l.accountId);
  }
  for (const c of page.changed) {
    products.add(c.after.orderProductId);
    accounts.add(c.after.accountId);
  }
  for (const e of page.newErrors) products.add(e.orderProductId);
  for (const id of page.newlyHeld) products.add(id);
  for (const id of page.released) products.add(id);
  for (const a of page.perAccount) accounts.add(a.accountId);

  const found = book.orderProducts.filter((p) => products.has(p.id));
  const orderIds = new Set(found.map((p) => p.orderId));
  const accountOfOrder = new Map(book.orders.filter((o) => orderIds.has(o.id)).map((o) => [o.id, o.accountId]));
  // No prototype: an id such as `__proto__` is a key like any other.
  const orderProducts: Record<string, OrderProductName> = Object.create(null) as Record<string, OrderProductName>;
  for (const p of found) {
    const accountId = accountOfOrder.get(p.orderId);
    if (accountId === undefined) continue;
    orderProducts[p.id] = { productName: p.productName, productCode: p.productCode, accountId };
    accounts.add(accountId);
  }
  const accountNames: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const a of book.accounts) if (accounts.has(a.id)) accountNames[a.id] = a.name;
  return { accounts: accountNames, orderProducts };
}
