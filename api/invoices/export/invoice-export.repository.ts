// Reads invoices and credit notes for the accounting export page by page
// (keyset on id, never OFFSET), so an export of any size streams.
import { Dec } from '../../../engine/money/decimal.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { moneyText } from '../invoice-format.js';
import type { ExportDocument, ExportLine } from './export-rows.js';

type Sql = Pick<Prisma.TransactionClient, '$queryRawUnsafe'>;

export interface ExportFilter {
  readonly runId?: string;
  /** Document date from (inclusive), YYYY-MM-DD. */
  readonly from?: string;
  /** Document date to (inclusive), YYYY-MM-DD. */
  readonly to?: string;
  /** Invoice statuses (draft, posted, void); default all. Credit notes are selected by `documents`. */
  readonly statuses?: readonly string[];
  /** Which documents (default both). */
  readonly documents?: 'all' | 'invoices' | 'credit-notes';
}

const PAGE = 500;

const INVOICES = `
SELECT i.id, i.number, i.status, i.run_id, to_char(i.invoice_date, 'YYYY-MM-DD') AS date, i.posted_at, i.voided_at,
       i.account_id, a.name AS account_name, i.currency, i.total::text AS total
  FROM invoices i JOIN accounts a ON a.id = i.account_id
 WHERE i.dry_run = false
   AND ($1::text IS NULL OR i.run_id = $1) AND ($2::date IS NULL OR i.invoice_date >= $2::date)
   AND ($3::date IS NULL OR i.invoice_date <= $3::date) AND ($4::text[] IS NULL OR i.status = ANY($4::text[]))
   AND ($5::text IS NULL OR i.id > $5)
 ORDER BY i.id LIMIT $6`;

const INVOICE_LINES = `
SELECT l.invoice_id, l.kind, l.order_product_id, p.product_code, p.product_name,
       to_char(l.period_start, 'YYYY-MM-DD') AS period_start, to_char(l.period_end, 'YYYY-MM-DD') AS period_end,
       to_char(l.billing_date, 'YYYY-MM-DD') AS billing_date, l.quantity::text AS quantity, l.unit_price::text AS unit_price,
       l.proration_factor::text AS proration_factor, l.amount::text AS amount, cn.number AS corrected_by,
       to_char(l.corrects_period_start, 'YYYY-MM-DD') AS corrects_period_start,
       to_char(l.corrects_period_end, 'YYYY-MM-DD') AS corrects_period_end, l.corrects_amount::text AS corrects_amount,
       ci.number AS corrects
  FROM invoice_lines l JOIN order_products p ON p.id = l.order_product_id
  LEFT JOIN credit_note_lines cl ON cl.invoice_line_id = l.id LEFT JOIN credit_notes cn ON cn.id = cl.credit_note_id
  LEFT JOIN invoice_lines cc ON cc.id = l.corrects_line_id LEFT JOIN invoices ci ON ci.id = cc.invoice_id
 WHERE l.invoice_id = ANY($1::text[])
 ORDER BY l.invoice_id, l.order_product_id, l.period_start, l.kind`;

const CREDIT_NOTES = `
SELECT c.id, c.number, i.number AS invoice_number, i.run_id, to_char(c.issue_date, 'YYYY-MM-DD') AS date, c.created_at,
       c.account_id, a.name AS account_name, c.currency, c.total::text AS total, c.reason
  FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id JOIN accounts a ON a.id = c.account_id
 WHERE ($1::text IS NULL OR i.run_id = $1) AND ($2::date IS NULL OR c.issue_date >= $2::date)
   AND ($3::date IS NULL OR c.issue_date <= $3::date) AND ($4::text IS NULL OR c.id > $4)
 ORDER BY c.id LIMIT $5`;

const CREDIT_NOTE_LINES = `
SELECT cl.credit_note_id, cl.order_product_id, p.product_code, p.product_name,
       to_char(cl.period_start, 'YYYY-MM-DD') AS period_start, to_char(cl.period_end, 'YYYY-MM-DD') AS period_end,
       l.quantity::text AS quantity, l.unit_price::text AS unit_price, l.proration_factor::text AS proration_factor,
       cl.amount::text AS amount, i.number AS corrects
  FROM credit_note_lines cl JOIN invoice_lines l ON l.id = cl.invoice_line_id JOIN invoices i ON i.id = l.invoice_id
  JOIN order_products p ON p.id = cl.order_product_id
 WHERE cl.credit_note_id = ANY($1::text[])
 ORDER BY cl.credit_note_id, cl.order_product_id, cl.period_start`;

