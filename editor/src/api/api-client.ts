// The editor's way to data: the service's HTTP API with the signed-in API key
// as a bearer token (typed-client.ts is the typed form over the generated
// OpenAPI types; this untyped helper serves the routes not yet moved there). Errors become ApiError with the server's message
// (and diagnostics, when a publish is refused), never a raw stack.
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';

const KEY_STORAGE = 'proviso.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get diagnostics(): Diagnostic[] {
    const b = this.body as { diagnostics?: unknown; details?: unknown } | null;
    if (b && Array.isArray(b.diagnostics)) return b.diagnostics as Diagnostic[];
    const d = b?.details as { diagnostics?: unknown } | unknown[] | undefined;
    if (Array.isArray(d)) return d.filter((x) => x && typeof x === 'object' && 'code' in x && 'span' in x) as Diagnostic[];
    return d && Array.isArray(d.diagnostics) ? (d.diagnostics as Diagnostic[]) : [];
  }
}

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** The words of an error answer: the problem's detail (or message) when it has one. */
export function problemMessage(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const m = b.detail ?? b.message ?? b.title ?? b.error;
    if (Array.isArray(m)) return m.map(String).join('; ');
    if (typeof m === 'string' && m) return m;
  }
  if (typeof body === 'string' && body && body.length < 300) return body;
  if (status === 401) return 'The API key was not accepted. Sign in again.';
  if (status === 403) return 'Your role does not allow this.';
  if (status === 404) return 'Not found.';
  return `The service answered ${status}.`;
}

export async function api<T>(method: string, path: string, body?: unknown, key = storedKey()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The service cannot be reached. Is it running?', null);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* plain text body */
  }
  if (!res.ok) throw new ApiError(res.status, problemMessage(res.status, parsed), parsed);
  return parsed as T;
}

/** Downloads an authenticated file (the bearer token cannot ride on a plain link). */
export async function download(path: string, filename: string): Promise<void> {
  const key = storedKey();
  const res = await fetch(path, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  if (!res.ok) throw new ApiError(res.status, problemMessage(res.status, await res.text()), null);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lists may come bare or wrapped (`{ items: [...], nextCursor }` pages, `{ data: [...] }`, `{ <name>: [...] }`). */
export function listOf<T>(body: unknown, ...names: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const n of [...names, 'items', 'data', 'results']) if (Array.isArray(b[n])) return b[n] as T[];
  }
  return [];
}
