import { Injectable } from '@nestjs/common';
import { parseOrderBook } from '../../engine/book/validate-book.js';
import type { OrderBook } from '../../engine/book/book-types.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { Decimal } from 'decimal.js';
import { lockBookForWrite } from '../common/book-lock.js';
import { DATA_WINDOW_MESSAGE, inDataWindow } from '../common/date-window.js';
import { ValidationProblem } from '../common/problem.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { BookRepository, type UpsertCounts } from './book.repository.js';

/** Validates a §2 book; throws a 400 naming every bad JSON path. */
export function validateBook(json: unknown, root = ''): OrderBook {
  const r = parseOrderBook(json);
  const errors = r.ok ? storageErrors(r.book) : r.errors;
  if (r.ok && errors.length === 0) return r.book;
  const details = errors.map((e) => ({ path: root ? (e.path ? `${root}.${e.path}` : root) : e.path || '(root)', message: e.message }));
  const head = details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ');
  throw new ValidationProblem(
    `invalid order book (${details.length} problem${details.length === 1 ? '' : 's'}): ${head}${details.length > 5 ? '; ...' : ''}`,
    details,
  );
}

/** Digits the NUMERIC columns hold: quantity (20,6), unitPrice (30,10). */
const LIMITS = { quantity: { int: 14, frac: 6 }, unitPrice: { int: 20, frac: 10 } } as const;
/**
 * invoice_lines.amount and invoices.total are NUMERIC(30,10): at most 20 digits
 * before the point. A line's amount is at most quantity × unitPrice (proration
 * factors never exceed 1), so that product must stay below 10^18: a line fits,
 * and so does an invoice total of up to 100 such lines.
 */
const MAX_AMOUNT = new Decimal('1e18');

function storageErrors(book: OrderBook): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const date = (value: string | null, path: string) => {
    if (value !== null && !inDataWindow(value)) out.push({ path, message: `${value} ${DATA_WINDOW_MESSAGE}` });
  };
  book.contracts.forEach((c, i) => {
    date(c.startDate, `contracts[${i}].startDate`);
    date(c.endDate, `contracts[${i}].endDate`);
  });
  book.orders.forEach((o, i) => date(o.activatedDate, `orders[${i}].activatedDate`));
  book.invoiced.forEach((v, i) => date(v.periodStart, `invoiced[${i}].periodStart`));
  book.orderProducts.forEach((p, i) => {
    date(p.startDate, `orderProducts[${i}].startDate`);
    date(p.endDate, `orderProducts[${i}].endDate`);
    const amount = new Decimal(p.quantity).times(p.unitPrice).abs();
    if (amount.gte(MAX_AMOUNT)) {
      out.push({
        path: `orderProducts[${i}]`,
        message: `quantity × unitPrice = ${amount.toFixed()} is too large to bill: it must stay below 10^18 (invoice amounts are stored with 20 digits before the point)`,
      });
    }
    for (const field of ['quantity', 'unitPrice'] as const) {
      const [int, frac = ''] = p[field].replace(/^-/, '').split('.');
      const lim = LIMITS[field];
      if (int.replace(/^0+(?=\d)/, '').length > lim.int || frac.replace(/0+$/, '').length > lim.frac) {
        out.push({ path: `orderProducts[${i}].${field}`, message: `${p[field]} does not fit: at most ${lim.int} digits before and ${lim.frac} after the decimal point` });
      }
    }
  });
  return out.slice(0, 100);
}

@Injectable()
export class BookService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly books: BookRepository,
    private readonly audit: AuditService,
  ) {}

  /** All or nothing: one transaction for every table and the audit row. */
  async upload(actor: AuthenticatedKey | undefined, json: unknown): Promise<UpsertCounts> {
    const book = validateBook(json);
    return this.store(actor?.id ?? null, book);
  }

  async store(actorKeyId: string | null, book: OrderBook, action: 'book.upload' | 'seed' = 'book.upload'): Promise<UpsertCounts> {
    return this.prisma.$transaction(async (tx) => {
      await lockBookForWrite(tx);
      const counts = await this.books.upsert(tx, book);
      await this.audit.record(tx, { actorKeyId, action, subject: 'book', detail: { ...counts } });
      return counts;
    });
  }
}
