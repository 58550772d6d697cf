import { fc, test as fcTest } from '@fast-check/jest';
import { chunkContains, chunkSortedIds, planChunks, type NextKeyset } from '../../../api/billing-runs/chunk-planner.js';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A keyset source over a sorted array, counting its calls (one per chunk). */
function keysetOver(sorted: readonly string[]): { next: NextKeyset; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    next: async (afterId, limit) => {
      calls++;
      const start = afterId === null ? 0 : sorted.findIndex((id) => byCodeUnit(id, afterId) > 0);
      if (start < 0) return null;
      const page = sorted.slice(start, start + limit);
      return page.length ? { firstId: page[0], lastId: page[page.length - 1], count: page.length } : null;
    },
  };
}

describe('planChunks', () => {
  test.each([
    ['empty book', 0, 3, []],
    ['fewer ids than one chunk', 2, 3, [[null, 'id02', 2]]],
    ['exactly one chunk', 3, 3, [[null, 'id03', 3]]],
    ['one more than a chunk', 4, 3, [[null, 'id03', 3], ['id03', 'id04', 1]]],
    ['two full chunks', 6, 3, [[null, 'id03', 3], ['id03', 'id06', 3]]],
  ])('%s', async (_name, n, size, expected) => {
    const ids = Array.from({ length: n }, (_, i) => `id${String(i + 1).padStart(2, '0')}`);
    const chunks = await planChunks(keysetOver(ids).next, size);
    expect(chunks.map((c) => [c.afterId, c.lastId, c.size])).toEqual(expected);
    expect(chunks.map((c) => c.seq)).toEqual(expected.map((_, i) => i));
    expect(chunkSortedIds(ids, size)).toEqual(chunks);
  });

  test('rejects a chunk size below 1', async () => {
    await expect(planChunks(keysetOver([]).next, 0)).rejects.toThrow(/positive integer/);
  });

  fcTest.prop([fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 200 }), fc.integer({ min: 1, max: 40 })])(
    'every id lies in exactly one chunk and sizes add up',
    async (raw, size) => {
      const ids = [...raw].sort(byCodeUnit);
      const source = keysetOver(ids);
      const chunks = await planChunks(source.next, size);
      for (const id of ids) {
        expect(chunks.filter((c) => chunkContains(c, id, byCodeUnit))).toHaveLength(1);
      }
      expect(chunks.reduce((s, c) => s + c.size, 0)).toBe(ids.length);
      expect(chunks.every((c) => c.size <= size)).toBe(true);
      // one keyset query per chunk, plus one that finds nothing when the last chunk is full
      expect(source.calls()).toBeLessThanOrEqual(chunks.length + 1);
    },
  );
});
