// Times PGlite's synchronous protocol calls (each query executes on the
// calling thread in one `execProtocolRawSync`), so the billing-run bench can
// say which statements hold the event loop, with their duration. Bench only.
import { PGlite } from '@electric-sql/pglite';

export interface SyncCall {
  readonly ms: number;
  /** The statement's first characters (from the protocol message). */
  readonly sql: string;
}

/** Starts recording; `stop()` restores PGlite and returns every call. */
export function recordPgliteCalls(): { stop(): SyncCall[] } {
  const proto = PGlite.prototype as unknown as { execProtocolRawSync: (message: Uint8Array) => Uint8Array };
  const original = proto.execProtocolRawSync;
  const calls: SyncCall[] = [];
  // The extended protocol sends Parse, Bind, Describe, Execute one call each: they belong to the last parsed statement.
  let parsed = '';
  proto.execProtocolRawSync = function (this: unknown, message: Uint8Array) {
    const t0 = performance.now();
    const type = String.fromCharCode(message[0] ?? 0);
    const sql = statementOf(message);
    if (type === 'P' || type === 'Q') parsed = sql;
    try {
      return original.call(this, message);
    } finally {
      calls.push({ ms: performance.now() - t0, sql: type === 'P' || type === 'Q' ? sql : `${type}: ${parsed}` });
    }
  };
  return {
    stop() {
      proto.execProtocolRawSync = original;
      return calls;
    },
  };
}

/** The SQL text of a Parse ('P') or Query ('Q') message, shortened; else the message type. */
function statementOf(message: Uint8Array): string {
  const type = String.fromCharCode(message[0] ?? 0);
  let text = '';
  if (type === 'Q') text = new TextDecoder().decode(message.subarray(5, Math.min(message.length, 5 + 400)));
  if (type === 'P') {
    const body = new TextDecoder().decode(message.subarray(5, Math.min(message.length, 5 + 400)));
    text = body.slice(body.indexOf('\0') + 1);
  }
  text = text.split('\0')[0].replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 90) : `(protocol '${type}')`;
}

/** Percentiles and the slowest statements (grouped by their text). */
export function summarise(calls: readonly SyncCall[]): { count: number; p50: number; p99: number; max: number; slowest: { sql: string; n: number; max: number; total: number }[] } {
  const sorted = calls.map((c) => c.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const groups = new Map<string, { sql: string; n: number; max: number; total: number }>();
  for (const c of calls) {
    const g = groups.get(c.sql) ?? { sql: c.sql, n: 0, max: 0, total: 0 };
    g.n++;
    g.max = Math.max(g.max, c.ms);
    g.total += c.ms;
    groups.set(c.sql, g);
  }
  const slowest = [...groups.values()].sort((a, b) => b.max - a.max).slice(0, 6);
  return { count: calls.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, slowest };
}
