import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ExportFilter } from './export/invoice-export.repository.js';
import { writeExport, type ExportFormat } from './export/write-export.js';
import { toDbDate } from '../common/dates.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import type { StoredInvoice } from './invoice-format.js';

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
  kind: true,
  live: true,
} as const;

const INCLUDE = {
  lines: { select: LINE_FIELDS },
  creditNote: { select: { id: true, number: true, issueDate: true, total: true, reason: true } },
} as const;

@Injectable()
export class InvoicesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(filter: { runId?: string; accountId?: string; status?: string; from?: string; to?: string; limit: number }): Promise<StoredInvoice[]> {
    return this.prisma.invoice.findMany({
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
  }

  /** The accounting export, streamed to `out` (api/invoices/export). */
  writeExport(filter: ExportFilter, format: ExportFormat, out: Writable) {
    return writeExport(this.prisma, filter, format, out);
  }

  find(id: string): Promise<StoredInvoice | null> {
    return this.prisma.invoice.findUnique({ where: { id }, include: INCLUDE });
  }
}
