// Names for the ids the service answers with: accounts fetched once per page
// load, page by page, so every screen shows "Aperture Inc. (A000001)"; an
// impact answer names its own order products and accounts (`ImpactNames`).
import { api, listOf } from './api-client.js';
import type { ImpactNames } from './api-types.js';

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

/** An own entry of a record the service sent (never an inherited one such as `constructor`). */
function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The account names an impact answer gave, as the map `accountLabel` reads. */
export function impactAccountNames(names: ImpactNames): ReadonlyMap<string, string> {
  return new Map(Object.entries(names.accounts));
}

/** "Gold support (SUP-GOLD)" for an order product an impact named, or undefined. */
export function productText(names: ImpactNames, orderProductId: string): string | undefined {
  const p = own(names.orderProducts, orderProductId);
  return p ? `${p.productName} (${p.productCode})` : undefined;
}

/** "Gold support (SUP-GOLD), Acme GmbH": the product and its account, or undefined when unnamed. */
export function productAndAccountText(names: ImpactNames, orderProductId: string): string | undefined {
  const p = own(names.orderProducts, orderProductId);
  if (!p) return undefined;
  const account = own(names.accounts, p.accountId);
  return `${p.productName} (${p.productCode}), ${account ?? p.accountId}`;
}
