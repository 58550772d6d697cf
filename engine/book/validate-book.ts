// Validates an order book received as JSON (DESIGN §2) and returns the typed
// book or every problem with its JSON path (`orderProducts[3].unitPrice`).
// Never throws: bad input is data, not an exception. Errors are capped at
// MAX_ERRORS so a wholly wrong file still gives a readable answer.
import { IANAZone } from 'luxon';
import { isIsoDate } from '../../dsl/dates/iso-date.js';
import { SeenIds } from './seen-ids.js';
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


/**
 * The book's rules, one row at a time: a caller feeds accounts, then contracts,
 * orders, order products and invoiced entries (in that order, as references
 * point backwards), then calls finish() for the checks that need every order
 * product (amends may point forward). Keeps ids and paths, not rows, so a
 * streamed book (CSV) is validated without holding it. parseOrderBook is this
 * over one JSON document.
 */
export interface BookValidatorOptions {
  /**
   * false: only each row's own fields are checked; ids are not kept, so
   * duplicates and references (accounts, contracts, orders, amends, invoiced)
   * are the caller's to check (the CSV import does it in SQL over its staged
   * rows, so memory does not grow with the book). Default true.
   */
  readonly references?: boolean;
}

export class BookValidator {
  private readonly c = new Collector();
  private readonly refs: boolean;
  private readonly accounts = new SeenIds();
  private readonly contracts = new SeenIds();
  private readonly orders = new SeenIds();
  private readonly products = new SeenIds();
  private readonly amendments: { id: string; amends: string; path: string }[] = [];
  /** Zone names already looked up (luxon's check is slow and books repeat a few zones). */
  private readonly zones = new Map<string, boolean>();

  constructor(options: BookValidatorOptions = {}) {
    this.refs = options.references ?? true;
  }

  private isZone(name: string): boolean {
    let ok = this.zones.get(name);
    if (ok === undefined) {
      ok = IANAZone.isValidZone(name);
      if (this.zones.size < 1000) this.zones.set(name, ok);
    }
    return ok;
  }

  get errors(): readonly BookError[] {
    return this.c.errors;
  }

  /** True once MAX_ERRORS were collected: further rows are not worth reading. */
  get full(): boolean {
    return this.c.full;
  }

  /** A problem found outside the row rules (a file, a header), kept with the rest. */
  addError(path: string, message: string): void {
    this.c.add(path, message);
  }

