import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ExportFilter } from './export/invoice-export.repository.js';
import { writeExport, type ExportFormat } from './export/write-export.js';
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

@Injectable()
export class InvoicesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(filter: { runId?: string; accountId?: string; status?: string; limit: number }): Promise<StoredInvoice[]> {
    const found = await this.prisma.invoice.findMany({
      where: {
        ...(filter.runId ? { runId: filter.runId } : {}),
        ...(filter.accountId ? { accountId: filter.accountId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      orderBy: [{ run: { createdAt: 'desc' } }, { runId: 'asc' }, { accountId: 'asc' }, { currency: 'asc' }],
      take: filter.limit,
      include: INCLUDE,
    });
    return this.withTraces(found);
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
