// Simulations on paper: what a billing run would do (published or given
// policies, stored or given book), the impact of drafts, one line's timeline.
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { OrderBook } from '../../engine/book/book-types.js';
import { BookRepository } from '../book/book.repository.js';
import { validateBook } from '../book/book.service.js';
import { assertWithinHorizon, maxYearsAheadFrom } from '../common/date-window.js';
import { NotFoundProblem } from '../common/problem.js';
import { fromDbDate } from '../common/dates.js';
import type { LineExplanation } from '../../engine/explain/explain-line.js';
import type { Timeline } from '../../engine/plan/timeline.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { type LibraryDocument, PolicyLibraryService } from '../policies/policy-library.service.js';
import { HeavyWorkService } from './heavy-work.service.js';
import type { ImpactNames } from './impact-names.js';
import { DEFAULT_PAGE_LIMIT, type ImpactPage, type PageRequest, type SimulationPage } from './result-pages.js';

export interface DraftInput {
  id?: string;
  name: string;
  source: string;
}

export interface SimulateInput {
  asOf: string;
  source?: string;
  draft?: DraftInput;
  otherDrafts?: boolean;
  book?: unknown;
  accountIds?: string[];
  /** Invoices per page (default DEFAULT_PAGE_LIMIT). */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

/** Which documents a draft simulation used: published versions, and the drafts applied (this one first). */
export interface SimulatedLibrary {
  readonly published: readonly { name: string; version: number }[];
  readonly drafts: readonly { id?: string; name: string }[];
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
  async simulate(input: SimulateInput, signal?: AbortSignal): Promise<SimulationPage | (SimulationPage & { library: SimulatedLibrary })> {
    this.checkHorizon(input.asOf, 'body.asOf');
    if (input.draft !== undefined) return this.simulateDraft(input.draft, input.otherDrafts === true, input, signal);
    const [docs, book] = await Promise.all([this.documentsFor(input.source), this.bookFor(input)]);
    return this.heavy.run<SimulationPage>({ kind: 'simulate', docs, book, asOf: input.asOf, page: pageFrom(input) }, 'simulation', signal);
  }

  /** The draft in place of its published version inside the whole published library (the preview a publish would make true). */
  private async simulateDraft(
    draft: DraftInput,
    otherDrafts: boolean,
    input: SimulateInput,
    signal?: AbortSignal,
  ): Promise<SimulationPage & { library: SimulatedLibrary }> {
    const others = otherDrafts ? (await this.changedDrafts()).filter((d) => d.id !== draft.id && d.name !== draft.name) : [];
    const drafts = [draft, ...others];
    const [docs, book, versions] = await Promise.all([this.library.documentsWithDrafts(drafts), this.bookFor(input), this.library.currentVersions()]);
    const replaced = new Set(drafts.map((d) => d.name));
    const ids = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
    const published = versions.filter((v) => !replaced.has(v.name) && !ids.has(v.document));
    const result = await this.heavy.run<SimulationPage>({ kind: 'simulate', docs, book, asOf: input.asOf, page: pageFrom(input) }, 'simulation', signal);
    return {
      ...result,
      library: {
        published: published.map((v) => ({ name: v.name, version: v.version })),
        drafts: drafts.map((d) => (d.id ? { id: d.id, name: d.name } : { name: d.name })),
      },
    };
  }

  private async documentsFor(source: string | undefined): Promise<LibraryDocument[]> {
    if (source === undefined) return this.library.publishedDocuments();
    return [{ name: 'simulation.policy', source }];
  }

  async impact(
    asOf: string,
    drafts: { id?: string; name: string; source: string }[] | undefined,
    page: { limit?: number; cursor?: string } = {},
    signal?: AbortSignal,
  ): Promise<ImpactPage & { names: ImpactNames }> {
    this.checkHorizon(asOf, 'body.asOf');
    const effective = drafts ?? (await this.changedDrafts());
    const [before, after, book] = await Promise.all([
      this.library.publishedDocuments(),
      this.library.documentsWithDrafts(effective),
      this.books.loadAll(),
    ]);
    return this.heavy.run<ImpactPage & { names: ImpactNames }>({ kind: 'impact', before, after, book, asOf, page: pageFrom(page) }, 'impact comparison', signal);
  }

  private async changedDrafts(): Promise<{ id: string; name: string; source: string }[]> {
    return this.library.changedDrafts();
  }

  /** The timeline; each period also says in words what billing does with it (`explanation`). */
  async timeline(orderProductId: string, from: string, months: number, signal?: AbortSignal) {
    const end = DateTime.fromISO(from, { zone: 'utc' }).plus({ months }).toISODate()!;
    this.checkHorizon(end, 'query.from');
    const { t, explained } = await this.timelineAgainstLedger(orderProductId, from, months, from, signal);
    return { ...t, periods: t.periods.map((p, i) => ({ ...p, explanation: explained.periods[i].explanation })) };
  }

  /**
   * Why (not) billed, as of a date: every period of the line from its start
   * up to the date plus the 12-month look-ahead, each with its status, the
   * invoice that billed it, its trace and one sentence. The same timeline
   * (planner code path) the runs and simulate use, read against the ledger.
   */
  async explain(orderProductId: string, asOf: string, signal?: AbortSignal): Promise<LineExplanation> {
    this.checkHorizon(asOf, 'query.asOf');
    const line = await this.books.findOrderProduct(orderProductId);
    if (!line) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    const start = fromDbDate(line.startDate);
    const from = start < asOf ? start : asOf;
    const months = monthsBetween(from, asOf) + 13;
    return (await this.timelineAgainstLedger(orderProductId, from, months, asOf, signal)).explained;
  }

  /** The timeline and its explanation against the stored ledger, computed in a worker thread. */
  private async timelineAgainstLedger(orderProductId: string, from: string, months: number, asOf: string, signal?: AbortSignal) {
    if (!(await this.books.findOrderProduct(orderProductId))) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    const [slice, docs, stored] = await Promise.all([
      this.books.loadRange(orderProductId, orderProductId),
      this.library.publishedDocuments(),
      this.books.storedCoverage(orderProductId),
    ]);
    return this.heavy.run<{ t: Timeline; explained: LineExplanation }>(
      { kind: 'timeline', docs, book: slice.book, orderProductId, from, months, asOf, stored },
      'timeline',
      signal,
    );
  }
}

function pageFrom(input: { limit?: number; cursor?: string }): PageRequest {
  return { limit: input.limit ?? DEFAULT_PAGE_LIMIT, cursor: input.cursor, path: 'body.cursor' };
}

/** Whole months from a to b (a <= b), by calendar month. */
function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
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
