// A CSV book read whole into an OrderBook, for `proviso simulate --book <folder>`
// (the planner needs the whole book anyway).
import type { Account, Contract, InvoicedPeriod, Order, OrderBook, OrderProduct } from '../../../engine/book/book-types.js';
import { readCsvBook, type CsvBookError, type CsvBookSource, type CsvReadOptions } from './csv-book-reader.js';

export type CsvBookResult = { ok: true; book: OrderBook } | { ok: false; errors: readonly CsvBookError[] };

export async function loadCsvBook(source: CsvBookSource, options: CsvReadOptions = {}): Promise<CsvBookResult> {
  const accounts: Account[] = [];
  const contracts: Contract[] = [];
  const orders: Order[] = [];
  const orderProducts: OrderProduct[] = [];
  const invoiced: InvoicedPeriod[] = [];
  const r = await readCsvBook(
    source,
    {
      account: (x) => void accounts.push(x),
      contract: (x) => void contracts.push(x),
      order: (x) => void orders.push(x),
      orderProduct: (x) => void orderProducts.push(x),
      invoiced: (x) => void invoiced.push(x),
    },
    options,
  );
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, book: { accounts, contracts, orders, orderProducts, invoiced } };
}
