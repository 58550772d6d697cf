// Order book persistence. Uploads are written with one set-based statement
// per table (jsonb_to_recordset + ON CONFLICT), so thousands of rows take one
// round trip each; reads come back in the shape of engine/book/book-types.ts.
import { Injectable } from '@nestjs/common';
import type { OrderBook, InvoicedPeriod } from '../../engine/book/book-types.js';
import type { Prisma } from '../generated/prisma/client.js';
import { fromDbDate } from '../common/dates.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { accountFromRow, contractFromRow, orderFromRow, orderProductFromRow, withCurrencyScale } from './book-mapping.js';
import { billedCoverage, IMPORTED_SQL, LEDGER_SQL, type ImportedRow, type LedgerRow } from '../invoices/ledger-coverage.js';
import { moneyText } from '../invoices/invoice-format.js';
import type { StoredCoverage } from '../../engine/explain/explain-line.js';

export interface UpsertCounts {
  accounts: number;
  contracts: number;
  orders: number;
  orderProducts: number;
  invoiced: number;
}

/** A slice of the stored book for a range of order product ids (billing-run chunk). */
export interface BookSlice {
  /** The order products in the range, ascending. */
  readonly ids: readonly string[];
  /** Those products plus everything they refer to (orders, accounts, contracts, amended
   * originals) and every period already billed for them (imported history and
   * real invoice lines of earlier runs). */
  readonly book: OrderBook;
}

export const UPSERT_ACCOUNTS = `
INSERT INTO accounts (id, name, currency, timezone, billing_day_of_month, attributes, updated_at)
SELECT x.id, x.name, x.currency, x.timezone, x."billingDayOfMonth", COALESCE(x.attributes, '{}'::jsonb), now()
FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, currency text, timezone text, "billingDayOfMonth" int, attributes jsonb)
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency, timezone = EXCLUDED.timezone,
  billing_day_of_month = EXCLUDED.billing_day_of_month, attributes = EXCLUDED.attributes, updated_at = now()`;

export const UPSERT_CONTRACTS = `
INSERT INTO contracts (id, account_id, start_date, end_date, updated_at)
SELECT x.id, x."accountId", x."startDate"::date, x."endDate"::date, now()
FROM jsonb_to_recordset($1::jsonb) AS x(id text, "accountId" text, "startDate" text, "endDate" text)
ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, start_date = EXCLUDED.start_date,
  end_date = EXCLUDED.end_date, updated_at = now()`;

export const UPSERT_ORDERS = `
INSERT INTO orders (id, account_id, contract_id, type, status, activated_date, po_number, attributes, updated_at)
SELECT x.id, x."accountId", x."contractId", x.type, x.status, x."activatedDate"::date, x."poNumber", COALESCE(x.attributes, '{}'::jsonb), now()
FROM jsonb_to_recordset($1::jsonb) AS x(id text, "accountId" text, "contractId" text, type text, status text,
  "activatedDate" text, "poNumber" text, attributes jsonb)
ON CONFLICT (id) DO UPDATE SET account_id = EXCLUDED.account_id, contract_id = EXCLUDED.contract_id, type = EXCLUDED.type,
  status = EXCLUDED.status, activated_date = EXCLUDED.activated_date, po_number = EXCLUDED.po_number,
  attributes = EXCLUDED.attributes, updated_at = now()`;

