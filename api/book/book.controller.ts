import { tmpdir } from 'node:os';
import { Body, Controller, Get, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Accounts, by id (keyset: pass the last id as cursor)' })
  @ApiZodQuery(ListQuery)
  async accounts(@ZodQuery(ListQuery) q: z.infer<typeof ListQuery>) {
    const items = await this.books.listAccounts(q.limit, q.cursor);
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null };
  }

  @Get('order-products')
  @ApiOperation({ summary: 'Order products, by id, optionally of one account (keyset: pass the last id as cursor)' })
  @ApiZodQuery(OrderProductsQuery)
  async orderProducts(@ZodQuery(OrderProductsQuery) q: z.infer<typeof OrderProductsQuery>) {
    const items = await this.books.listOrderProducts(q);
    return { items, nextCursor: items.length === q.limit ? items[items.length - 1].id : null };
  }
}

