import { tmpdir } from 'node:os';
import { Body, Controller, Get, HttpCode, Param, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundProblem } from '../common/problem.js';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { decodeCursor, pageOf, pageQuery, pageSchema } from '../common/cursor.js';
import { ApiReturns } from '../common/openapi.js';
import { BookAccountSchema, BookContractSchema, BookOrderProductSchema, BookOrderSchema } from '../common/result-schemas.js';
import { ZodQuery } from '../common/zod-validation.js';
import { BookRepository } from './book.repository.js';
import { BookService } from './book.service.js';
import { CSV_BOOK_FILES } from './csv/csv-book-layout.js';
import { CsvBookService, type UploadedCsv } from './csv-book.service.js';

const CsvQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });

/**
 * The multipart body as the OpenAPI description shows it: one file part per
 * CSV book file (api/book/csv/csv-book-layout.ts), named by its file name.
 */
const CSV_UPLOAD_BODY = {
  type: 'object' as const,
  description:
    'One file part per CSV file, its field named like the file (a part under another field name is taken by its file name). ' +
    'Row 1 is the header: the JSON field names, declared attributes as attributes.<name>; an empty cell is null. At most 5 parts, 1 GiB each',
  properties: Object.fromEntries(
    CSV_BOOK_FILES.map((f) => [
      f.file,
      {
        type: 'string' as const,
        format: 'binary',
        description:
          `${f.entity} (text/csv): columns ${Object.keys(f.columns).join(', ')}${f.attributesOf ? ', attributes.<name>' : ''}; ` +
          `required columns ${f.required.join(', ')}${f.optional ? '; the file may be left out' : ''}`,
      },
    ]),
  ),
  required: CSV_BOOK_FILES.filter((f) => !f.optional).map((f) => f.file),
};

/** Uploaded CSV files go to temporary files (streamed from there), never into memory whole. */
const CSV_UPLOAD = AnyFilesInterceptor({ storage: diskStorage({ destination: tmpdir() }), limits: { files: 5, fileSize: 1024 * 1024 * 1024 } });

const ListQuery = pageQuery(100, 1000);
const ID_CURSOR = z.tuple([z.string().min(1).max(1000)]);

const Counts = z.strictObject({ accounts: z.int(), contracts: z.int(), orders: z.int(), orderProducts: z.int(), invoiced: z.int() });
const BookCountsSchema = Counts.meta({ id: 'BookCounts' });
const Changes = z.strictObject({ created: z.int(), updated: z.int(), unchanged: z.int() });
const CsvImportSchema = z
  .strictObject({
    dryRun: z.boolean(),
    changes: z.strictObject({ accounts: Changes, contracts: Changes, orders: Changes, orderProducts: Changes, invoiced: Changes }),
  })
  .meta({ id: 'CsvBookImport' });
const BookSummarySchema = Counts.extend({ currencies: z.array(z.string()), firstStart: z.string().nullable(), lastStart: z.string().nullable() }).meta({
  id: 'BookSummary',
});
/** §2 rows as stored (api/common/result-schemas.ts), with what a list adds. */
const AccountSchema = BookAccountSchema.extend({ orders: z.int().describe('orders of the account') }).meta({ id: 'Account' });
const AccountDetailSchema = BookAccountSchema.extend({
  contracts: z.array(BookContractSchema),
  orders: z.array(BookOrderSchema),
  orderProducts: z.array(BookOrderProductSchema),
  invoices: z
    .array(
      z.strictObject({
        id: z.string(),
        number: z.string().nullable().describe('null for a draft'),
        status: z.enum(['draft', 'posted', 'void']),
        invoiceDate: z.string(),
        currency: z.string(),
        total: z.string().describe('decimal'),
        runId: z.string(),
        lines: z.int().describe('how many lines it has'),
      }),
    )
    .describe('newest first, at most 500, without their lines'),
}).meta({ id: 'AccountDetail' });
const OrderProductSchema = BookOrderProductSchema.extend({ accountId: z.string() }).meta({ id: 'OrderProduct' });

function afterId(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor, ID_CURSOR)[0];
}
const OrderProductsQuery = ListQuery.extend({ accountId: z.string().min(1).optional() });
const AccountsQuery = ListQuery.extend({
  /** Part of the id or the name, any case. */
  q: z.string().trim().min(1).max(200).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR').optional(),
  /** `name=value`: accounts whose attribute has that value (as text). */
  attribute: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=.{1,200}$/, 'attribute must be name=value, e.g. region=EMEA').optional(),
});

