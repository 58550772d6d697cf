// The SQL side of the CSV import (csv-book-import.ts): every row is first
// copied into a temporary staging table of its transaction, then duplicates
// and references are checked with joins over the staged book (so no id is held
// in the process: memory does not grow with the book), the bad rows are read
// back (the first ones, in file and row order), and only a clean book is moved
// into the real tables by the same upserts POST /api/book uses.
import type { OrderBook } from '../../../engine/book/book-types.js';
import { INSERT_INVOICED, UPSERT_ACCOUNTS, UPSERT_CONTRACTS, UPSERT_ORDERS, UPSERT_ORDER_PRODUCTS } from '../book.repository.js';
import { CSV_BOOK_FILES } from './csv-book-layout.js';

export type Entity = keyof OrderBook;

/** The upserts read `jsonb_to_recordset($1::jsonb) AS x(<columns>)`; staging keeps those columns. */
const RECORDSET = /jsonb_to_recordset\(\$1::jsonb\) AS x\(([^)]*)\)/;

function recordColumns(sql: string): string {
  const m = RECORDSET.exec(sql);
  if (!m) throw new Error('book upsert without jsonb_to_recordset($1::jsonb) AS x(...): the CSV staging cannot follow it');
  return m[1];
}

/** `ROWS FROM (jsonb_to_recordset($1::jsonb) AS (...)) WITH ORDINALITY AS x(..., n)` of INSERT_INVOICED. */
const INVOICED_RECORDSET = /ROWS FROM \(jsonb_to_recordset\(\$1::jsonb\) AS \(([^)]*)\)\)\s+WITH ORDINALITY AS x\(([^)]*)\)/;

interface Staged {
  readonly table: string;
  readonly columns: string;
  /** The upsert reading the staging table instead of a JSON parameter. */
  readonly upsert: string;
}

function invoicedStaging(): Staged {
  const m = INVOICED_RECORDSET.exec(INSERT_INVOICED);
  if (!m) throw new Error('INSERT_INVOICED changed shape: the CSV staging cannot follow it');
  const names = m[2].split(',').map((c) => c.trim());
  // The ordinal (a later entry wins) becomes the spreadsheet row.
  const select = names.map((c) => (c === 'n' ? 'csv_row AS n' : c)).join(', ');
  return {
    table: 'csv_stage_invoiced',
    columns: m[1],
    upsert: INSERT_INVOICED.replace(INVOICED_RECORDSET, `(SELECT ${select} FROM csv_stage_invoiced) AS x`),
  };
}

function staging(table: string, upsert: string): Staged {
  return { table, columns: recordColumns(upsert), upsert: upsert.replace(RECORDSET, `${table} AS x`) };
}

export const STAGED: Record<Entity, Staged> = {
  accounts: staging('csv_stage_accounts', UPSERT_ACCOUNTS),
  contracts: staging('csv_stage_contracts', UPSERT_CONTRACTS),
  orders: staging('csv_stage_orders', UPSERT_ORDERS),
  orderProducts: staging('csv_stage_order_products', UPSERT_ORDER_PRODUCTS),
  invoiced: invoicedStaging(),
};

export const ENTITIES = Object.keys(STAGED) as Entity[];

/** Temporary tables of the import's transaction: gone at its end, committed or not. */
export const CREATE_STAGING = ENTITIES.map((e) => `CREATE TEMPORARY TABLE ${STAGED[e].table} (csv_row int NOT NULL, ${STAGED[e].columns}) ON COMMIT DROP`);

/** One batch of rows (a JSON array, each row with its `csv_row`) into staging. */
export const stageRows = (entity: Entity): string =>
  `INSERT INTO ${STAGED[entity].table} SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(csv_row int, ${STAGED[entity].columns})`;

export const ANALYZE_STAGING = `ANALYZE ${ENTITIES.map((e) => STAGED[e].table).join(', ')}`;

const fileOf = (entity: Entity): string => CSV_BOOK_FILES.find((f) => f.entity === entity)!.file;
const order = (entity: Entity): number => CSV_BOOK_FILES.findIndex((f) => f.entity === entity);
const lit = (text: string): string => `'${text.replace(/'/g, "''")}'`;
/** JSON.stringify of a text value, as the in-memory validator quotes ids. */
const quoted = (expr: string): string => `to_json(${expr})::text`;

function duplicates(entity: Exclude<Entity, 'invoiced'>): string {
  const t = STAGED[entity].table;
  const file = fileOf(entity);
  return `SELECT ${order(entity)} AS f, ${lit(file)} AS file, s.csv_row, 9 AS k, 'id' AS col, s.id AS val,
    'duplicate id ' || ${quoted('s.id')} || ' (first at ${file} row ' || d.first || ')' AS msg
  FROM ${t} s JOIN (SELECT id, min(csv_row) AS first FROM ${t} GROUP BY id HAVING count(*) > 1) d ON d.id = s.id AND s.csv_row > d.first`;
}

