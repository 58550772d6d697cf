// What the engine's planner hands the billing-run writer for one chunk.
import type { OrderBook } from '../../engine/book/book-types.js';
import type { EvaluationError, HoldReport, PlannedLine } from '../../engine/results/index.js';

/** An invoice line plus the invoice it belongs to (one per account and currency): the engine's type. */
export type { PlannedLine };

export interface ChunkPlanOutput {
  readonly lines: readonly PlannedLine[];
  readonly holds: readonly HoldReport[];
  readonly errors: readonly EvaluationError[];
}

/**
 * Plans the order products `ids` of a chunk. `book` holds those products, the
 * rows they refer to (orders, accounts, contracts, amended originals) and the
 * periods already billed for them.
 */
export type ChunkPlanFn = (book: OrderBook, ids: readonly string[], asOf: string) => ChunkPlanOutput;
