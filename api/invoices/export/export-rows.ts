// The accounting export's shape: documents (invoices and credit notes) with
// their lines, as JSON Lines (one document per line) or CSV (one row per
// line, document columns repeated). Pure: rows in, text out.
import { csvCell } from '../../book/csv/csv-book-writer.js';

export interface ExportLine {
  readonly kind: 'charge' | 'credit' | 'credit-note';
  readonly orderProductId: string;
  readonly productCode: string;
  readonly productName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly billingDate: string | null;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly prorationFactor: string;
  readonly amount: string;
  /**
   * On a credit-note line: the number of the invoice it corrects. On a credit
   * line: the number of the invoice whose charge it corrects (null when that
   * is imported history or a draft).
   */
  readonly corrects: string | null;
  /** On a credit line: the billed coverage it corrects (period and billed amount). */
  readonly correctsCoverage: { readonly periodStart: string; readonly periodEnd: string; readonly amount: string } | null;
  /** On an invoice line: the number of the credit note that corrected it. */
  readonly correctedBy: string | null;
}

export interface ExportDocument {
  readonly documentType: 'invoice' | 'credit-note';
  readonly id: string;
  /** null for a draft (numbers are given at posting). */
  readonly number: string | null;
  /** draft | posted | void for invoices; issued for credit notes. */
  readonly status: string;
  readonly runId: string;
  /** Invoice date, or the credit note's issue date. */
  readonly date: string;
  readonly postedAt: string | null;
  readonly voidedAt: string | null;
  readonly accountId: string;
  readonly accountName: string;
  readonly currency: string;
  readonly total: string;
  /** On a credit note: the invoice it offsets. */
  readonly correctsInvoice: string | null;
  readonly reason: string | null;
  readonly lines: readonly ExportLine[];
}

export const EXPORT_COLUMNS = [
  'documentType', 'number', 'status', 'documentId', 'runId', 'date', 'postedAt', 'voidedAt', 'accountId', 'accountName',
  'currency', 'documentTotal', 'correctsInvoice', 'reason', 'lineKind', 'orderProductId', 'productCode', 'productName',
  'periodStart', 'periodEnd', 'billingDate', 'quantity', 'unitPrice', 'prorationFactor', 'amount', 'lineCorrects', 'lineCorrectedBy',
  'correctsPeriodStart', 'correctsPeriodEnd', 'correctsAmount',
] as const;

/** Columns that hold decimal numbers: written as plain decimal text, never guarded. */
export const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['documentTotal', 'quantity', 'unitPrice', 'prorationFactor', 'amount', 'correctsAmount']);

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A text cell a spreadsheet would not keep as text gets a leading apostrophe:
 * formulas (= + - @, tab, CR at the start), and codes a spreadsheet would
 * read as a number or date (leading zeros "007", "1e5", "3-4", "12/1").
 */
export function guardText(text: string): string {
  if (text === '') return text;
  if (/^[=+\-@\t\r]/.test(text)) return `'${text}`;
  if (/^[\d.,]+(e[+-]?\d+)?$/i.test(text) || /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(text)) return `'${text}`;
  return text;
}

/** Undoes guardText (what an importer reading the CSV back does). */
export function unguardText(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

function cell(column: string, value: string | null): string {
  if (value === null) return '';
  if (NUMBER_COLUMNS.has(column)) {
    if (!DECIMAL.test(value)) throw new Error(`export: ${column} '${value}' is not decimal text`);
    return value;
  }
  // ISO dates and timestamps stay as they are: a spreadsheet reading them as dates is right.
  if (/^(date|postedAt|voidedAt|periodStart|periodEnd|billingDate|correctsPeriodStart|correctsPeriodEnd)$/.test(column)) return csvCell(value);
  return csvCell(guardText(value));
}

export function csvHeader(): string {
  return EXPORT_COLUMNS.join(',') + '\r\n';
}

/** One CSV row per line (a document without lines still gets one row). CRLF, RFC 4180. */
export function documentCsvRows(d: ExportDocument): string {
  const head = [d.documentType, d.number, d.status, d.id, d.runId, d.date, d.postedAt, d.voidedAt, d.accountId, d.accountName, d.currency, d.total, d.correctsInvoice, d.reason];
  const lines: (ExportLine | null)[] = d.lines.length > 0 ? [...d.lines] : [null];
  let out = '';
  for (const l of lines) {
    const tail = l
      ? [l.kind, l.orderProductId, l.productCode, l.productName, l.periodStart, l.periodEnd, l.billingDate, l.quantity, l.unitPrice, l.prorationFactor, l.amount, l.corrects, l.correctedBy,
         l.correctsCoverage?.periodStart ?? null, l.correctsCoverage?.periodEnd ?? null, l.correctsCoverage?.amount ?? null]
      : Array<null>(16).fill(null);
    out += [...head, ...tail].map((v, i) => cell(EXPORT_COLUMNS[i], v)).join(',') + '\r\n';
  }
  return out;
}

export function documentJsonLine(d: ExportDocument): string {
  return JSON.stringify(d) + '\n';
}