export const UPSERT_ORDER_PRODUCTS = `
INSERT INTO order_products (id, order_id, product_code, product_name, charge_type, billing_frequency, billing_type,
  quantity, unit_price, start_date, end_date, billing_day_of_month, amends, hold_billing, attributes, updated_at)
SELECT x.id, x."orderId", x."productCode", x."productName", x."chargeType", x."billingFrequency", x."billingType",
  x.quantity::numeric, x."unitPrice"::numeric, x."startDate"::date, x."endDate"::date, x."billingDayOfMonth", x.amends,
  COALESCE(x."holdBilling", false), COALESCE(x.attributes, '{}'::jsonb), now()
FROM jsonb_to_recordset($1::jsonb) AS x(id text, "orderId" text, "productCode" text, "productName" text, "chargeType" text,
  "billingFrequency" text, "billingType" text, quantity text, "unitPrice" text, "startDate" text, "endDate" text,
  "billingDayOfMonth" int, amends text, "holdBilling" boolean, attributes jsonb)
ON CONFLICT (id) DO UPDATE SET order_id = EXCLUDED.order_id, product_code = EXCLUDED.product_code,
  product_name = EXCLUDED.product_name, charge_type = EXCLUDED.charge_type, billing_frequency = EXCLUDED.billing_frequency,
  billing_type = EXCLUDED.billing_type, quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price,
  start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, billing_day_of_month = EXCLUDED.billing_day_of_month,
  amends = EXCLUDED.amends, hold_billing = EXCLUDED.hold_billing, attributes = EXCLUDED.attributes, updated_at = now()`;

/** Keyed by (order product, start); an entry given twice keeps its last coverage and amount.
 * Counts what it inserted or changed (an identical re-upload counts 0). */
export const INSERT_INVOICED = `
INSERT INTO invoiced_periods (order_product_id, period_start, period_end, amount)
SELECT DISTINCT ON (x."orderProductId", x."periodStart"::date) x."orderProductId", x."periodStart"::date, x."periodEnd"::date, x.amount::numeric
FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("orderProductId" text, "periodStart" text, "periodEnd" text, amount text))
  WITH ORDINALITY AS x("orderProductId", "periodStart", "periodEnd", amount, n)
ORDER BY x."orderProductId", x."periodStart"::date, x.n DESC
ON CONFLICT (order_product_id, period_start) DO UPDATE SET period_end = EXCLUDED.period_end, amount = EXCLUDED.amount
  WHERE (invoiced_periods.period_end, invoiced_periods.amount) IS DISTINCT FROM (EXCLUDED.period_end, EXCLUDED.amount)`;

/** Rows per statement: keeps each JSON parameter a few MB at most. */
const BATCH = 5000;

