import { tmpdir } from 'node:os';
import { Body, Controller, Get, HttpCode, Param, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundProblem } from '../common/problem.js';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ApiZodQuery, strictInt, ZodQuery } from '../common/zod-validation.js';
import { BookRepository } from './book.repository.js';
import { BookService } from './book.service.js';
import { CsvBookService, type UploadedCsv } from './csv-book.service.js';

const CsvQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });

/** Uploaded CSV files go to temporary files (streamed from there), never into memory whole. */
const CSV_UPLOAD = AnyFilesInterceptor({ storage: diskStorage({ destination: tmpdir() }), limits: { files: 5, fileSize: 1024 * 1024 * 1024 } });

const ListQuery = z.strictObject({
  limit: strictInt(1, 1000).default(100),
  cursor: z.string().min(1).optional(),
});
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
@ApiBearerAuth()
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
  @ApiZodQuery(CsvQuery)
  @ApiOperation({
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
  @ApiOperation({ summary: 'Upload an order book (DESIGN §2): validated, upserted by id, all or nothing; returns counts' })
  @ApiBody({ schema: { type: 'object', example: BOOK_EXAMPLE } })
  upload(@CurrentKey() actor: AuthenticatedKey, @Body() body: unknown) {
    return this.book.upload(actor, body);
  }

  @Get('book/summary')
  @ApiOperation({ summary: 'Counts of the stored book' })
  summary() {
    return this.books.summary();
  }

  @Get('accounts')
  @ApiOperation({ summary: 'Accounts, by id (keyset: pass the last id as cursor), searched by id or name (q) and filtered by currency and attribute=name=value' })
  @ApiZodQuery(AccountsQuery)
  async accounts(@ZodQuery(AccountsQuery) q: z.infer<typeof AccountsQuery>) {
    const [attrName, ...rest] = q.attribute ? q.attribute.split('=') : [];
    const items = await this.books.listAccounts(q.limit, q.cursor, {
      ...(q.q ? { q: q.q } : {}),
      ...(q.currency ? { currency: q.currency } : {}),
      ...(attrName ? { attribute: { name: attrName, value: rest.join('=') } } : {}),
    });
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null };
  }

  @Get('accounts/:id')
  @ApiOperation({ summary: 'One account with its contracts, orders, order products and invoices (newest first, without lines)' })
  @ApiResponse({ status: 404, description: 'No such account' })
  async account(@Param('id') id: string) {
    const a = await this.books.accountDetail(id);
    if (!a) throw new NotFoundProblem(`no account with id '${id}'`);
    return a;
  }

  @Get('order-products')
  @ApiOperation({ summary: 'Order products, by id, optionally of one account (keyset: pass the last id as cursor)' })
  @ApiZodQuery(OrderProductsQuery)
  async orderProducts(@ZodQuery(OrderProductsQuery) q: z.infer<typeof OrderProductsQuery>) {
    const items = await this.books.listOrderProducts(q);
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null };
  }
}

