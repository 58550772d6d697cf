// The one cursor mechanism of every list route: `?limit=&cursor=` in, `{ items,
// nextCursor }` out. A cursor is opaque to clients: base64url of a JSON array
// of the last row's sort key, decoded and checked against the list's key shape,
// so a cursor that was not handed out (or belongs to another list) is a 400
// naming `query.cursor`, never a database error.
import { z } from 'zod';
import { ValidationProblem } from './problem.js';
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
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const r = shape.safeParse(value);
  if (!r.success) throw new ValidationProblem(`${path}: ${NOT_OURS}`, [{ path, message: NOT_OURS }]);
  return r.data;
}

/** `limit` (a whole number 1..max, default `byDefault`; anything else is a 400) and an optional `cursor`. */
export function pageQuery(byDefault: number, max: number) {
  return z.strictObject({
    limit: strictInt(1, max).default(byDefault).describe(`page size, 1-${max} (default ${byDefault})`),
    cursor: z.string().min(1).max(MAX_CURSOR_LENGTH).optional().describe('nextCursor of the previous page'),
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
