// Bulk-inserts order-book rows with unnest() arrays (a few statements per
// thousand rows, on PostgreSQL and PGlite alike). Used by the run benchmark and
// the billing-run tests to load large books fast; ON CONFLICT DO NOTHING so a
// page can be re-sent. The validated, all-or-nothing upload is POST /api/book.
import type { OrderBook } from '../../engine/book/book-types.js';
import type { Db } from './billing-runs.repository.js';

type BookPart = Partial<Pick<OrderBook, 'accounts' | 'contracts' | 'orders' | 'orderProducts' | 'invoiced'>>;

export async function insertBookRows(db: Pick<Db, '$executeRawUnsafe'>, book: BookPart): Promise<void> {
  const { accounts = [], contracts = [], orders = [], orderProducts = [], invoiced = [] } = book;
  if (accounts.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO accounts (id, name, currency, timezone, billing_day_of_month, attributes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::jsonb[]) ON CONFLICT DO NOTHING`,
      accounts.map((a) => a.id),
      accounts.map((a) => a.name),
      accounts.map((a) => a.currency),
      accounts.map((a) => a.timezone),
      accounts.map((a) => a.billingDayOfMonth),
      accounts.map((a) => JSON.stringify(a.attributes ?? {})),
    );
  }
  if (contracts.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO contracts (id, account_id, start_date, end_date)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) ON CONFLICT DO NOTHING`,
      contracts.map((c) => c.id),
      contracts.map((c) => c.accountId),
      contracts.map((c) => c.startDate),
      contracts.map((c) => c.endDate),
    );
  }
  if (orders.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO orders (id, account_id, contract_id, type, status, activated_date, po_number, attributes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::jsonb[])
       ON CONFLICT DO NOTHING`,
      orders.map((o) => o.id),
      orders.map((o) => o.accountId),
      orders.map((o) => o.contractId),
      orders.map((o) => o.type),
      orders.map((o) => o.status),
      orders.map((o) => o.activatedDate),
      orders.map((o) => o.poNumber),
      orders.map((o) => JSON.stringify(o.attributes ?? {})),
    );
  }
  if (orderProducts.length) {
    // `amends` is checked at commit (deferred): send an original in the same
    // call as its amendments, or earlier.
    await db.$executeRawUnsafe(
      `INSERT INTO order_products (id, order_id, product_code, product_name, charge_type, billing_frequency, billing_type,
         quantity, unit_price, start_date, end_date, billing_day_of_month, amends, hold_billing, attributes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::numeric[], $9::numeric[], $10::date[], $11::date[], $12::int[], $13::text[], $14::boolean[], $15::jsonb[])
       ON CONFLICT DO NOTHING`,
      orderProducts.map((p) => p.id),
      orderProducts.map((p) => p.orderId),
      orderProducts.map((p) => p.productCode),
      orderProducts.map((p) => p.productName),
      orderProducts.map((p) => p.chargeType),
      orderProducts.map((p) => p.billingFrequency),
      orderProducts.map((p) => p.billingType),
      orderProducts.map((p) => p.quantity),
      orderProducts.map((p) => p.unitPrice),
      orderProducts.map((p) => p.startDate),
      orderProducts.map((p) => p.endDate),
      orderProducts.map((p) => p.billingDayOfMonth),
      orderProducts.map((p) => p.amends),
      orderProducts.map((p) => p.holdBilling),
      orderProducts.map((p) => JSON.stringify(p.attributes ?? {})),
    );
  }
  if (invoiced.length) {
    await db.$executeRawUnsafe(
      `INSERT INTO invoiced_periods (order_product_id, period_start, period_end, amount)
       SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::numeric[]) ON CONFLICT DO NOTHING`,
      invoiced.map((i) => i.orderProductId),
      invoiced.map((i) => i.periodStart),
      invoiced.map((i) => i.periodEnd ?? null),
      invoiced.map((i) => i.amount ?? null),
    );
  }
}