type Row = Record<string, string | null> & { created_at?: Date; posted_at?: Date | null; voided_at?: Date | null };

const money = (text: string, currency: string): string => moneyText(new Dec(text), currency);
const plain = (text: string): string => new Dec(text).toFixed();
const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

function group(rows: Row[], key: string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r[key] as string;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Invoices first (by id), then credit notes (by id), a page at a time. */
export async function* exportDocuments(db: Sql, filter: ExportFilter): AsyncGenerator<ExportDocument> {
  const which = filter.documents ?? 'all';
  if (which !== 'credit-notes') {
    let after: string | null = null;
    for (;;) {
      const page: Row[] = await db.$queryRawUnsafe<Row[]>(
        INVOICES, filter.runId ?? null, filter.from ?? null, filter.to ?? null, filter.statuses?.length ? [...filter.statuses] : null, after, PAGE,
      );
      if (page.length === 0) break;
      const lines = group(await db.$queryRawUnsafe<Row[]>(INVOICE_LINES, page.map((r) => r.id)), 'invoice_id');
      for (const r of page) {
        const currency = r.currency as string;
        yield {
          documentType: 'invoice',
          id: r.id as string,
          number: r.number,
          status: r.status as string,
          runId: r.run_id as string,
          date: r.date as string,
          postedAt: iso(r.posted_at),
          voidedAt: iso(r.voided_at),
          accountId: r.account_id as string,
          accountName: r.account_name as string,
          currency,
          total: money(r.total as string, currency),
          correctsInvoice: null,
          reason: null,
          lines: (lines.get(r.id as string) ?? []).map(
            (l): ExportLine => ({
              kind: l.kind === 'credit' ? 'credit' : 'charge',
              orderProductId: l.order_product_id as string,
              productCode: l.product_code as string,
              productName: l.product_name as string,
              periodStart: l.period_start as string,
              periodEnd: l.period_end as string,
              billingDate: l.billing_date,
              quantity: plain(l.quantity as string),
              unitPrice: money(l.unit_price as string, currency),
              prorationFactor: plain(l.proration_factor as string),
              amount: money(l.amount as string, currency),
              corrects: l.corrects,
              correctsCoverage:
                l.corrects_period_start !== null && l.corrects_period_end !== null && l.corrects_amount !== null
                  ? { periodStart: l.corrects_period_start, periodEnd: l.corrects_period_end, amount: money(l.corrects_amount, currency) }
                  : null,
              correctedBy: l.corrected_by,
            }),
          ),
        };
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
  }
  if (which !== 'invoices') {
    let after: string | null = null;
    for (;;) {
      const page: Row[] = await db.$queryRawUnsafe<Row[]>(CREDIT_NOTES, filter.runId ?? null, filter.from ?? null, filter.to ?? null, after, PAGE);
      if (page.length === 0) break;
      const lines = group(await db.$queryRawUnsafe<Row[]>(CREDIT_NOTE_LINES, page.map((r) => r.id)), 'credit_note_id');
      for (const r of page) {
        const currency = r.currency as string;
        yield {
          documentType: 'credit-note',
          id: r.id as string,
          number: r.number,
          status: 'issued',
          runId: r.run_id as string,
          date: r.date as string,
          postedAt: iso(r.created_at),
          voidedAt: null,
          accountId: r.account_id as string,
          accountName: r.account_name as string,
          currency,
          total: money(r.total as string, currency),
          correctsInvoice: r.invoice_number,
          reason: r.reason,
          lines: (lines.get(r.id as string) ?? []).map(
            (l): ExportLine => ({
              kind: 'credit-note',
              orderProductId: l.order_product_id as string,
              productCode: l.product_code as string,
              productName: l.product_name as string,
              periodStart: l.period_start as string,
              periodEnd: l.period_end as string,
              billingDate: null,
              quantity: plain(l.quantity as string),
              unitPrice: money(l.unit_price as string, currency),
              prorationFactor: plain(l.proration_factor as string),
              amount: money(l.amount as string, currency),
              corrects: l.corrects,
              correctsCoverage: null,
              correctedBy: null,
            }),
          ),
        };
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
  }
}