const BOOK_EXAMPLE = {
  accounts: [{ id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA' } }],
  contracts: [{ id: 'C1', accountId: 'A1', startDate: '2026-01-15', endDate: '2027-01-14' }],
  orders: [{ id: 'O1', accountId: 'A1', contractId: 'C1', type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null, attributes: {} }],
  orderProducts: [
    {
      id: 'OP1', orderId: 'O1', productCode: 'SUP-GOLD', productName: 'Gold support', chargeType: 'recurring',
      billingFrequency: 'monthly', billingType: 'advance', quantity: '10', unitPrice: '100.00', startDate: '2026-01-15',
      endDate: '2027-01-14', billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
    },
  ],
  invoiced: [{ orderProductId: 'OP1', periodStart: '2026-01-15' }],
};

@ApiTags('book')
@Controller()
export class BookController {
  constructor(
    private readonly book: BookService,
    private readonly books: BookRepository,
    private readonly csv: CsvBookService,
  ) {}

  @Post('book/csv')
  @HttpCode(200)
  @Roles('author')
  @UseInterceptors(CSV_UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: CSV_UPLOAD_BODY })
  @ApiReturns(CsvImportSchema)
  @ApiOperation({
    operationId: 'uploadBookCsv',
    summary:
      'Upload an order book as CSV files (multipart: accounts.csv, contracts.csv, orders.csv, order-products.csv, invoiced.csv; ' +
      'headers = the JSON field names, attributes.<name> columns). All or nothing; ?dryRun=true reports created/updated/unchanged and writes nothing',
  })
  uploadCsv(@CurrentKey() actor: AuthenticatedKey, @UploadedFiles() files: UploadedCsv[] | undefined, @ZodQuery(CsvQuery) q: z.infer<typeof CsvQuery>) {
    return this.csv.upload(actor, files ?? [], q.dryRun === 'true');
  }

  @Post('book')
  @HttpCode(200)
  @Roles('author')
  @ApiOperation({ operationId: 'uploadBook', summary: 'Upload an order book (DESIGN §2): validated, upserted by id, all or nothing; returns counts' })
  @ApiReturns(BookCountsSchema)
  @ApiBody({ schema: { type: 'object', example: BOOK_EXAMPLE } })
  upload(@CurrentKey() actor: AuthenticatedKey, @Body() body: unknown) {
    return this.book.upload(actor, body);
  }

  @Get('book/summary')
  @ApiOperation({ operationId: 'getBookSummary', summary: 'Counts of the stored book' })
  @ApiReturns(BookSummarySchema)
  summary() {
    return this.books.summary();
  }

  @Get('accounts')
  @ApiOperation({
    operationId: 'listAccounts',
    summary: 'Accounts, by id (cursor-paged), searched by id or name (q) and filtered by currency and attribute=name=value',
  })
  @ApiReturns(pageSchema(AccountSchema, 'AccountPage'))
  async accounts(@ZodQuery(AccountsQuery) q: z.infer<typeof AccountsQuery>) {
    const [attrName, ...rest] = q.attribute ? q.attribute.split('=') : [];
    const rows = await this.books.listAccounts(q.limit + 1, afterId(q.cursor), {
      ...(q.q ? { q: q.q } : {}),
      ...(q.currency ? { currency: q.currency } : {}),
      ...(attrName ? { attribute: { name: attrName, value: rest.join('=') } } : {}),
    });
    return pageOf(rows, q.limit, (a) => [a.id]);
  }

  @Get('accounts/:id')
  @ApiOperation({ operationId: 'getAccount', summary: 'One account with its contracts, orders, order products and invoices (newest first, without lines); 404 when there is none' })
  @ApiReturns(AccountDetailSchema)
  async account(@Param('id') id: string) {
    const a = await this.books.accountDetail(id);
    if (!a) throw new NotFoundProblem(`no account with id '${id}'`);
    return a;
  }

  @Get('order-products')
  @ApiOperation({ operationId: 'listOrderProducts', summary: 'Order products, by id, optionally of one account (cursor-paged)' })
  @ApiReturns(pageSchema(OrderProductSchema, 'OrderProductPage'))
  async orderProducts(@ZodQuery(OrderProductsQuery) q: z.infer<typeof OrderProductsQuery>) {
    const rows = await this.books.listOrderProducts({ accountId: q.accountId, limit: q.limit + 1, cursor: afterId(q.cursor) });
    return pageOf(rows, q.limit, (p) => [p.id]);
  }
}

