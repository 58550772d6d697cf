// Stored invoices -> the §5 JSON shape (amounts as decimal strings with at
// least the currency's minor digits) and CSV.
import { minorUnits } from '../../engine/money/rounding.js';
import type { Invoice as SimInvoice, InvoiceLine as SimLine, TraceEntry } from '../../engine/results/index.js';
import { withWords } from '../../engine/explain/explain-words.js';
import { fromDbDate } from '../common/dates.js';

interface DecimalLike {
  toFixed(dp?: number): string;
  decimalPlaces(): number;
}

function minorOf(currency: string): number {
  try {
    return minorUnits(currency);
  } catch {
    return 2;
  }
}

/** `1000` in EUR -> "1000.00"; keeps extra digits a policy's precision asked for. */
export function moneyText(d: DecimalLike, currency: string): string {
  const dp = Math.max(minorOf(currency), d.decimalPlaces());
  const s = d.toFixed(dp);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

export interface StoredLine {
  orderProductId: string;
  periodStart: Date;
  periodEnd: Date;
  billingDate: Date;
  quantity: DecimalLike;
  unitPrice: DecimalLike;
  prorationFactor: DecimalLike;
  amount: DecimalLike;
  trace: unknown;
  /** Key of the trace in `line_traces` (the trace is put back when read). */
  traceHash?: string | null;
  /** `charge` | `credit`. */
  kind: string;
  /** Counts as billed coverage (false once the invoice is voided). */
  live: boolean;
  /** A credit: the billed coverage it corrects (all three or none). */
  correctsPeriodStart?: Date | null;
  correctsPeriodEnd?: Date | null;
  correctsAmount?: DecimalLike | null;
}

export interface StoredCreditNote {
  id: string;
  number: string;
  issueDate: Date;
  total: DecimalLike;
  reason: string | null;
}

export interface StoredInvoice {
  id: string;
  runId: string;
  accountId: string;
  currency: string;
  invoiceDate: Date;
  total: DecimalLike;
  dryRun: boolean;
  createdAt: Date;
  status: string;
  number: string | null;
  postedAt: Date | null;
  voidedAt: Date | null;
  voidReason: string | null;
  creditNote: StoredCreditNote | null;
  lines: StoredLine[];
}

export type InvoiceLineView = SimLine;

export interface CreditNoteView {
  readonly id: string;
  readonly number: string;
  readonly issueDate: string;
  readonly total: string;
  readonly reason: string | null;
}

export interface InvoiceView extends SimInvoice {
  readonly id: string;
  readonly runId: string;
  readonly dryRun: boolean;
  readonly createdAt: string;
  /** `draft` | `posted` | `void`. */
  readonly status: string;
  /** Assigned at posting (`INV-2026-17`); null for a draft. */
  readonly number: string | null;
  readonly postedAt: string | null;
  readonly voidedAt: string | null;
  readonly voidReason: string | null;
  /** The credit note that offsets a void invoice. */
  readonly creditNote: CreditNoteView | null;
}

export function lineView(l: StoredLine, currency: string): InvoiceLineView {
  return {
    kind: l.kind === 'credit' ? 'credit' : 'charge',
    orderProductId: l.orderProductId,
    periodStart: fromDbDate(l.periodStart),
    periodEnd: fromDbDate(l.periodEnd),
    billingDate: fromDbDate(l.billingDate),
    quantity: l.quantity.toFixed(),
    unitPrice: moneyText(l.unitPrice, currency),
    prorationFactor: l.prorationFactor.toFixed(),
    amount: moneyText(l.amount, currency),
    ...(l.correctsPeriodStart && l.correctsPeriodEnd && l.correctsAmount
      ? {
          corrects: {
            periodStart: fromDbDate(l.correctsPeriodStart),
            periodEnd: fromDbDate(l.correctsPeriodEnd),
            amount: moneyText(l.correctsAmount, currency),
          },
        }
      : {}),
    trace: Array.isArray(l.trace) ? (l.trace as TraceEntry[]) : [],
  };
}

export function invoiceView(inv: StoredInvoice): InvoiceView {
  const lines = inv.lines
    // each line also says in words what it bills and why (`explanation`, `traceWords`, from engine/explain)
    .map((l) => withWords(lineView(l, inv.currency), inv.currency))
    .sort((a, b) => cmp(a.orderProductId, b.orderProductId) || cmp(a.periodStart, b.periodStart));
  return {
    id: inv.id,
    runId: inv.runId,
    dryRun: inv.dryRun,
    createdAt: inv.createdAt.toISOString(),
    status: inv.status,
    number: inv.number,
    postedAt: inv.postedAt?.toISOString() ?? null,
    voidedAt: inv.voidedAt?.toISOString() ?? null,
    voidReason: inv.voidReason,
    creditNote: inv.creditNote
      ? {
          id: inv.creditNote.id,
          number: inv.creditNote.number,
          issueDate: fromDbDate(inv.creditNote.issueDate),
          total: moneyText(inv.creditNote.total, inv.currency),
          reason: inv.creditNote.reason,
        }
      : null,
    accountId: inv.accountId,
    currency: inv.currency,
    invoiceDate: fromDbDate(inv.invoiceDate),
    total: moneyText(inv.total, inv.currency),
    lines,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CSV_COLUMNS = [
  'invoiceId', 'runId', 'accountId', 'currency', 'invoiceDate', 'invoiceTotal', 'orderProductId', 'periodStart',
  'periodEnd', 'billingDate', 'quantity', 'unitPrice', 'prorationFactor', 'amount', 'dryRun',
] as const;

function csvCell(v: string | boolean): string {
  const s = String(v);
  // Quote when needed; neutralise spreadsheet formulas (=, +, -, @ at the start of text).
  const safe = /^[=+@]/.test(s) || (/^-/.test(s) && !/^-\d/.test(s)) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per invoice line (invoice columns repeated), RFC 4180, CRLF line ends. */
export function invoicesCsv(invoices: readonly InvoiceView[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const inv of invoices) {
    for (const l of inv.lines) {
      rows.push(
        [
          inv.id, inv.runId, inv.accountId, inv.currency, inv.invoiceDate, inv.total, l.orderProductId, l.periodStart,
          l.periodEnd, l.billingDate, l.quantity, l.unitPrice, l.prorationFactor, l.amount, inv.dryRun,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}
