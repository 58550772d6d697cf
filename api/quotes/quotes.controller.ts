// POST /api/quotes (price an amendment), GET /api/quotes/:id, POST /api/quotes/:id/accept.
import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentKey, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { idempotencyKeyFrom, requestFingerprint } from '../common/idempotency-key.js';
import { ApiReturns } from '../common/openapi.js';
import { BookOrderProductSchema, BookOrderSchema, EvaluationErrorSchema, InvoiceLineSchema } from '../common/result-schemas.js';
import { isoDate, ZodBody } from '../common/zod-validation.js';
import { QuotesService } from './quotes.service.js';

const decimal = z.string().regex(/^-?\d{1,14}(\.\d{1,10})?$/, 'a decimal string like "12.5"');
const Change = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('quantity'), orderProductId: z.string().min(1), quantity: decimal, effectiveDate: isoDate }),
  z.strictObject({
    type: z.literal('swap'),
    orderProductId: z.string().min(1),
    effectiveDate: isoDate,
    product: z.strictObject({ productCode: z.string().min(1).max(200), productName: z.string().min(1).max(500), unitPrice: decimal, quantity: decimal.optional() }),
  }),
  z.strictObject({ type: z.literal('cancel'), orderProductId: z.string().min(1), endDate: isoDate }),
]);
const QuoteBody = z.strictObject({ asOf: isoDate, change: Change });

const QuoteSchema = z
  .strictObject({
    id: z.string(),
    accountId: z.string(),
    asOf: z.string(),
    status: z.enum(['open', 'accepted']),
    change: Change.describe('the amendment as it was quoted'),
    placement: z
      .strictObject({
        orders: z.array(BookOrderSchema).describe('new orders (amendments, swaps)'),
        orderProducts: z.array(BookOrderProductSchema).describe('new order products and changed ones (full rows)'),
      })
      .describe('the rows accepting the quote writes'),
    result: z.strictObject({
      currency: z.string(),
      lines: z.array(InvoiceLineSchema),
      total: z.string(),
      holds: z.array(z.strictObject({ orderProductId: z.string(), reasons: z.array(z.string()), explanation: z.string() })),
      errors: z.array(EvaluationErrorSchema),
    }),
    createdAt: z.string(),
    acceptedAt: z.string().nullable(),
  })
  .meta({ id: 'Quote' });

@ApiTags('quotes')
@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @HttpCode(201)
  @Roles('author')
  @ApiReturns(QuoteSchema, { status: 201, location: true })
  @ApiOperation({
    operationId: 'createQuote',
    summary: 'Price an amendment (quantity change or downgrade, swap, cancellation) under the published policies against the stored book and ledger',
  })
  async create(@CurrentKey() actor: AuthenticatedKey | undefined, @ZodBody(QuoteBody) body: z.infer<typeof QuoteBody>, @Res({ passthrough: true }) res: Response) {
    const quote = await this.quotes.create(body, actor?.id ?? null);
    res.setHeader('Location', `/api/quotes/${encodeURIComponent(quote.id)}`);
    return quote;
  }

  @Get(':id')
  @ApiReturns(QuoteSchema)
  @ApiOperation({ operationId: 'getQuote', summary: 'One quote: the change, the rows accepting it writes, the lines and credits it bills' })
  get(@Param('id') id: string) {
    return this.quotes.get(id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('admin')
  @ApiReturns(QuoteSchema)
  @ApiOperation({
    operationId: 'acceptQuote',
    summary:
      'Place the quoted amendment in the book; 409 when not open or when book, invoices or policies changed since. With an Idempotency-Key header, a retry (same API key, key and quote) answers 200 with the quote the first request accepted (Idempotent-Replayed: true) instead of a 409; the same key on another quote is a 422',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-255 visible ASCII characters, e.g. a UUID; scoped to the API key, kept PROVISO_IDEMPOTENCY_RETENTION_HOURS (default 24)' })
  async accept(
    @CurrentKey() actor: AuthenticatedKey | undefined,
    @Param('id') id: string,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = idempotencyKeyFrom(headers);
    // the request a key stands for is the quote it accepts (the route has no body)
    const once = key === undefined ? undefined : { scope: actor?.id ?? 'anonymous', route: 'POST /api/quotes/:id/accept', key, requestHash: requestFingerprint({ quoteId: id }) };
    const { quote, replayed } = await this.quotes.accept(id, actor?.id ?? null, once);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return quote;
  }
}