function unknown(entity: Entity, column: string, k: number, target: Entity, what: string): string {
  return `SELECT ${order(entity)}, ${lit(fileOf(entity))}, s.csv_row, ${k}, ${lit(column)}, s."${column}", ${lit(`unknown ${what} `)} || ${quoted(`s."${column}"`)}
  FROM ${STAGED[entity].table} s
  WHERE s."${column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${STAGED[target].table} t WHERE t.id = s."${column}")`;
}

/**
 * Every duplicate and reference problem of the staged book, the messages of
 * engine/book/validate-book.ts word for word; `$1` = how many to read back.
 */
export const REFERENCE_PROBLEMS = `
WITH first_contracts AS (SELECT DISTINCT ON (id) id, "accountId" FROM csv_stage_contracts ORDER BY id, csv_row),
  first_orders AS (SELECT DISTINCT ON (id) id, "accountId" FROM csv_stage_orders ORDER BY id, csv_row),
  product_accounts AS (
    SELECT DISTINCT ON (p.id) p.id, p.csv_row, o."accountId" AS account
    FROM csv_stage_order_products p LEFT JOIN first_orders o ON o.id = p."orderId" ORDER BY p.id, p.csv_row),
  problems AS (
  ${duplicates('accounts')}
  UNION ALL ${unknown('contracts', 'accountId', 1, 'accounts', 'account')}
  UNION ALL ${duplicates('contracts')}
  UNION ALL ${unknown('orders', 'accountId', 1, 'accounts', 'account')}
  UNION ALL ${unknown('orders', 'contractId', 2, 'contracts', 'contract')}
  UNION ALL SELECT ${order('orders')}, ${lit(fileOf('orders'))}, s.csv_row, 2, 'contractId', s."contractId",
    'contract ' || ${quoted('s."contractId"')} || ' belongs to account ' || COALESCE(${quoted('c."accountId"')}, 'undefined') || ', not ' || ${quoted('s."accountId"')}
  FROM csv_stage_orders s JOIN first_contracts c ON c.id = s."contractId"
  WHERE s."accountId" IS NOT NULL AND c."accountId" IS DISTINCT FROM s."accountId"
  UNION ALL ${duplicates('orders')}
  UNION ALL ${unknown('orderProducts', 'orderId', 1, 'orders', 'order')}
  UNION ALL ${duplicates('orderProducts')}
  UNION ALL ${unknown('orderProducts', 'amends', 10, 'orderProducts', 'order product')}
  UNION ALL SELECT ${order('orderProducts')}, ${lit(fileOf('orderProducts'))}, s.csv_row, 10, 'amends', s.amends, 'an order product cannot amend itself'
  FROM csv_stage_order_products s WHERE s.amends = s.id
  UNION ALL SELECT ${order('orderProducts')}, ${lit(fileOf('orderProducts'))}, s.csv_row, 10, 'amends', s.amends,
    'order product ' || ${quoted('s.amends')} || ' belongs to another account (' || t.account || ')'
  FROM csv_stage_order_products s
    JOIN product_accounts mine ON mine.id = s.id AND mine.csv_row = s.csv_row
    JOIN product_accounts t ON t.id = s.amends
  WHERE s.amends <> s.id AND mine.account IS NOT NULL AND t.account IS NOT NULL AND mine.account <> t.account
  UNION ALL ${unknown('invoiced', 'orderProductId', 1, 'orderProducts', 'order product')}
)
SELECT file, csv_row AS "row", col AS "column", val AS "value", msg AS "message"
FROM problems ORDER BY f, csv_row, k, col LIMIT $1`;

/** Upserts that skip unchanged rows, so what comes back is what changed. */
const changed = (upsert: string, table: string, columns: string[]): string =>
  `WITH up AS (${upsert}
  WHERE (${columns.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})
  RETURNING (xmax = 0) AS created)
SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`;

/** Staging -> the real table, counting created and updated rows (the rest is unchanged). */
export const MOVE: Record<Entity, string> = {
  accounts: changed(STAGED.accounts.upsert, 'accounts', ['name', 'currency', 'timezone', 'billing_day_of_month', 'attributes']),
  contracts: changed(STAGED.contracts.upsert, 'contracts', ['account_id', 'start_date', 'end_date']),
  orders: changed(STAGED.orders.upsert, 'orders', ['account_id', 'contract_id', 'type', 'status', 'activated_date', 'po_number', 'attributes']),
  orderProducts: changed(STAGED.orderProducts.upsert, 'order_products', [
    'order_id', 'product_code', 'product_name', 'charge_type', 'billing_frequency', 'billing_type', 'quantity', 'unit_price',
    'start_date', 'end_date', 'billing_day_of_month', 'amends', 'hold_billing', 'attributes',
  ]),
  // INSERT_INVOICED already skips unchanged rows.
  invoiced: `WITH up AS (${STAGED.invoiced.upsert} RETURNING (xmax = 0) AS created)
SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM up`,
};
