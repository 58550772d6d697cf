// A small stand-in for the engine's planner, to test the run machinery
// (leases, chunks, idempotent writes) independently of billing semantics:
// activated recurring lines bill monthly in advance from their start date up
// to asOf, amount = quantity x unitPrice; `holdBilling` holds; a product code
// `BOOM` is an evaluation error. The real planner is tested in test/engine.
import { Decimal } from 'decimal.js';
import type { OrderBook } from '../../../../engine/book/book-types.js';
import type { ChunkPlanFn, ChunkPlanOutput, PlannedLine } from '../../../../api/billing-runs/run-types.js';

export const simplePlanner: ChunkPlanFn = (book: OrderBook, ids: readonly string[], asOf: string): ChunkPlanOutput => {
  const orders = new Map(book.orders.map((o) => [o.id, o]));
  const accounts = new Map(book.accounts.map((a) => [a.id, a]));
  const billed = new Set(book.invoiced.map((i) => `${i.orderProductId}|${i.periodStart}`));
  const products = new Map(book.orderProducts.map((p) => [p.id, p]));
  const lines: PlannedLine[] = [];
  const holds: ChunkPlanOutput['holds'][number][] = [];
  const errors: ChunkPlanOutput['errors'][number][] = [];
  for (const id of ids) {
    const p = products.get(id)!;
    const order = orders.get(p.orderId)!;
    const account = accounts.get(order.accountId)!;
    if (order.status !== 'activated') continue;
    if (p.productCode === 'BOOM') {
      errors.push({ orderProductId: id, code: 'PV4999', message: 'test error' });
      continue;
    }
    if (p.holdBilling) {
      holds.push({ orderProductId: id, reasons: ['on hold'], policies: ['order product'] });
      continue;
    }
    for (let m = 0; ; m++) {
      const start = addMonths(p.startDate, m);
      if (start > asOf || (p.endDate && start > p.endDate)) break;
      if (billed.has(`${id}|${start}`)) continue;
      const end = addDays(addMonths(p.startDate, m + 1), -1);
      lines.push({
        accountId: account.id,
        currency: account.currency,
        orderProductId: id,
        kind: 'charge',
        periodStart: start,
        periodEnd: end,
        billingDate: start,
        quantity: p.quantity,
        unitPrice: p.unitPrice,
        prorationFactor: '1',
        amount: new Decimal(p.quantity).times(p.unitPrice).toFixed(2),
        trace: [{ policy: 'default', set: 'billingDate', value: start }],
      });
    }
  }
  return { lines, holds, errors };
};

function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function addDays(iso: string, n: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A synthetic book: `accounts` accounts with `perAccount` monthly lines each. */
export function syntheticBook(accounts: number, perAccount: number, start = '2026-01-01'): OrderBook {
  const book = { accounts: [], contracts: [], orders: [], orderProducts: [], invoiced: [] } as {
    [K in keyof OrderBook]: OrderBook[K][number][];
  };
  for (let a = 0; a < accounts; a++) {
    const aid = `A${String(a).padStart(5, '0')}`;
    book.accounts.push({ id: aid, name: `Account ${a}`, currency: a % 3 === 0 ? 'USD' : 'EUR', timezone: 'UTC', billingDayOfMonth: null, attributes: {} });
    const oid = `O${String(a).padStart(5, '0')}`;
    book.orders.push({ id: oid, accountId: aid, contractId: null, type: 'new', status: a % 17 === 5 ? 'draft' : 'activated', activatedDate: start, poNumber: null, attributes: {} });
    for (let i = 0; i < perAccount; i++) {
      const n = a * perAccount + i;
      book.orderProducts.push({
        id: `OP${String(n).padStart(7, '0')}`,
        orderId: oid,
        productCode: n % 97 === 13 ? 'BOOM' : 'SUP-GOLD',
        productName: 'Gold support',
        chargeType: 'recurring',
        billingFrequency: 'monthly',
        billingType: 'advance',
        quantity: String(1 + (n % 5)),
        unitPrice: '10.50',
        startDate: addDays(start, n % 40),
        endDate: null,
        billingDayOfMonth: null,
        amends: null,
        holdBilling: n % 23 === 7,
        attributes: {},
      });
      if (n % 11 === 0) book.invoiced.push({ orderProductId: `OP${String(n).padStart(7, '0')}`, periodStart: addDays(start, n % 40) });
    }
  }
  return book;
}
