// Simulations on paper: what a billing run would do (published or given
// policies, stored or given book), the impact of drafts, one line's timeline.
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { OrderBook } from '../../engine/book/book-types.js';
import type { SimulationResult } from '../../engine/results/index.js';
import { BookRepository } from '../book/book.repository.js';
import { validateBook } from '../book/book.service.js';
import { assertWithinHorizon, maxYearsAheadFrom } from '../common/date-window.js';
import { NotFoundProblem } from '../common/problem.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { type LibraryDocument, PolicyLibraryService } from '../policies/policy-library.service.js';
import { HeavyWorkService } from './heavy-work.service.js';

export interface SimulateInput {
  asOf: string;
  source?: string;
  book?: unknown;
  accountIds?: string[];
}

@Injectable()
export class SimulationService {
  constructor(
    private readonly library: PolicyLibraryService,
    private readonly books: BookRepository,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly heavy: HeavyWorkService,
  ) {}

  /** Today from the injected clock (AppOptions.now), as `YYYY-MM-DD` in UTC. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Refuses (400 naming `field`) a date past today + the configured years ahead. */
  private checkHorizon(iso: string, field: string): void {
    assertWithinHorizon(iso, field, this.now(), this.options.maxYearsAhead ?? maxYearsAheadFrom(process.env));
  }

  private async bookFor(input: { book?: unknown; accountIds?: string[] }): Promise<OrderBook> {
    if (input.book !== undefined) {
      const book = validateBook(input.book, 'book');
      if (!input.accountIds) return book;
      return filterBook(book, new Set(input.accountIds));
    }
    return this.books.loadAll({ accountIds: input.accountIds });
  }

  /** Checking, compiling and simulating run in a worker thread (HeavyWorkService), within its time budget. */
  async simulate(input: SimulateInput, signal?: AbortSignal): Promise<SimulationResult> {
    this.checkHorizon(input.asOf, 'body.asOf');
    const [docs, book] = await Promise.all([this.documentsFor(input.source), this.bookFor(input)]);
    return this.heavy.run<SimulationResult>({ kind: 'simulate', docs, book, asOf: input.asOf }, 'simulation', signal);
  }

  private async documentsFor(source: string | undefined): Promise<LibraryDocument[]> {
    if (source === undefined) return this.library.publishedDocuments();
    return [{ name: 'simulation.policy', source }];
  }

  async impact(asOf: string, drafts: { id?: string; name: string; source: string }[] | undefined, signal?: AbortSignal) {
    this.checkHorizon(asOf, 'body.asOf');
    const effective = drafts ?? (await this.changedDrafts());
    const [before, after, book] = await Promise.all([
      this.library.publishedDocuments(),
      this.library.documentsWithDrafts(effective),
      this.books.loadAll(),
    ]);
    return this.heavy.run({ kind: 'impact', before, after, book, asOf }, 'impact comparison', signal);
  }

  private async changedDrafts(): Promise<{ id: string; name: string; source: string }[]> {
    return this.library.changedDrafts();
  }

  async timeline(orderProductId: string, from: string, months: number, signal?: AbortSignal) {
    const end = DateTime.fromISO(from, { zone: 'utc' }).plus({ months }).toISODate()!;
    this.checkHorizon(end, 'query.from');
    if (!(await this.books.findOrderProduct(orderProductId))) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    const [slice, docs] = await Promise.all([this.books.loadRange(orderProductId, orderProductId), this.library.publishedDocuments()]);
    return this.heavy.run({ kind: 'timeline', docs, book: slice.book, orderProductId, from, months }, 'timeline', signal);
  }
}

function filterBook(book: OrderBook, accounts: Set<string>): OrderBook {
  const orders = book.orders.filter((o) => accounts.has(o.accountId));
  const orderIds = new Set(orders.map((o) => o.id));
  const products = book.orderProducts.filter((p) => orderIds.has(p.orderId));
  const productIds = new Set(products.map((p) => p.id));
  return {
    accounts: book.accounts.filter((a) => accounts.has(a.id)),
    contracts: book.contracts.filter((c) => accounts.has(c.accountId)),
    orders,
    orderProducts: products,
    invoiced: book.invoiced.filter((i) => productIds.has(i.orderProductId)),
  };
}
