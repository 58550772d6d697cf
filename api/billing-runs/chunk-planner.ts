// Splits the order products of a run into chunks by id keyset, never OFFSET.
// A chunk is the half-open id range (afterId, lastId]: `afterId` is the last id
// of the previous chunk (null for the first), so the chunks cover the whole id
// space with no gap and no overlap however ids are spelled.

export interface ChunkBounds {
  /** 0-based order in which chunks are leased. */
  readonly seq: number;
  /** Exclusive lower bound (the previous chunk's last id); null = from the start. */
  readonly afterId: string | null;
  /** The first id in the chunk when it was planned (stored as the chunk's `lo`). */
  readonly firstId: string;
  /** Inclusive upper bound: the last id in the chunk (stored as `hi`). */
  readonly lastId: string;
  /** Order products in the chunk when it was planned. */
  readonly size: number;
}

/**
 * One step of the keyset walk: the last id and the count of the next `limit` ids
 * after `afterId` (in the database's order), or null when none are left.
 */
export type NextKeyset = (afterId: string | null, limit: number) => Promise<{ firstId: string; lastId: string; count: number } | null>;

/** Plans chunks with one small query per chunk (memory stays O(chunks), not O(ids)). */
export async function planChunks(next: NextKeyset, chunkSize: number): Promise<ChunkBounds[]> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a positive integer, got ${chunkSize}`);
  const chunks: ChunkBounds[] = [];
  let afterId: string | null = null;
  for (;;) {
    const step = await next(afterId, chunkSize);
    if (!step || step.count === 0) return chunks;
    chunks.push({ seq: chunks.length, afterId, firstId: step.firstId, lastId: step.lastId, size: step.count });
    if (step.count < chunkSize) return chunks;
    afterId = step.lastId;
  }
}

/** The same walk over ids already sorted in the database's order (tests, small books). */
export function chunkSortedIds(ids: readonly string[], chunkSize: number): ChunkBounds[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a positive integer, got ${chunkSize}`);
  const chunks: ChunkBounds[] = [];
  for (let i = 0; i < ids.length; i += chunkSize) {
    const slice = ids.slice(i, i + chunkSize);
    chunks.push({
      seq: chunks.length,
      afterId: i === 0 ? null : ids[i - 1],
      firstId: slice[0],
      lastId: slice[slice.length - 1],
      size: slice.length,
    });
  }
  return chunks;
}

/** Whether `id` falls in the chunk, given a comparator matching the database's order. */
export function chunkContains(chunk: ChunkBounds, id: string, compare: (a: string, b: string) => number): boolean {
  return (chunk.afterId === null || compare(id, chunk.afterId) > 0) && compare(id, chunk.lastId) <= 0;
}
