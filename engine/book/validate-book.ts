// Validates an order book received as JSON (DESIGN §2) and returns the typed
// book or every problem with its JSON path (`orderProducts[3].unitPrice`).
// Never throws: bad input is data, not an exception. Errors are capped at
// MAX_ERRORS so a wholly wrong file still gives a readable answer.
import { IANAZone } from 'luxon';
import { isIsoDate } from '../../dsl/dates/iso-date.js';
import type {
  Account,
  Attributes,
  BillingFrequency,
  Contract,
  InvoicedPeriod,
  Order,
  OrderBook,
  OrderProduct,
} from './book-types.js';

export interface BookError {
  readonly path: string;
  readonly message: string;
}

export type ParseBookResult =
  | { readonly ok: true; readonly book: OrderBook }
  | { readonly ok: false; readonly errors: readonly BookError[] };

export const MAX_ERRORS = 100;

const ORDER_TYPES = ['new', 'amendment', 'renewal'] as const;
const ORDER_STATUSES = ['draft', 'activated'] as const;
const CHARGE_TYPES = ['one-time', 'recurring'] as const;
const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
const BILLING_TYPES = ['advance', 'arrears'] as const;

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURRENCY_RE = /^[A-Z]{3}$/;

type Json = Record<string, unknown>;

class Collector {
  readonly errors: BookError[] = [];
  add(path: string, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ path, message });
  }
  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }
}

export function isDecimalString(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL_RE.test(text);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Field readers: each reports its own error and returns a fallback value. */
class Fields {
  private readonly seen = new Set<string>();
  constructor(
    private readonly obj: Json,
    private readonly base: string,
    private readonly c: Collector,
  ) {}

  private path(key: string): string {
    return `${this.base}.${key}`;
  }

  /** Marks a key as known without reading it (an optional field that was absent or null). */
  markKnown(key: string): void {
    this.seen.add(key);
  }

  private get(key: string): unknown {
    this.seen.add(key);
    return this.obj[key];
  }

  string(key: string, opts: { nullable?: boolean; nonEmpty?: boolean } = {}): string | null {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (opts.nullable) return null;
      this.c.add(this.path(key), v === undefined ? 'is required' : 'must be a string, not null');
      return null;
    }
    if (typeof v !== 'string') {
      this.c.add(this.path(key), `must be a string, got ${describe(v)}`);
      return null;
    }
    if (opts.nonEmpty && v.trim() === '') {
      this.c.add(this.path(key), 'must not be empty');
      return null;
    }
    return v;
  }

  decimal(key: string): string | null {
    const v = this.get(key);
    if (v === undefined) {
      this.c.add(this.path(key), 'is required');
      return null;
    }
    if (typeof v === 'number') {
      this.c.add(this.path(key), `must be a decimal string like "100.00", not the JSON number ${v}`);
      return null;
    }
    if (!isDecimalString(v)) {
      this.c.add(this.path(key), `must be a decimal string like "100.00", got ${describe(v)}`);
      return null;
    }
    return v;
  }

  date(key: string, opts: { nullable?: boolean } = {}): string | null {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (opts.nullable) return null;
      this.c.add(this.path(key), v === undefined ? 'is required' : 'must be a date YYYY-MM-DD, not null');
      return null;
    }
    if (typeof v !== 'string' || !DATE_RE.test(v)) {
      this.c.add(this.path(key), `must be a date YYYY-MM-DD, got ${describe(v)}`);
      return null;
    }
    if (!isIsoDate(v)) {
      this.c.add(this.path(key), `${v} is not a calendar date`);
      return null;
    }
    return v;
  }

  enumOf<T extends string>(key: string, values: readonly T[], opts: { nullable?: boolean } = {}): T | null {
    const v = this.get(key);
    if (v === undefined || v === null) {
      if (opts.nullable) return null;
      this.c.add(this.path(key), `is required (one of ${values.join(', ')})`);
      return null;
    }
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.c.add(this.path(key), `must be one of ${values.join(', ')}, got ${describe(v)}`);
      return null;
    }
    return v as T;
  }

  billingDay(key: string): number | null {
    const v = this.get(key);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 31) {
      this.c.add(this.path(key), `must be a whole number 1–31 or null, got ${describe(v)}`);
      return null;
    }
    return v;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.get(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      this.c.add(this.path(key), `must be true or false, got ${describe(v)}`);
      return fallback;
    }
    return v;
  }

  attributes(key = 'attributes'): Attributes {
    const v = this.get(key);
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.c.add(this.path(key), `must be an object of custom fields, got ${describe(v)}`);
      return {};
    }
    const out: Record<string, string | number | boolean | null> = {};
    for (const [k, val] of Object.entries(v as Json)) {
      if (val === null || typeof val === 'string' || typeof val === 'boolean') out[k] = val;
      else if (typeof val === 'number' && Number.isFinite(val)) out[k] = val;
      else this.c.add(`${this.path(key)}.${k}`, `must be a string, number, boolean or null, got ${describe(val)}`);
    }
    return out;
  }

  /** Reports keys the contract does not know (typos such as `billingDayOfMoth`). */
  unknownKeys(): void {
    for (const k of Object.keys(this.obj)) {
      if (!this.seen.has(k) && !k.startsWith('$')) this.c.add(this.path(k), 'is not a known field');
    }
  }
}

