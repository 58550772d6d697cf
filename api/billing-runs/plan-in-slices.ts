// Planning a chunk is synchronous CPU work; on the embedded database the
// queries run on the same thread too. So a chunk is planned a slice of order
// products at a time, yielding to the event loop between slices (and the
// worker yields between chunks): HTTP requests, health included, are answered
// while a run works. Each order product is planned on its own (the book holds
// every row a product refers to), so slices add up to the whole chunk's plan.
import type { OrderBook } from '../../engine/book/book-types.js';
import type { ChunkPlanFn, ChunkPlanOutput, PlannedLine } from './run-types.js';

export const PLAN_SLICE = 25;

/** Lets queued I/O callbacks (HTTP requests) run before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function planInSlices(
  plan: ChunkPlanFn,
  book: OrderBook,
  ids: readonly string[],
  asOf: string,
  slice = PLAN_SLICE,
): Promise<ChunkPlanOutput> {
  if (ids.length <= slice) return plan(book, ids, asOf);
  const lines: PlannedLine[] = [];
  const holds: ChunkPlanOutput['holds'][number][] = [];
  const errors: ChunkPlanOutput['errors'][number][] = [];
  for (let i = 0; i < ids.length; i += slice) {
    const part = plan(book, ids.slice(i, i + slice), asOf);
    lines.push(...part.lines);
    holds.push(...part.holds);
    errors.push(...part.errors);
    await yieldToEventLoop();
  }
  return { lines, holds, errors };
}
