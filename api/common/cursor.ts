// The one cursor mechanism of every list route: `?limit=&cursor=` in, `{ items,
// nextCursor }` out. A cursor is opaque to clients: base64url of a JSON array
// of the last row's sort key, decoded and checked against the list's key shape,
// so a cursor that was not handed out (or belongs to another list) is a 400
// naming `query.cursor`, never a database error. Results recomputed per
// request (simulate, impact) page by position instead: their cursor carries
// the next index and a fingerprint of the whole result (`resultCursor`).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConflictProblem, ValidationProblem } from './problem.js';
import { strictInt } from './zod-validation.js';

const MAX_CURSOR_LENGTH = 1000;
const NOT_OURS = 'not a cursor from a previous page (pass nextCursor unchanged)';

export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key a cursor carries, checked against `shape` (a zod tuple); a 400 on `path` otherwise. */
export function decodeCursor<T extends z.ZodType<CursorKey>>(text: string, shape: T, path = 'query.cursor'): z.output<T> {
  let value: unknown;
  try {
    if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const r = shape.safeParse(value);
  if (!r.success) throw new ValidationProblem(`${path}: ${NOT_OURS}`, [{ path, message: NOT_OURS }]);
  return r.data;
}

/**
 * A position in a result that is recomputed for every page (the simulation is
 * deterministic): the index of the next item and the fingerprint of the whole
 * result's item keys (`resultFingerprint`).
 */
const RESULT_CURSOR = z.tuple([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[A-Za-z0-9_-]{22}$/)]);

/** A digest of a result's item keys, in order: the same items in the same order give the same fingerprint. */
export function resultFingerprint(keys: readonly string[]): string {
  const h = createHash('sha256');
  for (const k of keys) h.update(k).update('\n');
  return h.digest('base64url').slice(0, 22);
}

export const resultCursor = {
  /** The cursor of the page that starts at item `at` of the result with `fingerprint`. */
  encode(at: number, fingerprint: string): string {
    return encodeCursor([at, fingerprint]);
  },
  /**
   * The index a cursor points at in the result with `fingerprint` and `size`
   * items: a 400 on `path` when it is not a cursor we gave, a 409 on `path`
   * when it came from another result (the book or the policies changed since
   * the first page), so following cursors never skips or repeats an item.
   */
  decode(text: string, fingerprint: string, size: number, path: string): number {
    const [at, from] = decodeCursor(text, RESULT_CURSOR, path);
    if (from !== fingerprint || at > size) {
      throw new ConflictProblem('the result changed since the first page (the book or the policies changed); start again without a cursor', [
        { path, message: 'stale cursor' },
      ]);
    }
    return at;
  },
};

/** The optional `cursor` of a page request (query or body). */
export const cursorField = z.string().min(1).max(MAX_CURSOR_LENGTH).optional().describe('nextCursor of the previous page');

/** `limit` (a whole number 1..max, default `byDefault`; anything else is a 400) and an optional `cursor`. */
export function pageQuery(byDefault: number, max: number) {
  return z.strictObject({
    limit: strictInt(1, max).default(byDefault).describe(`page size, 1-${max} (default ${byDefault})`),
    cursor: cursorField,
  });
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * A page from `rows` fetched with `limit + 1` (the extra row only says that
 * more follow): the first `limit` rows, and the cursor of the last of them.
 */
export function pageOf<R, T = R>(rows: readonly R[], limit: number, keyOf: (row: R) => CursorKey, view?: (row: R) => T): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => (view ? view(r) : (r as unknown as T))),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** The response schema of a list route. */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .strictObject({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
    })
    .meta({ id });
}

/**
 * A timestamp in a cursor: microseconds, UTC (`2026-12-01T13:18:11.123456Z`),
 * as `timestampKeySql(column)` selects it, so no precision is lost between
 * pages; anything else (a 31 February included) is refused before SQL sees it.
 */
export const timestampKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  .refine((t) => {
    const d = new Date(`${t.slice(0, 19)}Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === t.slice(0, 19);
  });

export function timestampKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** A millisecond timestamp in a cursor (columns stored as timestamptz(3), read through Prisma as Date). */
export const msTimestampKey = z.iso.datetime({ precision: 3 }).refine((t) => new Date(t).toISOString() === t);

/** Prisma `where` for the rows after (createdAt, id) in ascending order. */
export function afterCreated(after: readonly [string, string] | undefined) {
  if (!after) return {};
  const at = new Date(after[0]);
  return { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: after[1] } }] };
}