function asArray(root: Json, key: string, c: Collector, optional: boolean): unknown[] {
  const v = root[key];
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) {
    c.add(key, v === undefined ? 'is required (an array)' : `must be an array, got ${describe(v)}`);
    return [];
  }
  return v;
}

function eachObject(items: unknown[], key: string, c: Collector, fn: (f: Fields, obj: Json, path: string) => void): void {
  items.forEach((item, i) => {
    const path = `${key}[${i}]`;
    if (c.full) return;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      c.add(path, `must be an object, got ${describe(item)}`);
      return;
    }
    const f = new Fields(item as Json, path, c);
    fn(f, item as Json, path);
    f.unknownKeys();
  });
}

/** Registers ids and reports duplicates; returns id -> index. */
function uniqueIds<T extends { id: string }>(list: { value: T; path: string }[], c: Collector): Map<string, { value: T; path: string }> {
  const map = new Map<string, { value: T; path: string }>();
  for (const entry of list) {
    const prev = map.get(entry.value.id);
    if (prev) c.add(`${entry.path}.id`, `duplicate id ${JSON.stringify(entry.value.id)} (first at ${prev.path})`);
    else map.set(entry.value.id, entry);
  }
  return map;
}

export function parseOrderBook(json: unknown): ParseBookResult {
  const c = new Collector();
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: [{ path: '$', message: `the order book must be a JSON object, got ${describe(json)}` }] };
  }
  const root = json as Json;
  for (const k of Object.keys(root)) {
    if (!['accounts', 'contracts', 'orders', 'orderProducts', 'invoiced'].includes(k) && !k.startsWith('$')) {
      c.add(k, 'is not a known field (expected accounts, contracts, orders, orderProducts, invoiced)');
    }
  }

  const accounts: { value: Account; path: string }[] = [];
  eachObject(asArray(root, 'accounts', c, false), 'accounts', c, (f, _o, path) => {
    const id = f.string('id', { nonEmpty: true });
    const name = f.string('name');
    const currency = f.string('currency');
    if (currency !== null && !CURRENCY_RE.test(currency)) {
      c.add(`${path}.currency`, `must be a 3-letter ISO 4217 code like "EUR", got ${describe(currency)}`);
    }
    const timezone = f.string('timezone');
    if (timezone !== null && !IANAZone.isValidZone(timezone)) {
      c.add(`${path}.timezone`, `${JSON.stringify(timezone)} is not an IANA time zone (like "Europe/Berlin")`);
    }
    const billingDayOfMonth = f.billingDay('billingDayOfMonth');
    const attributes = f.attributes();
    if (id !== null) {
      accounts.push({
        path,
        value: { id, name: name ?? '', currency: currency ?? '', timezone: timezone ?? 'UTC', billingDayOfMonth, attributes },
      });
    }
  });
  const accountById = uniqueIds(accounts, c);

  const contracts: { value: Contract; path: string }[] = [];
  eachObject(asArray(root, 'contracts', c, false), 'contracts', c, (f, _o, path) => {
    const id = f.string('id', { nonEmpty: true });
    const accountId = f.string('accountId');
    const startDate = f.date('startDate');
    const endDate = f.date('endDate', { nullable: true });
    if (accountId !== null && !accountById.has(accountId)) c.add(`${path}.accountId`, `unknown account ${JSON.stringify(accountId)}`);
    if (startDate && endDate && endDate < startDate) c.add(`${path}.endDate`, `${endDate} is before startDate ${startDate}`);
    if (id !== null) contracts.push({ path, value: { id, accountId: accountId ?? '', startDate: startDate ?? '', endDate } });
  });
  const contractById = uniqueIds(contracts, c);

  const orders: { value: Order; path: string }[] = [];
  eachObject(asArray(root, 'orders', c, false), 'orders', c, (f, _o, path) => {
    const id = f.string('id', { nonEmpty: true });
    const accountId = f.string('accountId');
    const contractId = f.string('contractId', { nullable: true });
    const type = f.enumOf('type', ORDER_TYPES);
    const status = f.enumOf('status', ORDER_STATUSES);
    const activatedDate = f.date('activatedDate', { nullable: true });
    const poNumber = f.string('poNumber', { nullable: true });
    const attributes = f.attributes();
    if (accountId !== null && !accountById.has(accountId)) c.add(`${path}.accountId`, `unknown account ${JSON.stringify(accountId)}`);
    if (contractId !== null) {
      const contract = contractById.get(contractId);
      if (!contract) c.add(`${path}.contractId`, `unknown contract ${JSON.stringify(contractId)}`);
      else if (accountId !== null && contract.value.accountId !== accountId) {
        c.add(`${path}.contractId`, `contract ${JSON.stringify(contractId)} belongs to account ${JSON.stringify(contract.value.accountId)}, not ${JSON.stringify(accountId)}`);
      }
    }
    if (id !== null) {
      orders.push({
        path,
        value: { id, accountId: accountId ?? '', contractId, type: type ?? 'new', status: status ?? 'draft', activatedDate, poNumber, attributes },
      });
    }
  });
  const orderById = uniqueIds(orders, c);

  const products: { value: OrderProduct; path: string }[] = [];
  eachObject(asArray(root, 'orderProducts', c, false), 'orderProducts', c, (f, _o, path) => {
    const id = f.string('id', { nonEmpty: true });
    const orderId = f.string('orderId');
    const productCode = f.string('productCode', { nonEmpty: true });
    const productName = f.string('productName');
    const chargeType = f.enumOf('chargeType', CHARGE_TYPES);
    const billingFrequency = f.enumOf<BillingFrequency>('billingFrequency', FREQUENCIES, { nullable: true });
    const billingType = f.enumOf('billingType', BILLING_TYPES);
    const quantity = f.decimal('quantity');
    const unitPrice = f.decimal('unitPrice');
    const startDate = f.date('startDate');
    const endDate = f.date('endDate', { nullable: true });
    const billingDayOfMonth = f.billingDay('billingDayOfMonth');
    const amends = f.string('amends', { nullable: true });
    const holdBilling = f.boolean('holdBilling', false);
    const attributes = f.attributes();
    if (orderId !== null && !orderById.has(orderId)) c.add(`${path}.orderId`, `unknown order ${JSON.stringify(orderId)}`);
    if (chargeType === 'recurring' && billingFrequency === null && _o.billingFrequency == null) {
      c.add(`${path}.billingFrequency`, 'a recurring line needs a billing frequency (monthly, quarterly, semiannual or annual)');
    }
    if (startDate && endDate && endDate < startDate) c.add(`${path}.endDate`, `${endDate} is before startDate ${startDate}`);
    if (id !== null) {
      products.push({
        path,
        value: {
          id,
          orderId: orderId ?? '',
          productCode: productCode ?? '',
          productName: productName ?? '',
          chargeType: chargeType ?? 'recurring',
          billingFrequency,
          billingType: billingType ?? 'advance',
          quantity: quantity ?? '0',
          unitPrice: unitPrice ?? '0',
          startDate: startDate ?? '',
          endDate,
          billingDayOfMonth,
          amends,
          holdBilling,
          attributes,
        },
      });
    }
  });
  const productById = uniqueIds(products, c);

  // amends -> an order product of the same account (checked once all ids are known)
  const accountOf = (p: OrderProduct): string | undefined => orderById.get(p.orderId)?.value.accountId;
  for (const { value: p, path } of products) {
    if (p.amends === null) continue;
    const target = productById.get(p.amends);
    if (!target) c.add(`${path}.amends`, `unknown order product ${JSON.stringify(p.amends)}`);
    else if (p.amends === p.id) c.add(`${path}.amends`, 'an order product cannot amend itself');
    else if (accountOf(p) !== undefined && accountOf(target.value) !== undefined && accountOf(p) !== accountOf(target.value)) {
      c.add(`${path}.amends`, `order product ${JSON.stringify(p.amends)} belongs to another account (${accountOf(target.value)})`);
    }
  }

  const invoiced: InvoicedPeriod[] = [];
  eachObject(asArray(root, 'invoiced', c, true), 'invoiced', c, (f, _o, path) => {
    const orderProductId = f.string('orderProductId');
    const periodStart = f.date('periodStart');
    const periodEnd = f.date('periodEnd', { nullable: true });
    const amount = _o.amount === undefined || _o.amount === null ? (f.markKnown('amount'), null) : f.decimal('amount');
    if (orderProductId !== null && !productById.has(orderProductId)) {
      c.add(`${path}.orderProductId`, `unknown order product ${JSON.stringify(orderProductId)}`);
    }
    if (periodStart !== null && periodEnd !== null && periodEnd < periodStart) {
      c.add(`${path}.periodEnd`, `${periodEnd} is before periodStart ${periodStart}`);
    }
    if (orderProductId !== null && periodStart !== null) {
      invoiced.push({ orderProductId, periodStart, ...(periodEnd !== null ? { periodEnd } : {}), ...(amount !== null ? { amount } : {}) });
    }
  });

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    book: {
      accounts: accounts.map((a) => a.value),
      contracts: contracts.map((x) => x.value),
      orders: orders.map((x) => x.value),
      orderProducts: products.map((x) => x.value),
      invoiced,
    },
  };
}

/** `path: message` lines, as the CLI and the API print them. */
export function formatBookErrors(errors: readonly BookError[]): string {
  const lines = errors.map((e) => `${e.path}: ${e.message}`);
  if (errors.length >= MAX_ERRORS) lines.push(`(stopped after ${MAX_ERRORS} errors)`);
  return lines.join('\n') + '\n';
}
