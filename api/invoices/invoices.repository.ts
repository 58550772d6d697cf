import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ExportFilter } from './export/invoice-export.repository.js';
import { writeExport, type ExportFormat } from './export/write-export.js';
import { timestampKeySql } from '../common/cursor.js';
import { toDbDate } from '../common/dates.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import type { StoredInvoice, StoredLine } from './invoice-format.js';
import { withTraces } from './line-traces.js';

const LINE_FIELDS = {
  orderProductId: true,
  periodStart: true,
  periodEnd: true,
  billingDate: true,
  quantity: true,
  unitPrice: true,
  prorationFactor: true,
  amount: true,
  trace: true,
  traceHash: true,
  kind: true,
  live: true,
  correctsPeriodStart: true,
  correctsPeriodEnd: true,
  correctsAmount: true,
} as const;

const INCLUDE = {
  lines: { select: LINE_FIELDS },
  creditNote: { select: { id: true, number: true, issueDate: true, total: true, reason: true } },
} as const;

export interface InvoiceFilter {
  readonly runId?: string;
  readonly accountId?: string;
  readonly status?: string;
  /** Invoice dates from .. to (inclusive). */
  readonly from?: string;
  readonly to?: string;
}

/** (run created at, run id, account id, currency): the list order. */
export type InvoiceKey = readonly [string, string, string, string];

@Injectable()
export class InvoicesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(filter: { runId?: string; accountId?: string; status?: string; from?: string; to?: string; limit: number }): Promise<StoredInvoice[]> {
    const found = await this.prisma.invoice.findMany({
      where: {
        ...(filter.runId ? { runId: filter.runId } : {}),
        ...(filter.accountId ? { accountId: filter.accountId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.from || filter.to
          ? { invoiceDate: { ...(filter.from ? { gte: toDbDate(filter.from) } : {}), ...(filter.to ? { lte: toDbDate(filter.to) } : {}) } }
          : {}),
      },
      orderBy: [{ run: { createdAt: 'desc' } }, { runId: 'asc' }, { accountId: 'asc' }, { currency: 'asc' }],
      take: filter.limit,
      include: INCLUDE,
    });
    return this.withTraces(found);
  }

  /**
   * A page in list order (newest run first, then run, account, currency):
   * `after` is the sort key of the previous page's last invoice. The keys come
   * from SQL (the run's creation time to the microsecond), the rows from Prisma.
   */
  async page(filter: InvoiceFilter, take: number, after?: InvoiceKey): Promise<(StoredInvoice & { key: InvoiceKey })[]> {
    const params: unknown[] = [take];
    const where: string[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (filter.runId) where.push(`i.run_id = ${param(filter.runId)}`);
    if (filter.accountId) where.push(`i.account_id = ${param(filter.accountId)}`);
    if (filter.status) where.push(`i.status = ${param(filter.status)}`);
    if (filter.from) where.push(`i.invoice_date >= ${param(filter.from)}::date`);
    if (filter.to) where.push(`i.invoice_date <= ${param(filter.to)}::date`);
    if (after) {
      const at = param(after[0]);
      where.push(`(r.created_at < ${at}::timestamptz OR (r.created_at = ${at}::timestamptz AND (i.run_id, i.account_id, i.currency) > (${param(after[1])}, ${param(after[2])}, ${param(after[3])})))`);
    }
    const keys = await this.prisma.$queryRawUnsafe<{ id: string; at: string; runId: string; accountId: string; currency: string }[]>(
      `SELECT i.id, ${timestampKeySql('r.created_at')} AS at, i.run_id AS "runId", i.account_id AS "accountId", i.currency
         FROM invoices i JOIN billing_runs r ON r.id = i.run_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY r.created_at DESC, i.run_id, i.account_id, i.currency LIMIT $1`,
      ...params,
    );
    const rows = await this.withTraces(await this.prisma.invoice.findMany({ where: { id: { in: keys.map((k) => k.id) } }, include: INCLUDE }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return keys.flatMap((k) => {
      const row = byId.get(k.id);
      return row ? [{ ...row, key: [k.at, k.runId, k.accountId, k.currency] as const }] : [];
    });
  }

  /** The accounting export, streamed to `out` (api/invoices/export). */
  writeExport(filter: ExportFilter, format: ExportFormat, out: Writable) {
    return writeExport(this.prisma, filter, format, out);
  }

  async find(id: string): Promise<StoredInvoice | null> {
    const found = await this.prisma.invoice.findUnique({ where: { id }, include: INCLUDE });
    return found ? (await this.withTraces([found]))[0] : null;
  }

  /** Puts each line's full trace back (stored once per distinct trace, `line-traces.ts`). */
  private async withTraces<I extends { lines: StoredLine[] }>(invoices: I[]): Promise<I[]> {
    const lines = await withTraces(this.prisma, invoices.flatMap((i) => i.lines));
    let k = 0;
    return invoices.map((i) => ({ ...i, lines: i.lines.map(() => lines[k++]) }));
  }
}
