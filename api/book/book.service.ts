import { Injectable } from '@nestjs/common';
import { parseOrderBook } from '../../engine/book/validate-book.js';
import type { OrderBook } from '../../engine/book/book-types.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { lockBookForWrite } from '../common/book-lock.js';
import { ValidationProblem } from '../common/problem.js';
import { PrismaService } from '../persistence/prisma-client.factory.js';
import { BookRepository, type UpsertCounts } from './book.repository.js';
import { storageProblemsOf } from './storage-limits.js';

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

/** Every row through the shared storage check (storage-limits.ts), named by JSON path; at most 100. */
function storageErrors(book: OrderBook): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const entity of ['contracts', 'orders', 'orderProducts', 'invoiced'] as const) {
    book[entity].forEach((row, i) => {
      for (const p of storageProblemsOf(entity, row)) out.push({ path: `${entity}[${i}]${p.field ? `.${p.field}` : ''}`, message: p.message });
    });
  }
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
