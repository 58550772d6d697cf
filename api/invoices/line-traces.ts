// Line traces stored once per distinct trace (`line_traces`, keyed by a hash
// of the trace's JSON text): most lines of a run share a handful of
// decisions, so a line carries a 22-character key instead of its JSON.
// The run writer stores the chunk's distinct traces (ON CONFLICT DO NOTHING,
// in its short invoice transaction: committed at once, so concurrent chunks
// never wait on each other's open write); readers put the full trace back.
import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';

type Sql = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** The first 128 bits of SHA-256 of the JSON text, base64url (22 characters). */
export function traceKey(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 22);
}

/** The key of each trace (in order) and the distinct traces by key. */
export function keyTraces(traces: readonly unknown[]): { keys: string[]; distinct: Map<string, string> } {
  const distinct = new Map<string, string>();
  const seen = new Map<unknown, string>();
  const keys = traces.map((t) => {
    const known = seen.get(t);
    if (known) return known;
    const json = JSON.stringify(t ?? []);
    const key = traceKey(json);
    distinct.set(key, json);
    if (t !== null && typeof t === 'object') seen.set(t, key);
    return key;
  });
  return { keys, distinct };
}

/** Stores traces not stored yet, in key order (concurrent writers take the index locks in one order). */
export async function storeTraces(tx: Sql, distinct: ReadonlyMap<string, string>): Promise<void> {
  if (distinct.size === 0) return;
  const keys = [...distinct.keys()].sort();
  await tx.$executeRawUnsafe(
    `INSERT INTO line_traces (hash, trace) SELECT h, t FROM unnest($1::text[], $2::jsonb[]) AS x(h, t) ORDER BY h
     ON CONFLICT (hash) DO NOTHING`,
    keys,
    keys.map((k) => distinct.get(k)!),
  );
}

/** The stored traces of the given keys. */
export async function loadTraces(db: Pick<Prisma.TransactionClient, '$queryRawUnsafe'>, keys: Iterable<string>): Promise<Map<string, unknown>> {
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<{ hash: string; trace: unknown }[]>(`SELECT hash, trace FROM line_traces WHERE hash = ANY($1::text[])`, wanted);
  return new Map(rows.map((r) => [r.hash, r.trace]));
}

/** Lines with their full trace: the keyed one when the line has a key, else its own `trace`. */
export async function withTraces<L extends { trace: unknown; traceHash?: string | null }>(
  db: Pick<Prisma.TransactionClient, '$queryRawUnsafe'>,
  lines: readonly L[],
): Promise<L[]> {
  const traces = await loadTraces(db, lines.flatMap((l) => (l.traceHash ? [l.traceHash] : [])));
  return lines.map((l) => (l.traceHash && traces.has(l.traceHash) ? { ...l, trace: traces.get(l.traceHash) } : l));
}
