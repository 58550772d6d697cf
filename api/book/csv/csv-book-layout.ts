// The CSV order book: one file per entity of DESIGN §2, headers = the JSON
// field names, declared attributes as `attributes.<name>` columns, empty cells
// as null. This module says which files and columns exist and how a cell
// becomes the JSON value the book validator (engine/book/validate-book.ts)
// expects; it reads nothing itself.
import type { AttributeType } from '../../../engine/vocabulary/config.js';

export type CsvEntity = 'accounts' | 'contracts' | 'orders' | 'orderProducts' | 'invoiced';

/** How a cell is read: text (empty = null), a whole number, true/false. */
type CellKind = 'text' | 'int' | 'boolean';

export interface CsvFileLayout {
  readonly entity: CsvEntity;
  readonly file: string;
  /** Absent files are an empty list; a required file must be there. */
  readonly optional: boolean;
  readonly columns: Readonly<Record<string, CellKind>>;
  /** Columns a row cannot do without (the validator's "is required"). */
  readonly required: readonly string[];
  /** Which declared attributes apply (`attributes.<name>` columns), if any. */
  readonly attributesOf: 'account' | 'order' | 'line' | null;
}

/** In reading order: every reference points to a file read before it (amends excepted). */
export const CSV_BOOK_FILES: readonly CsvFileLayout[] = [
  {
    entity: 'accounts',
    file: 'accounts.csv',
    optional: false,
    columns: { id: 'text', name: 'text', currency: 'text', timezone: 'text', billingDayOfMonth: 'int' },
    required: ['id', 'name', 'currency', 'timezone'],
    attributesOf: 'account',
  },
  {
    entity: 'contracts',
    file: 'contracts.csv',
    optional: false,
    columns: { id: 'text', accountId: 'text', startDate: 'text', endDate: 'text' },
    required: ['id', 'accountId', 'startDate'],
    attributesOf: null,
  },
  {
    entity: 'orders',
    file: 'orders.csv',
    optional: false,
    columns: {
      id: 'text', accountId: 'text', contractId: 'text', type: 'text', status: 'text', activatedDate: 'text', poNumber: 'text',
    },
    required: ['id', 'accountId', 'type', 'status'],
    attributesOf: 'order',
  },
  {
    entity: 'orderProducts',
    file: 'order-products.csv',
    optional: true,
    columns: {
      id: 'text', orderId: 'text', productCode: 'text', productName: 'text', chargeType: 'text', billingFrequency: 'text',
      billingType: 'text', quantity: 'text', unitPrice: 'text', startDate: 'text', endDate: 'text', billingDayOfMonth: 'int',
      amends: 'text', holdBilling: 'boolean',
    },
    required: ['id', 'orderId', 'productCode', 'productName', 'chargeType', 'billingType', 'quantity', 'unitPrice', 'startDate'],
    attributesOf: 'line',
  },
  {
    entity: 'invoiced',
    file: 'invoiced.csv',
    optional: true,
    columns: { orderProductId: 'text', periodStart: 'text', periodEnd: 'text', amount: 'text' },
    required: ['orderProductId', 'periodStart'],
    attributesOf: null,
  },
];

export const ATTRIBUTE_PREFIX = 'attributes.';

export type { AttributeDeclarations } from '../../../engine/vocabulary/config.js';

/** Problems with a header row (row 1): unknown, repeated or missing columns. */
export function headerProblems(layout: CsvFileLayout, header: readonly string[]): { column: string; message: string }[] {
  const out: { column: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) out.push({ column: h, message: 'appears twice in the header' });
    seen.add(h);
    if (h in layout.columns) continue;
    if (h.startsWith(ATTRIBUTE_PREFIX) && layout.attributesOf) {
      if (h.length === ATTRIBUTE_PREFIX.length) out.push({ column: h, message: 'names no attribute (write attributes.<name>)' });
      continue;
    }
    const allowed = [...Object.keys(layout.columns), ...(layout.attributesOf ? ['attributes.<name>'] : [])].join(', ');
    out.push({ column: h, message: `is not a column of ${layout.file} (expected ${allowed})` });
  }
  for (const r of layout.required) if (!seen.has(r)) out.push({ column: r, message: 'is a required column and missing from the header' });
  return out;
}

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

/** A cell as the JSON value of the book contract. Empty means null. */
export function readCell(kind: CellKind, text: string): CellResult {
  if (text === '') return { ok: true, value: null };
  switch (kind) {
    case 'int':
      // Left as text when not a whole number: the validator names the rule.
      return { ok: true, value: /^\d{1,9}$/.test(text) ? Number(text) : text };
    case 'boolean':
      return readBoolean(text);
    default:
      return { ok: true, value: text };
  }
}

function readBoolean(text: string): CellResult {
  const t = text.toLowerCase();
  if (t === 'true') return { ok: true, value: true };
  if (t === 'false') return { ok: true, value: false };
  return { ok: false, message: 'must be true or false' };
}

/** An attribute cell: declared booleans become true/false, everything else stays text. */
export function readAttributeCell(declared: AttributeType | undefined, text: string): CellResult {
  if (text === '') return { ok: true, value: null };
  if (declared === 'boolean') return readBoolean(text);
  return { ok: true, value: text };
}
