// Simulations on paper: what a billing run would do (published or given
// policies, stored or given book), the impact of drafts, one line's timeline.
import { Injectable } from '@nestjs/common';
import type { OrderBook } from '../../engine/book/book-types.js';
import type { SimulationResult } from '../../engine/results/index.js';
import { BookRepository } from '../book/book.repository.js';
import { validateBook } from '../book/book.service.js';
import { NotFoundProblem } from '../common/problem.js';
import { fromDbDate } from '../common/dates.js';
import type { LineExplanation } from '../../engine/explain/explain-line.js';
import { loadEngine } from '../policies/engine-port.js';
import { type CompiledLibrary, PolicyLibraryService } from '../policies/policy-library.service.js';

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
  ) {}

  private async bookFor(input: { book?: unknown; accountIds?: string[] }): Promise<OrderBook> {
    if (input.book !== undefined) {
      const book = validateBook(input.book, 'book');
      if (!input.accountIds) return book;
      return filterBook(book, new Set(input.accountIds));
    }
    return this.books.loadAll({ accountIds: input.accountIds });
  }

  private async policiesFor(source: string | undefined): Promise<CompiledLibrary> {
    if (source === undefined) return this.library.publishedLibrary();
    return this.library.compileDocuments([{ name: 'simulation.policy', source }]);
  }

  /** The §5 result; each hold also says why in words (`explanation`, from engine/explain). */
  async simulate(input: SimulateInput): Promise<SimulationResult> {
    const [lib, book, engine] = await Promise.all([this.policiesFor(input.source), this.bookFor(input), loadEngine()]);
    const result = engine.simulate(book, input.asOf, lib.set, lib.registry);
    return { ...result, holds: result.holds.map((h) => ({ ...h, explanation: engine.holdText(h.reasons, h.policies) })) };
  }

  async impact(asOf: string, drafts: { id?: string; name: string; source: string }[] | undefined) {
    const effective = drafts ?? (await this.changedDrafts());
    const [before, after, book, engine] = await Promise.all([
      this.library.publishedLibrary(),
      this.library.libraryWithDrafts(effective),
      this.books.loadAll(),
      loadEngine(),
    ]);
    const a = engine.simulate(book, asOf, before.set, before.registry);
    const b = engine.simulate(book, asOf, after.set, after.registry);
    return engine.compareSimulations(a, b);
  }

  private async changedDrafts(): Promise<{ id: string; name: string; source: string }[]> {
    return this.library.changedDrafts();
  }

  /** The timeline; each period also says in words what billing does with it (`explanation`). */
  async timeline(orderProductId: string, from: string, months: number) {
    const { t, explained } = await this.timelineAgainstLedger(orderProductId, from, months, from);
    return { ...t, periods: t.periods.map((p, i) => ({ ...p, explanation: explained.periods[i].explanation })) };
  }

  /**
   * Why (not) billed, as of a date: every period of the line from its start
   * up to the date plus the 12-month look-ahead, each with its status, the
   * invoice that billed it, its trace and one sentence. The same timeline
   * (planner code path) the runs and simulate use, read against the ledger.
   */
  async explain(orderProductId: string, asOf: string): Promise<LineExplanation> {
    const line = await this.books.findOrderProduct(orderProductId);
    if (!line) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    const start = fromDbDate(line.startDate);
    const from = start < asOf ? start : asOf;
    const months = monthsBetween(from, asOf) + 13;
    return (await this.timelineAgainstLedger(orderProductId, from, months, asOf)).explained;
  }

  private async timelineAgainstLedger(orderProductId: string, from: string, months: number, asOf: string) {
    if (!(await this.books.findOrderProduct(orderProductId))) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    const [slice, lib, engine, stored] = await Promise.all([
      this.books.loadRange(orderProductId, orderProductId),
      this.library.publishedLibrary(),
      loadEngine(),
      this.books.storedCoverage(orderProductId),
    ]);
    const t = engine.timeline(slice.book, orderProductId, from, months, lib.set, lib.registry, { asOf });
    return { t, explained: engine.explainTimeline(t, stored) };
  }
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
