// Names for the ids the service answers with (accounts today): fetched once
// per page load, page by page, so every screen shows "Aperture Inc. (A000001)".
import { api, listOf } from './api-client.js';

let accounts: Promise<ReadonlyMap<string, string>> | undefined;

/** Account id -> name (at most 20 pages of 1,000); an empty map when the service cannot say. */
export function accountNames(): Promise<ReadonlyMap<string, string>> {
  accounts ??= (async () => {
    const names = new Map<string, string>();
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const body: { nextCursor?: string | null } = await api('GET', `/api/accounts?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const a of listOf<{ id: string; name?: string }>(body, 'accounts')) if (a.name) names.set(a.id, a.name);
      cursor = body.nextCursor ?? null;
      if (!cursor) break;
    }
    return names;
  })().catch(() => new Map());
  return accounts;
}

/** "Aperture Inc. (A000001)", or the id alone when the name is unknown. */
export function accountLabel(names: ReadonlyMap<string, string>, id: string): string {
  const name = names.get(id);
  return name ? `${name} (${id})` : id;
}
