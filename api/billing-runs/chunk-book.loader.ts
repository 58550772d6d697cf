// Loads the part of the stored order book one chunk needs: its order products
// (ids (afterId, lastId] as planned; those of draft orders are left out), the originals they amend (wherever they
// are), their orders, accounts and contracts, and every period already billed
// for them: the live real lines of any run, charges minus credited days
// (ledger-coverage.ts), plus the imported history. Memory is bounded by the
// chunk size, never by the book.
import type { Account, Contract, InvoicedPeriod, Order, OrderBook, OrderProduct } from '../../engine/book/book-types.js';
import type { Db } from './billing-runs.repository.js';
import { billedCoverage, LEDGER_COLUMNS, type ImportedRow, type LedgerRow } from '../invoices/ledger-coverage.js';

const PRODUCT_COLUMNS = `op.id, op.order_id AS "orderId", op.product_code AS "productCode", op.product_name AS "productName",
  op.charge_type AS "chargeType", op.billing_frequency AS "billingFrequency", op.billing_type AS "billingType",
  trim_scale(op.quantity)::text AS quantity, trim_scale(op.unit_price)::text AS "unitPrice",
  op.start_date::text AS "startDate", op.end_date::text AS "endDate", op.billing_day_of_month AS "billingDayOfMonth",
  op.amends, op.hold_billing AS "holdBilling", op.attributes`;

const ORDER_COLUMNS = `id, account_id AS "accountId", contract_id AS "contractId", type, status,
  activated_date::text AS "activatedDate", po_number AS "poNumber", attributes`;

/** The order products with ids lo..hi inclusive (as planned; tests and tools). */
export function loadChunkBook(db: Db, lo: string, hi: string): Promise<{ book: OrderBook; ids: string[] }> {
  return loadRange(db, { op: '>=', bound: lo }, hi);
}

/**
 * The chunk as the planner defines it: ids in (afterId, lastId], afterId being
 * the previous chunk's last id (null for the first chunk). A product whose id
 * falls between two chunks' planned first and last ids is in exactly one chunk.
 */
export function loadChunkAfter(db: Db, afterId: string | null, lastId: string): Promise<{ book: OrderBook; ids: string[] }> {
  return loadRange(db, afterId === null ? null : { op: '>', bound: afterId }, lastId);
}

async function loadRange(db: Db, lower: { op: '>' | '>='; bound: string } | null, hi: string): Promise<{ book: OrderBook; ids: string[] }> {
  const lowerSql = (column: string) => (lower ? `${column} ${lower.op} $2 AND ` : '');
  const rangeParams = lower ? [hi, lower.bound] : [hi];
  // Range scan on the primary key, then orders by id: index lookups only.
  const inRange = await db.$queryRawUnsafe<OrderProduct[]>(
    `SELECT ${PRODUCT_COLUMNS} FROM order_products op WHERE ${lowerSql('op.id')}op.id <= $1 ORDER BY op.id`,
    ...rangeParams,
  );
  const orderRows = await db.$queryRawUnsafe<Order[]>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::text[])`,
    [...new Set(inRange.map((p) => p.orderId))],
  );
  const activated = new Set(orderRows.filter((o) => o.status === 'activated').map((o) => o.id));
  const products = inRange.filter((p) => activated.has(p.orderId));
  const ids = products.map((p) => p.id);
  const have = new Set(ids);
  const missingOriginals = [...new Set(products.map((p) => p.amends).filter((a): a is string => a !== null && !have.has(a)))];
  const originals = missingOriginals.length
    ? await db.$queryRawUnsafe<OrderProduct[]>(`SELECT ${PRODUCT_COLUMNS} FROM order_products op WHERE op.id = ANY($1::text[])`, missingOriginals)
    : [];
  const allProducts = [...products, ...originals];
  const knownOrders = new Map(orderRows.map((o) => [o.id, o]));
  const missingOrders = [...new Set(originals.map((p) => p.orderId).filter((id) => !knownOrders.has(id)))];
  if (missingOrders.length) {
    for (const o of await db.$queryRawUnsafe<Order[]>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ANY($1::text[])`, missingOrders)) {
      knownOrders.set(o.id, o);
    }
  }
  const needed = new Set(allProducts.map((p) => p.orderId));
  const orders = [...knownOrders.values()].filter((o) => needed.has(o.id));
  const accounts = await db.$queryRawUnsafe<Account[]>(
    `SELECT id, name, currency, timezone, billing_day_of_month AS "billingDayOfMonth", attributes
       FROM accounts WHERE id = ANY($1::text[])`,
    [...new Set(orders.map((o) => o.accountId))],
  );
  const contractIds = [...new Set(orders.map((o) => o.contractId).filter((c): c is string => c !== null))];
  const contracts = contractIds.length
    ? await db.$queryRawUnsafe<Contract[]>(
        `SELECT id, account_id AS "accountId", start_date::text AS "startDate", end_date::text AS "endDate"
           FROM contracts WHERE id = ANY($1::text[])`,
        contractIds,
      )
    : [];
  const ledger = ids.length
    ? await db.$queryRawUnsafe<LedgerRow[]>(
        `SELECT ${LEDGER_COLUMNS}
           FROM invoice_lines WHERE live AND NOT dry_run AND ${lowerSql('order_product_id')}order_product_id <= $1`,
        ...rangeParams,
      )
    : [];
  const imported = ids.length
    ? await db.$queryRawUnsafe<ImportedRow[]>(
        `SELECT order_product_id AS "orderProductId", period_start::text AS "periodStart", period_end::text AS "periodEnd",
                trim_scale(amount)::text AS amount
           FROM invoiced_periods WHERE ${lowerSql('order_product_id')}order_product_id <= $1`,
        ...rangeParams,
      )
    : [];
  const invoiced: InvoicedPeriod[] = billedCoverage(imported, ledger);
  return { book: { accounts, contracts, orders, orderProducts: allProducts, invoiced }, ids };
}
