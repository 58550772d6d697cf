// The editor's typed client: openapi-fetch over the types generated from the
// service's OpenAPI description (generated/openapi.ts, `npm run docs`), so a
// path, parameter or response field the service does not have is a type error.
// The signed-in key rides as the bearer token; failures become ApiError like
// the plain `api()` helper's.
import createClient from 'openapi-fetch';
import { ApiError, problemMessage, storedKey } from './api-client.js';
import type { components, paths } from './generated/openapi.js';

export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

export const client = createClient<paths>({ baseUrl: '' });

client.use({
  onRequest({ request }) {
    const key = storedKey();
    if (key) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
});

/** The data of a typed call, or an ApiError with the service's message. */
export async function send<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await call;
  } catch {
    throw new ApiError(0, 'The service cannot be reached. Is it running?', null);
  }
  if (!r.response.ok || r.data === undefined) throw new ApiError(r.response.status, problemMessage(r.response.status, r.error), r.error ?? null);
  return r.data;
}

/** Every item of a cursor-paged list: `page(cursor)` fetches one page; at most `maxPages` pages. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, maxPages = 100): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const p = await page(cursor);
    out.push(...p.items);
    if (p.nextCursor === null) break;
    cursor = p.nextCursor;
  }
  return out;
}