@Injectable()
export class BookRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Upserts a validated book inside the caller's transaction. */
  async upsert(tx: Prisma.TransactionClient, book: OrderBook): Promise<UpsertCounts> {
    const run = async (sql: string, rows: readonly unknown[]): Promise<number> => {
      let n = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        n += await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + BATCH)));
      }
      return n;
    };
    await run(UPSERT_ACCOUNTS, book.accounts);
    await run(UPSERT_CONTRACTS, book.contracts);
    await run(UPSERT_ORDERS, book.orders);
    await run(UPSERT_ORDER_PRODUCTS, book.orderProducts);
    const invoiced = await run(INSERT_INVOICED, book.invoiced);
    return {
      accounts: book.accounts.length,
      contracts: book.contracts.length,
      orders: book.orders.length,
      orderProducts: book.orderProducts.length,
      invoiced,
    };
  }

  async summary(): Promise<UpsertCounts & { currencies: string[]; firstStart: string | null; lastStart: string | null }> {
    const [accounts, contracts, orders, orderProducts, invoiced, currencies, range] = await Promise.all([
      this.prisma.account.count(),
      this.prisma.contract.count(),
      this.prisma.order.count(),
      this.prisma.orderProduct.count(),
      this.prisma.invoicedPeriod.count(),
      this.prisma.account.findMany({ distinct: ['currency'], select: { currency: true }, orderBy: { currency: 'asc' } }),
      this.prisma.orderProduct.aggregate({ _min: { startDate: true }, _max: { startDate: true } }),
    ]);
    return {
      accounts,
      contracts,
      orders,
      orderProducts,
      invoiced,
      currencies: currencies.map((c) => c.currency),
      firstStart: range._min.startDate ? fromDbDate(range._min.startDate) : null,
      lastStart: range._max.startDate ? fromDbDate(range._max.startDate) : null,
    };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.prisma.orderProduct.count()) === 0 && (await this.prisma.account.count()) === 0;
  }

  listAccounts(limit: number, cursor?: string, filter: { q?: string; currency?: string; attribute?: { name: string; value: string } } = {}) {
    const where: Prisma.AccountWhereInput = {
      ...(cursor ? { id: { gt: cursor } } : {}),
      ...(filter.currency ? { currency: filter.currency } : {}),
      ...(filter.attribute ? { attributes: { path: [filter.attribute.name], equals: filter.attribute.value } } : {}),
      ...(filter.q
        ? { OR: [{ id: { contains: filter.q, mode: 'insensitive' as const } }, { name: { contains: filter.q, mode: 'insensitive' as const } }] }
        : {}),
    };
    return this.prisma.account
      .findMany({
        take: limit,
        where,
        orderBy: { id: 'asc' },
        include: { _count: { select: { orders: true } } },
      })
      .then((rows) => rows.map((r) => ({ ...accountFromRow(r), orders: r._count.orders })));
  }

  /** An account with what a finance admin opens it for: contracts, orders, order products and its invoices (no lines). */
  async accountDetail(id: string) {
    const a = await this.prisma.account.findUnique({ where: { id }, include: { contracts: { orderBy: { id: 'asc' } }, orders: { orderBy: { id: 'asc' } } } });
    if (!a) return null;
    const [products, invoices] = await Promise.all([
      this.prisma.orderProduct.findMany({ where: { order: { accountId: id } }, orderBy: { id: 'asc' } }),
      this.prisma.invoice.findMany({
        where: { accountId: id, dryRun: false },
        orderBy: [{ invoiceDate: 'desc' }, { id: 'asc' }],
        take: 500,
        select: { id: true, number: true, status: true, invoiceDate: true, currency: true, total: true, runId: true, _count: { select: { lines: true } } },
      }),
    ]);
    return {
      ...accountFromRow(a),
      contracts: a.contracts.map(contractFromRow),
      orders: a.orders.map(orderFromRow),
      orderProducts: products.map(orderProductFromRow),
      invoices: invoices.map((i) => ({
        id: i.id,
        number: i.number,
        status: i.status,
        invoiceDate: fromDbDate(i.invoiceDate),
        currency: i.currency,
        total: moneyText(i.total, i.currency),
        runId: i.runId,
        lines: i._count.lines,
      })),
    };
  }

  async listOrderProducts(opts: { accountId?: string; limit: number; cursor?: string }) {
    const rows = await this.prisma.orderProduct.findMany({
      take: opts.limit,
      where: {
        ...(opts.cursor ? { id: { gt: opts.cursor } } : {}),
        ...(opts.accountId ? { order: { accountId: opts.accountId } } : {}),
      },
      orderBy: { id: 'asc' },
      include: { order: { select: { accountId: true } } },
    });
    return rows.map((r) => ({ ...orderProductFromRow(r), accountId: r.order.accountId }));
  }

  async findOrderProduct(id: string) {
    return this.prisma.orderProduct.findUnique({ where: { id }, select: { id: true, startDate: true } });
  }

  /** The whole stored book (simulation, impact). Real billed lines count as invoiced. */
  async loadAll(options: { accountIds?: readonly string[] } = {}): Promise<OrderBook> {
    const accountFilter = options.accountIds ? { id: { in: [...options.accountIds] } } : {};
    const accounts = await this.prisma.account.findMany({ where: accountFilter, orderBy: { id: 'asc' } });
    const accountIds = accounts.map((a) => a.id);
    const byAccount = options.accountIds ? { accountId: { in: accountIds } } : {};
    const [contracts, orders] = await Promise.all([
      this.prisma.contract.findMany({ where: byAccount, orderBy: { id: 'asc' } }),
      this.prisma.order.findMany({ where: byAccount, orderBy: { id: 'asc' } }),
    ]);
    const products = await this.prisma.orderProduct.findMany({
      where: options.accountIds ? { order: { accountId: { in: accountIds } } } : {},
      orderBy: { id: 'asc' },
    });
    const invoiced = await this.billedPeriods(options.accountIds ? products.map((p) => p.id) : undefined);
    return withCurrencyScale({
      accounts: accounts.map(accountFromRow),
      contracts: contracts.map(contractFromRow),
      orders: orders.map(orderFromRow),
      orderProducts: products.map(orderProductFromRow),
      invoiced,
    });
  }

  /** Imported history plus the live ledger (charges minus credited days), for the given products or all. */
  async billedPeriods(orderProductIds?: readonly string[]): Promise<InvoicedPeriod[]> {
    const ids = orderProductIds ? [...orderProductIds] : null;
    const imported = await this.prisma.$queryRawUnsafe<ImportedRow[]>(IMPORTED_SQL, ids);
    const ledger = await this.prisma.$queryRawUnsafe<LedgerRow[]>(LEDGER_SQL, ids);
    return billedCoverage(imported, ledger);
  }

  /** The real stored lines of one order product with their invoices (what "why (not) billed" reads). */
  async storedCoverage(orderProductId: string): Promise<StoredCoverage[]> {
    const rows = await this.prisma.$queryRawUnsafe<
      { start: string; end: string; kind: 'charge' | 'credit'; live: boolean; amount: string; id: string; number: string | null; status: string }[]
    >(
      `SELECT l.period_start::text AS start, l.period_end::text AS "end", l.kind, l.live, trim_scale(l.amount)::text AS amount,
              i.id, i.number, i.status
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE l.order_product_id = $1 AND NOT l.dry_run ORDER BY l.period_start, l.kind`,
      orderProductId,
    );
    return rows.map((r) => ({ start: r.start, end: r.end, kind: r.kind, live: r.live, amount: r.amount, invoice: { id: r.id, number: r.number, status: r.status } }));
  }

  /**
   * The order products with lo <= id <= hi (text order, as the chunk planner
   * cuts them), with everything the planner needs. For billing-run chunks.
   */
  async loadRange(lo: string, hi: string): Promise<BookSlice> {
    const inRange = await this.prisma.orderProduct.findMany({ where: { id: { gte: lo, lte: hi } }, orderBy: { id: 'asc' } });
    return this.sliceFor(inRange);
  }

  /** Keyset pages of the range (never OFFSET): at most `pageSize` products per slice. */
  async *streamRange(lo: string, hi: string, pageSize = 1000): AsyncGenerator<BookSlice> {
    let after: string | undefined;
    for (;;) {
      const page = await this.prisma.orderProduct.findMany({
        where: { id: after === undefined ? { gte: lo, lte: hi } : { gt: after, lte: hi } },
        orderBy: { id: 'asc' },
        take: pageSize,
      });
      if (page.length === 0) return;
      yield await this.sliceFor(page);
      if (page.length < pageSize) return;
      after = page[page.length - 1].id;
    }
  }

  private async sliceFor(products: Awaited<ReturnType<PrismaService['orderProduct']['findMany']>>): Promise<BookSlice> {
    const ids = products.map((p) => p.id);
    const have = new Set(ids);
    const missingOriginals = [...new Set(products.map((p) => p.amends).filter((a): a is string => a !== null && !have.has(a)))];
    const originals = missingOriginals.length
      ? await this.prisma.orderProduct.findMany({ where: { id: { in: missingOriginals } } })
      : [];
    const all = [...products, ...originals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const orderIds = [...new Set(all.map((p) => p.orderId))];
    const orders = await this.prisma.order.findMany({ where: { id: { in: orderIds } }, orderBy: { id: 'asc' } });
    const accountIds = [...new Set(orders.map((o) => o.accountId))];
    const contractIds = [...new Set(orders.map((o) => o.contractId).filter((c): c is string => c !== null))];
    const [accounts, contracts, invoiced] = await Promise.all([
      this.prisma.account.findMany({ where: { id: { in: accountIds } }, orderBy: { id: 'asc' } }),
      this.prisma.contract.findMany({ where: { id: { in: contractIds } }, orderBy: { id: 'asc' } }),
      this.billedPeriods(all.map((p) => p.id)),
    ]);
    return {
      ids,
      book: withCurrencyScale({
        accounts: accounts.map(accountFromRow),
        contracts: contracts.map(contractFromRow),
        orders: orders.map(orderFromRow),
        orderProducts: all.map(orderProductFromRow),
        invoiced,
      }),
    };
  }
}
