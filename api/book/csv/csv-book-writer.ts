// An order book as the CSV files csv-book-reader.ts reads (one per entity,
// headers = field names, attributes.<name> columns, null = empty cell). Used
// to hand a book to a spreadsheet and by the tests and bench to write books.
import type { OrderBook } from '../../../engine/book/book-types.js';
import { ATTRIBUTE_PREFIX, CSV_BOOK_FILES } from './csv-book-layout.js';

/** RFC 4180 quoting: a cell with a comma, quote or line break is quoted. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

/** file name -> CSV text. Attribute columns are the union of the names used. */
export function bookToCsvFiles(book: OrderBook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const layout of CSV_BOOK_FILES) {
    const rows = book[layout.entity] as unknown as readonly Record<string, unknown>[];
    const attrNames = layout.attributesOf
      ? [...new Set(rows.flatMap((r) => Object.keys((r.attributes as Record<string, unknown> | undefined) ?? {})))].sort()
      : [];
    const columns = Object.keys(layout.columns);
    let text = csvLine([...columns, ...attrNames.map((a) => ATTRIBUTE_PREFIX + a)]);
    for (const r of rows) {
      const attrs = (r.attributes as Record<string, unknown> | undefined) ?? {};
      text += csvLine([...columns.map((c) => r[c]), ...attrNames.map((a) => attrs[a])]);
    }
    out[layout.file] = text;
  }
  return out;
}
