// Small order books for planner tests: one account, orders and lines with
// sensible defaults; override only what the row is about.
import type { Account, InvoicedPeriod, Order, OrderBook, OrderProduct } from '../../../engine/book/book-types.js';

export function account(p: Partial<Account> = {}): Account {
  return { id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA', segment: 'enterprise' }, ...p };
}

export function order(p: Partial<Order> = {}): Order {
  return { id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2025-12-01', poNumber: 'PO-1', attributes: { channel: 'direct' }, ...p };
}

export function line(p: Partial<OrderProduct> = {}): OrderProduct {
  return {
    id: 'OP1',
    orderId: 'O1',
    productCode: 'SUP-GOLD',
    productName: 'Gold support',
    chargeType: 'recurring',
    billingFrequency: 'monthly',
    billingType: 'advance',
    quantity: '10',
    unitPrice: '100.00',
    startDate: '2026-01-01',
    endDate: null,
    billingDayOfMonth: null,
    amends: null,
    holdBilling: false,
    attributes: {},
    ...p,
  };
}

export function book(p: Partial<{ accounts: Account[]; orders: Order[]; lines: OrderProduct[]; invoiced: InvoicedPeriod[] }> = {}): OrderBook {
  return {
    accounts: p.accounts ?? [account()],
    contracts: [],
    orders: p.orders ?? [order()],
    orderProducts: p.lines ?? [line()],
    invoiced: p.invoiced ?? [],
  };
}
