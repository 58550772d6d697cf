// Simulations on paper: what a billing run would do (published or given
// policies, stored or given book), the impact of drafts, one line's timeline.
import { Injectable } from '@nestjs/common';
import type { OrderBook } from '../../engine/book/book-types.js';
import type { SimulationResult } from '../../engine/plan/simulation-types.js';
import { BookRepository } from '../book/book.repository.js';
import { validateBook } from '../book/book.service.js';
import { NotFoundProblem } from '../common/problem.js';
import { loadEngine } from '../policies/engine-port.js';
import { type CompiledLibrary, PolicyLibraryService } from '../policies/policy-library.service.js';

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

  async simulate(input: SimulateInput): Promise<SimulationResult | (SimulationResult & { library: SimulatedLibrary })> {
    if (input.draft !== undefined) return this.simulateDraft(input.draft, input.otherDrafts === true, input);
    const [lib, book, engine] = await Promise.all([this.policiesFor(input.source), this.bookFor(input), loadEngine()]);
    return engine.simulate(book, input.asOf, lib.set, lib.registry);
  }

  /** The draft in place of its published version inside the whole published library (the preview a publish would make true). */
  private async simulateDraft(draft: DraftInput, otherDrafts: boolean, input: SimulateInput): Promise<SimulationResult & { library: SimulatedLibrary }> {
    const others = otherDrafts ? (await this.changedDrafts()).filter((d) => d.id !== draft.id && d.name !== draft.name) : [];
    const drafts = [draft, ...others];
    const [lib, book, engine] = await Promise.all([this.library.libraryWithDrafts(drafts), this.bookFor(input), loadEngine()]);
    const replaced = new Set(drafts.map((d) => d.name));
    const ids = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
    const published = (await this.library.currentVersions()).filter((v) => !replaced.has(v.name) && !ids.has(v.document));
    const result = engine.simulate(book, input.asOf, lib.set, lib.registry);
    return {
      ...result,
      library: {
        published: published.map((v) => ({ name: v.name, version: v.version })),
        drafts: drafts.map((d) => (d.id ? { id: d.id, name: d.name } : { name: d.name })),
      },
    };
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

  async timeline(orderProductId: string, from: string, months: number) {
    if (!(await this.books.findOrderProduct(orderProductId))) throw new NotFoundProblem(`no order product with id '${orderProductId}'`);
    const [slice, lib, engine] = await Promise.all([
      this.books.loadRange(orderProductId, orderProductId),
      this.library.publishedLibrary(),
      loadEngine(),
    ]);
    return engine.timeline(slice.book, orderProductId, from, months, lib.set, lib.registry);
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