  private fields(item: unknown, path: string): Fields | null {
    if (this.c.full) return null;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      this.c.add(path, `must be an object, got ${describe(item)}`);
      return null;
    }
    return new Fields(item as Json, path, this.c);
  }

  private register(seen: SeenIds, id: string, path: string, accountId: string | undefined): void {
    if (!this.refs) return;
    const prev = seen.get(id);
    if (prev) this.c.add(`${path}.id`, `duplicate id ${JSON.stringify(id)} (first at ${prev.path})`);
    else seen.add(id, path, accountId);
  }

  account(item: unknown, path: string): Account | null {
    const f = this.fields(item, path);
    if (!f) return null;
    const c = this.c;
    const id = f.string('id', { nonEmpty: true });
    const name = f.string('name');
    const currency = f.string('currency');
    if (currency !== null && !CURRENCY_RE.test(currency)) {
      c.add(`${path}.currency`, `must be a 3-letter ISO 4217 code like "EUR", got ${describe(currency)}`);
    }
    const timezone = f.string('timezone');
    if (timezone !== null && !this.isZone(timezone)) {
      c.add(`${path}.timezone`, `${JSON.stringify(timezone)} is not an IANA time zone (like "Europe/Berlin")`);
    }
    const billingDayOfMonth = f.billingDay('billingDayOfMonth');
    const attributes = f.attributes();
    f.unknownKeys();
    if (id === null) return null;
    this.register(this.accounts, id, path, id);
    return { id, name: name ?? '', currency: currency ?? '', timezone: timezone ?? 'UTC', billingDayOfMonth, attributes };
  }

  contract(item: unknown, path: string): Contract | null {
    const f = this.fields(item, path);
    if (!f) return null;
    const c = this.c;
    const id = f.string('id', { nonEmpty: true });
    const accountId = f.string('accountId');
    const startDate = f.date('startDate');
    const endDate = f.date('endDate', { nullable: true });
    if (this.refs && accountId !== null && !this.accounts.has(accountId)) c.add(`${path}.accountId`, `unknown account ${JSON.stringify(accountId)}`);
    if (startDate && endDate && endDate < startDate) c.add(`${path}.endDate`, `${endDate} is before startDate ${startDate}`);
    f.unknownKeys();
    if (id === null) return null;
    this.register(this.contracts, id, path, accountId ?? undefined);
    return { id, accountId: accountId ?? '', startDate: startDate ?? '', endDate };
  }

  order(item: unknown, path: string): Order | null {
    const f = this.fields(item, path);
    if (!f) return null;
    const c = this.c;
    const id = f.string('id', { nonEmpty: true });
    const accountId = f.string('accountId');
    const contractId = f.string('contractId', { nullable: true });
    const type = f.enumOf('type', ORDER_TYPES);
    const status = f.enumOf('status', ORDER_STATUSES);
    const activatedDate = f.date('activatedDate', { nullable: true });
    const poNumber = f.string('poNumber', { nullable: true });
    const attributes = f.attributes();
    if (this.refs && accountId !== null && !this.accounts.has(accountId)) c.add(`${path}.accountId`, `unknown account ${JSON.stringify(accountId)}`);
    if (this.refs && contractId !== null) {
      if (!this.contracts.has(contractId)) c.add(`${path}.contractId`, `unknown contract ${JSON.stringify(contractId)}`);
      else {
        const contractAccount = this.contracts.accountOf(contractId);
        if (accountId !== null && contractAccount !== accountId) {
          c.add(`${path}.contractId`, `contract ${JSON.stringify(contractId)} belongs to account ${JSON.stringify(contractAccount)}, not ${JSON.stringify(accountId)}`);
        }
      }
    }
    f.unknownKeys();
    if (id === null) return null;
    this.register(this.orders, id, path, accountId ?? undefined);
    return { id, accountId: accountId ?? '', contractId, type: type ?? 'new', status: status ?? 'draft', activatedDate, poNumber, attributes };
  }

  orderProduct(item: unknown, path: string): OrderProduct | null {
    const f = this.fields(item, path);
    if (!f) return null;
    const c = this.c;
    const raw = item as Json;
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
    const orderKnown = orderId !== null && this.orders.has(orderId);
    if (this.refs && orderId !== null && !orderKnown) c.add(`${path}.orderId`, `unknown order ${JSON.stringify(orderId)}`);
    if (chargeType === 'recurring' && billingFrequency === null && raw.billingFrequency == null) {
      c.add(`${path}.billingFrequency`, 'a recurring line needs a billing frequency (monthly, quarterly, semiannual or annual)');
    }
    if (startDate && endDate && endDate < startDate) c.add(`${path}.endDate`, `${endDate} is before startDate ${startDate}`);
    f.unknownKeys();
    if (id === null) return null;
    this.register(this.products, id, path, orderKnown ? this.orders.accountOf(orderId) : undefined);
    if (this.refs && amends !== null) this.amendments.push({ id, amends, path });
    return {
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
    };
  }

  invoiced(item: unknown, path: string): InvoicedPeriod | null {
    const f = this.fields(item, path);
    if (!f) return null;
    const orderProductId = f.string('orderProductId');
    const periodStart = f.date('periodStart');
    const raw = item as Json;
    const periodEnd = f.date('periodEnd', { nullable: true });
    const amount = raw.amount === undefined || raw.amount === null ? (f.markKnown('amount'), null) : f.decimal('amount');
    if (this.refs && orderProductId !== null && !this.products.has(orderProductId)) {
      this.c.add(`${path}.orderProductId`, `unknown order product ${JSON.stringify(orderProductId)}`);
    }
    if (periodStart !== null && periodEnd !== null && periodEnd < periodStart) {
      this.c.add(`${path}.periodEnd`, `${periodEnd} is before periodStart ${periodStart}`);
    }
    f.unknownKeys();
    if (orderProductId === null || periodStart === null) return null;
    return { orderProductId, periodStart, ...(periodEnd !== null ? { periodEnd } : {}), ...(amount !== null ? { amount } : {}) };
  }

  /** amends -> an order product of the same account (checked once all ids are known). */
  finish(): readonly BookError[] {
    const c = this.c;
    for (const { id, amends, path } of this.amendments) {
      const target = this.products.has(amends) ? { accountId: this.products.accountOf(amends) } : undefined;
      if (!target) c.add(`${path}.amends`, `unknown order product ${JSON.stringify(amends)}`);
      else if (amends === id) c.add(`${path}.amends`, 'an order product cannot amend itself');
      else {
        const mine = this.products.get(id)?.path === path ? this.products.get(id)?.accountId : undefined;
        if (mine !== undefined && target.accountId !== undefined && mine !== target.accountId) {
          c.add(`${path}.amends`, `order product ${JSON.stringify(amends)} belongs to another account (${target.accountId})`);
        }
      }
    }
    this.amendments.length = 0;
    return c.errors;
  }
}

export function parseOrderBook(json: unknown): ParseBookResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: [{ path: '$', message: `the order book must be a JSON object, got ${describe(json)}` }] };
  }
  const v = new BookValidator();
  const root = json as Json;
  for (const k of Object.keys(root)) {
    if (!['accounts', 'contracts', 'orders', 'orderProducts', 'invoiced'].includes(k) && !k.startsWith('$')) {
      v.addError(k, 'is not a known field (expected accounts, contracts, orders, orderProducts, invoiced)');
    }
  }
  const c = new Collector();
  const each = <T>(key: string, optional: boolean, read: (item: unknown, path: string) => T | null): T[] => {
    const items = asArray(root, key, c, optional);
    for (const e of c.errors.splice(0)) v.addError(e.path, e.message);
    const out: T[] = [];
    items.forEach((item, i) => {
      const value = read(item, `${key}[${i}]`);
      if (value !== null) out.push(value);
    });
    return out;
  };
  const accounts = each('accounts', false, (x, p) => v.account(x, p));
  const contracts = each('contracts', false, (x, p) => v.contract(x, p));
  const orders = each('orders', false, (x, p) => v.order(x, p));
  const orderProducts = each('orderProducts', false, (x, p) => v.orderProduct(x, p));
  const invoiced = each('invoiced', true, (x, p) => v.invoiced(x, p));
  const errors = v.finish();
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, book: { accounts, contracts, orders, orderProducts, invoiced } };
}

/** `path: message` lines, as the CLI and the API print them. */
export function formatBookErrors(errors: readonly BookError[]): string {
  const lines = errors.map((e) => `${e.path}: ${e.message}`);
  if (errors.length >= MAX_ERRORS) lines.push(`(stopped after ${MAX_ERRORS} errors)`);
  return lines.join('\n') + '\n';
}
