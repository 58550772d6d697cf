import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { NotFoundProblem } from '../common/problem.js';
import { decodeCursor, pageOf, pageQuery, pageSchema, timestampKey } from '../common/cursor.js';
import { ApiReturns, ApiReturnsText } from '../common/openapi.js';
import { PlannedInvoiceSchema } from '../common/result-schemas.js';
import { isoDate, ZodBody, ZodQuery } from '../common/zod-validation.js';
import { InvoiceLifecycleService } from './invoice-lifecycle.service.js';
import { invoicesCsv, invoiceView } from './invoice-format.js';
import { InvoicesRepository } from './invoices.repository.js';
import { EXPORT_DOCUMENTS, EXPORT_STATUSES } from './export/write-export.js';

const InvoicesQuery = pageQuery(100, 1000).extend({
  runId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  status: z.enum(['draft', 'posted', 'void']).optional(),
  /** Invoice dates from .. to (inclusive), within the date window. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const INVOICE_CURSOR = z.tuple([timestampKey, z.string().min(1).max(200), z.string().min(1).max(1000), z.string().min(1).max(10)]);
const InvoiceSchema = PlannedInvoiceSchema.extend({
  id: z.string(),
  runId: z.string(),
  dryRun: z.boolean(),
  createdAt: z.string(),
  status: z.enum(['draft', 'posted', 'void']),
  number: z.string().nullable().describe('assigned at posting (INV-2026-17); null for a draft'),
  postedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  creditNote: z.strictObject({ id: z.string(), number: z.string(), issueDate: z.string(), total: z.string(), reason: z.string().nullable() }).nullable(),
}).meta({ id: 'Invoice' });
const InvoicePageSchema = pageSchema(InvoiceSchema, 'InvoicePage');
const PostedInvoiceSchema = z.strictObject({ id: z.string(), number: z.string() }).meta({ id: 'PostedInvoice' });
const PostedRunSchema = z.strictObject({ posted: z.array(PostedInvoiceSchema) }).meta({ id: 'PostedRun' });
const DiscardedSchema = z.strictObject({ invoiceId: z.string(), lines: z.int() }).meta({ id: 'DiscardedInvoice' });
const VoidedSchema = z
  .strictObject({ invoiceId: z.string(), invoiceNumber: z.string(), creditNote: z.strictObject({ id: z.string(), number: z.string(), total: z.string() }) })
  .meta({ id: 'VoidedInvoice' });

const VoidBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});
const CsvQuery = z.strictObject({
  runId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
});

const ExportQuery = z.strictObject({
  runId: z.string().min(1).optional(),
  from: z.iso.date('from must be a date YYYY-MM-DD').optional(),
  to: z.iso.date('to must be a date YYYY-MM-DD').optional(),
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : undefined))
    .pipe(z.array(z.enum(EXPORT_STATUSES, { message: `status must be a comma-separated list of ${EXPORT_STATUSES.join(', ')}` })).optional()),
  documents: z.enum(EXPORT_DOCUMENTS).default('all'),
});

@ApiTags('invoices')
@Controller()
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly lifecycle: InvoiceLifecycleService,
  ) {}

  @Get('invoices.csv')
  @ApiOperation({ operationId: 'invoicesCsv', summary: 'Invoice lines as CSV (one row per line)' })
  @ApiReturnsText('One row per invoice line', 'text/csv')
  async csv(@ZodQuery(CsvQuery) q: z.infer<typeof CsvQuery>, @Res() res: Response) {
    const rows = await this.invoices.list({ ...q, limit: 1_000_000 });
    const name = q.runId ? `invoices-${q.runId.replace(/[^A-Za-z0-9_-]/g, '')}.csv` : 'invoices.csv';
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(invoicesCsv(sortViews(rows.map(invoiceView))));
  }

  @Get('exports/invoices.:format')
  @ApiReturnsText('invoices.csv: one row per line; invoices.jsonl: one document per line', 'text/csv', 'application/x-ndjson')
  @ApiOperation({
    operationId: 'exportInvoices',
    summary:
      'Accounting export of invoices and credit notes, streamed: invoices.csv (one row per line, spreadsheet-safe) or invoices.jsonl (one document per line); filtered by run, date range (from/to) and invoice status',
  })
  async export(@Param('format') format: string, @ZodQuery(ExportQuery) q: z.infer<typeof ExportQuery>, @Res() res: Response) {
    if (format !== 'csv' && format !== 'jsonl') throw new NotFoundProblem(`no export format '${format}' (invoices.csv or invoices.jsonl)`);
    res.status(200).type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="invoices${q.runId ? `-${q.runId.replace(/[^A-Za-z0-9_-]/g, '')}` : ''}.${format}"`);
    await this.invoices.writeExport({ ...q, statuses: q.status }, format, res);
    res.end();
  }

  @Get('invoices')
  @ApiOperation({
    operationId: 'listInvoices',
    summary: 'Invoices with their lines (DESIGN §5 shape plus id, runId, dryRun, status, number), newest run first, then account and currency (cursor-paged)',
  })
  @ApiReturns(InvoicePageSchema)
  async list(@ZodQuery(InvoicesQuery) q: z.infer<typeof InvoicesQuery>) {
    const { limit, cursor, ...filter } = q;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, INVOICE_CURSOR);
    return pageOf(await this.invoices.page(filter, limit + 1, after), limit, (r) => r.key, invoiceView);
  }

  @Get('invoices/:id')
  @ApiOperation({ operationId: 'getInvoice', summary: 'One invoice with its lines' })
  @ApiReturns(InvoiceSchema)
  async one(@Param('id') id: string) {
    const row = await this.invoices.find(id);
    if (!row) throw new NotFoundProblem(`no invoice with id '${id}'`);
    return invoiceView(row);
  }

  @Post('invoices/:id/post')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'postInvoice', summary: 'Post a draft: assigns the next number of its series; 409 naming the status when it is not a draft' })
  @ApiReturns(PostedInvoiceSchema)
  post(@CurrentKey() actor: AuthenticatedKey | undefined, @Param('id') id: string) {
    return this.lifecycle.post(id, actor?.id ?? null);
  }

  @Post('billing-runs/:id/post')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'postBillingRun', summary: 'Post every draft of a completed billing run, numbered in account order' })
  @ApiReturns(PostedRunSchema)
  postRun(@CurrentKey() actor: AuthenticatedKey | undefined, @Param('id') id: string) {
    return this.lifecycle.postRun(id, actor?.id ?? null);
  }

  @Post('invoices/:id/discard')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'discardInvoice', summary: 'Discard a draft (deleted; its periods are billable again); 409 for a posted or void invoice' })
  @ApiReturns(DiscardedSchema)
  discard(@CurrentKey() actor: AuthenticatedKey | undefined, @Param('id') id: string) {
    return this.lifecycle.discard(id, actor?.id ?? null);
  }

  @Post('invoices/:id/void')
  @HttpCode(200)
  @Roles('admin')
  @ApiReturns(VoidedSchema)
  @ApiOperation({
    operationId: 'voidInvoice',
    summary: 'Void a posted invoice: a credit note offsets it line by line and its periods are billed again by the next run',
  })
  void(@CurrentKey() actor: AuthenticatedKey | undefined, @Param('id') id: string, @ZodBody(VoidBody) body: z.infer<typeof VoidBody>) {
    return this.lifecycle.void(id, body.reason ?? null, actor?.id ?? null);
  }
}

function sortViews<T extends { runId: string; accountId: string; currency: string }>(v: T[]): T[] {
  return v.sort((a, b) => (a.runId + '\0' + a.accountId + '\0' + a.currency < b.runId + '\0' + b.accountId + '\0' + b.currency ? -1 : 1));
}
