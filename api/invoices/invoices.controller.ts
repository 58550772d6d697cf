import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { NotFoundProblem } from '../common/problem.js';
import { ApiZodQuery, strictInt, ZodQuery } from '../common/zod-validation.js';
import { invoicesCsv, invoiceView } from './invoice-format.js';
import { InvoicesRepository } from './invoices.repository.js';

const InvoicesQuery = z.strictObject({
  runId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  limit: strictInt(1, 10000).default(1000),
});
const CsvQuery = z.strictObject({
  runId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
});

@ApiTags('invoices')
@ApiBearerAuth()
@Controller()
export class InvoicesController {
  constructor(private readonly invoices: InvoicesRepository) {}

  @Get('invoices.csv')
  @ApiOperation({ summary: 'Invoice lines as CSV (one row per line)' })
  @ApiProduces('text/csv')
  @ApiZodQuery(CsvQuery)
  async csv(@ZodQuery(CsvQuery) q: z.infer<typeof CsvQuery>, @Res() res: Response) {
    const rows = await this.invoices.list({ ...q, limit: 1_000_000 });
    const name = q.runId ? `invoices-${q.runId.replace(/[^A-Za-z0-9_-]/g, '')}.csv` : 'invoices.csv';
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(invoicesCsv(sortViews(rows.map(invoiceView))));
  }

  @Get('invoices')
  @ApiOperation({ summary: 'Invoices with their lines (DESIGN §5 shape plus id, runId, dryRun), newest run first' })
  @ApiZodQuery(InvoicesQuery)
  async list(@ZodQuery(InvoicesQuery) q: z.infer<typeof InvoicesQuery>) {
    const rows = await this.invoices.list(q);
    return rows.map(invoiceView);
  }

  @Get('invoices/:id')
  @ApiOperation({ summary: 'One invoice with its lines' })
  async one(@Param('id') id: string) {
    const row = await this.invoices.find(id);
    if (!row) throw new NotFoundProblem(`no invoice with id '${id}'`);
    return invoiceView(row);
  }
}

function sortViews<T extends { runId: string; accountId: string; currency: string }>(v: T[]): T[] {
  return v.sort((a, b) => (a.runId + '\0' + a.accountId + '\0' + a.currency < b.runId + '\0' + b.accountId + '\0' + b.currency ? -1 : 1));
}
