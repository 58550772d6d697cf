// What a user may read about an unexpected error (billing_runs.error, problem
// responses): never raw Prisma text with table, column or constraint names.
// The full message goes to the log; this is the short, stable form.

const SQLSTATE_TEXT: Record<string, string> = {
  '22003': 'a number is too large to store',
  '22021': 'a text contains a character that cannot be stored',
  '22P05': 'a text contains a character that cannot be stored',
  '22008': 'a date is out of range',
  '23505': 'a record with the same unique key already exists',
  '23503': 'a referenced record does not exist',
  '23P01': 'a record overlaps an existing one',
  '40001': 'a concurrent change conflicted; it will be retried',
  '40P01': 'a concurrent change conflicted; it will be retried',
  '57P01': 'the database connection was terminated',
};

/** The SQLSTATE of a database error (pg error `code`, Prisma `meta.code`, or `Code: \`xxxxx\`` in a raw-query message). */
export function sqlStateOf(e: unknown): string | undefined {
  const err = e as { code?: unknown; meta?: { code?: unknown }; message?: unknown; cause?: unknown } | null;
  if (!err || typeof err !== 'object') return undefined;
  // Prisma's own codes (P2010 ...) are not SQLSTATEs.
  for (const c of [err.meta?.code, err.code]) if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) && !/^P\d{4}$/.test(c)) return c;
  const m = typeof err.message === 'string' ? /Code: `([0-9A-Z]{5})`/.exec(err.message) : null;
  if (m) return m[1];
  return err.cause ? sqlStateOf(err.cause) : undefined;
}

function isDatabaseError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return (typeof name === 'string' && name.startsWith('PrismaClient')) || sqlStateOf(e) !== undefined;
}

/** A message safe to show: database errors reduced to their meaning and SQLSTATE, other errors as they are. */
export function publicErrorMessage(e: unknown): string {
  if (isDatabaseError(e)) {
    const state = sqlStateOf(e);
    const text = (state && SQLSTATE_TEXT[state]) ?? 'the database refused the operation';
    return `${text}${state ? ` (SQLSTATE ${state})` : ''}; the server log has the details`;
  }
  return e instanceof Error ? e.message : String(e);
}
