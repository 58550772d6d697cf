// The `Idempotency-Key` request header: a client-chosen value that makes a
// retried POST answer with what the first one created. Bounded (1-255
// visible ASCII characters); the request body is fingerprinted so a key
// reused with another body is refused instead of answered wrongly.
import { createHash } from 'node:crypto';
import { ValidationProblem } from './problem.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The header's value, or undefined when absent; a malformed value is a 400 naming the header. */
export function idempotencyKeyFrom(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const raw = headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw : [raw];
  const problem = (message: string) => new ValidationProblem(`Idempotency-Key: ${message}`, [{ path: 'headers.idempotency-key', message }]);
  if (value.length !== 1) throw problem('give the header once');
  if (!KEY.test(value[0])) throw problem('must be 1 to 255 visible ASCII characters (letters, digits, punctuation; no spaces), e.g. a UUID');
  return value[0];
}

/** sha256 (hex) of a JSON value with its object keys sorted: the same body gives the same fingerprint. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
