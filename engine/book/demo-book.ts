// A deterministic, realistic demo order book: the service seeds it, the CLI
// tutorial simulates it, the benchmarks scale it to a million lines.
// Same options -> same book, byte for byte (seeded PRNG, no clock, no Math.random).
//
// Shape: about one account per 5–10 order products; EUR/USD/GBP/JPY accounts in
// EMEA/NA/APAC with segments smb/enterprise/strategic; new, amendment and
// renewal orders (some drafts, some without a PO number); monthly, quarterly,
// semiannual and annual lines billed in advance or arrears; one-time setup fees;
// mid-month starts; up- and downgrade amendments; a few lines on hold; and an
// `invoiced` history (coverage and amount billed) for lines already running
// before the book's start date.
import type {
  Account,
  BillingFrequency,
  Contract,
  InvoicedPeriod,
  Order,
  OrderBook,
  OrderProduct,
} from './book-types.js';
import { Dec } from '../money/decimal.js';
import { minorUnits } from '../money/rounding.js';

export interface DemoBookOptions {
  /** How many order products to generate (exactly). */
  readonly orderProducts: number;
  readonly seed: number;
  /** The book's "today": lines start up to a year before and a quarter after it;
   * periods billed before it are listed as invoiced. Default 2026-01-01. */
  readonly start?: string;
}

/** One account with everything that belongs to it: a streamable unit. */
export interface DemoBookChunk {
  readonly accounts: Account[];
  readonly contracts: Contract[];
  readonly orders: Order[];
  readonly orderProducts: OrderProduct[];
  readonly invoiced: InvoicedPeriod[];
}

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = [
  { region: 'EMEA', currencies: ['EUR', 'EUR', 'GBP'], zones: ['Europe/Berlin', 'Europe/Paris', 'Europe/London', 'Europe/Madrid'] },
  { region: 'NA', currencies: ['USD'], zones: ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Toronto'] },
  { region: 'APAC', currencies: ['JPY', 'USD'], zones: ['Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney'] },
] as const;

const NAME_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay', 'Wonka', 'Aperture', 'Oscorp', 'Nakatomi', 'Gringotts', 'Monarch', 'Pied Piper', 'Dunder', 'Sterling'];
const NAME_B: Record<string, string[]> = {
  EMEA: ['GmbH', 'AG', 'SARL', 'Ltd', 'S.L.', 'B.V.'],
  NA: ['Inc.', 'LLC', 'Corp.'],
  APAC: ['K.K.', 'Pte. Ltd.', 'Pty Ltd'],
};

interface ProductDef {
  readonly code: string;
  readonly name: string;
  /** Price per unit per month in EUR/USD/GBP; JPY gets x150 without decimals. */
  readonly monthly: number;
  readonly seats: boolean;
}

const PRODUCTS: readonly ProductDef[] = [
  { code: 'SUP-GOLD', name: 'Gold support', monthly: 100, seats: false },
  { code: 'SUP-SILVER', name: 'Silver support', monthly: 45, seats: false },
  { code: 'LIC-PRO', name: 'Pro licence', monthly: 39.5, seats: true },
  { code: 'LIC-ENT', name: 'Enterprise licence', monthly: 89.99, seats: true },
  { code: 'HOST-STD', name: 'Standard hosting', monthly: 250, seats: false },
  { code: 'HOST-XL', name: 'XL hosting', monthly: 1200, seats: false },
  { code: 'ANL-ADDON', name: 'Analytics add-on', monthly: 19.99, seats: true },
];
const SETUP = { code: 'SETUP-FEE', name: 'Onboarding and setup', price: 1500 };
const CHANNELS = ['direct', 'direct', 'partner', 'online'];
const COST_CENTERS = ['CC-100', 'CC-200', 'CC-310', 'CC-420'];
const FREQ_MONTHS: Record<BillingFrequency, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };

// ------------------------------------------------------------- small date help
// (plain calendar arithmetic for generating data; billing semantics live in engine/calendar)
function parts(d: string): [number, number, number] {
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}
function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
/** First of the month `n` months after the month of `d`, then day `day` (clamped). */
function monthPlus(d: string, n: number, day: number): string {
  const [y, m] = parts(d);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return fmt(ny, nm, Math.min(day, lastDay(ny, nm)));
}
function dayBefore(d: string): string {
  const [y, m, day] = parts(d);
  const t = new Date(Date.UTC(y, m - 1, day - 1));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** quantity x unitPrice in the currency's minor unit: what a full period billed. */
function billed(line: OrderProduct, currency: string): string {
  return new Dec(line.quantity).mul(line.unitPrice).toFixed(minorUnits(currency));
}

function money(amount: number, currency: string): string {
  if (currency === 'JPY') return String(Math.round(amount * 150));
  return amount.toFixed(2);
}

/** Streams the book account by account; each chunk is self-contained (its
 * amendments amend lines of the same chunk). Ids are stable: A000001, O..., OP.... */
export function* iterateDemoBook(opts: DemoBookOptions): Generator<DemoBookChunk> {
  const rnd = seededRandom(opts.seed);
  const start = opts.start ?? '2026-01-01';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number): boolean => rnd() < p;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

  let remaining = opts.orderProducts;
  let accountNo = 0;
  let orderNo = 0;
  let lineNo = 0;
  const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(6, '0')}`;

  while (remaining > 0) {
    accountNo++;
    const region = pick(REGIONS);
    const currency = pick(region.currencies);
    const segment = pick(['smb', 'smb', 'smb', 'enterprise', 'enterprise', 'strategic'] as const);
    const account: Account = {
      id: id('A', accountNo),
      name: `${pick(NAME_A)} ${pick(NAME_B[region.region])}${accountNo > NAME_A.length ? ` ${accountNo}` : ''}`,
      currency,
      timezone: pick(region.zones),
      billingDayOfMonth: segment === 'smb' && chance(0.15) ? pick([1, 15, 28, 31]) : null,
      attributes: {
        region: region.region,
        segment,
        // a quarter of the accounts had a credit review; the others carry no creditStatus
        ...(chance(0.25) ? { creditStatus: pick(['good', 'good', 'watch', 'blocked']) } : {}),
      },
    };
    const chunk: DemoBookChunk = { accounts: [account], contracts: [], orders: [], orderProducts: [], invoiced: [] };

    // The contract starts up to 12 months before the book's start or up to 3 after
    // (a fifth of them up to two years before, so their first term has been renewed).
    const offset = chance(0.2) ? int(-24, -13) : int(-12, 3);
    const midMonth = chance(0.3);
    const cStart = monthPlus(start, offset, midMonth ? int(2, 28) : 1);
    const termYears = pick([1, 1, 2, 3]);
    const evergreen = chance(0.2);
    const cEnd = evergreen ? null : dayBefore(monthPlus(cStart, termYears * 12, parts(cStart)[2]));
    const contract: Contract = { id: `C${account.id.slice(1)}`, accountId: account.id, startDate: cStart, endDate: cEnd };
    chunk.contracts.push(contract);

    const budget = Math.min(remaining, int(5, 10));
    const lines: OrderProduct[] = [];
    const newOrder = makeOrder('new', cStart);

    function makeOrder(type: Order['type'], activated: string): Order {
      orderNo++;
      const draft = chance(type === 'new' ? 0.05 : 0.12);
      const order: Order = {
        id: id('O', orderNo),
        accountId: account.id,
        contractId: contract.id,
        type,
        status: draft ? 'draft' : 'activated',
        activatedDate: draft ? null : dayBefore(activated),
        poNumber: chance(region.region === 'EMEA' ? 0.75 : 0.5) ? `PO-${int(10000, 99999)}` : null,
        attributes: { channel: pick(CHANNELS) },
      };
      chunk.orders.push(order);
      return order;
    }

    function addLine(order: Order, p: Partial<OrderProduct> & Pick<OrderProduct, 'startDate'>): OrderProduct {
      lineNo++;
      const product = pick(PRODUCTS);
      const frequency: BillingFrequency = pick(['monthly', 'monthly', 'monthly', 'quarterly', 'quarterly', 'semiannual', 'annual']);
      const line: OrderProduct = {
        id: id('OP', lineNo),
        orderId: order.id,
        productCode: product.code,
        productName: product.name,
        chargeType: 'recurring',
        billingFrequency: frequency,
        billingType: chance(0.8) ? 'advance' : 'arrears',
        quantity: String(product.seats ? int(5, 200) : int(1, 3)),
        unitPrice: money(product.monthly * FREQ_MONTHS[frequency], currency),
        endDate: cEnd,
        billingDayOfMonth: chance(0.08) ? pick([1, 15, 31]) : null,
        amends: null,
        holdBilling: chance(0.03),
        attributes: {
          costCenter: pick(COST_CENTERS),
          ...(product.seats ? { seats: String(int(5, 500)) } : {}),
        },
        ...p,
      };
      // unit price is per full period of the line's own frequency
      if (p.billingFrequency && !p.unitPrice) {
        (line as { unitPrice: string }).unitPrice = money(product.monthly * FREQ_MONTHS[p.billingFrequency], currency);
      }
      lines.push(line);
      return line;
    }

    // Setup fee on roughly a third of new contracts.
    let used = 0;
    if (budget - used > 1 && chance(0.35)) {
      addLine(newOrder, {
        productCode: SETUP.code,
        productName: SETUP.name,
        chargeType: 'one-time',
        billingFrequency: null,
        billingType: 'advance',
        quantity: '1',
        unitPrice: money(SETUP.price, currency),
        startDate: cStart,
        endDate: null,
        holdBilling: false,
        attributes: { costCenter: pick(COST_CENTERS) },
      });
      used++;
    }
    const baseCount = Math.max(1, Math.min(budget - used, int(2, 5)));
    const base: OrderProduct[] = [];
    for (let i = 0; i < baseCount; i++) base.push(addLine(newOrder, { startDate: cStart }));
    used += baseCount;

    // Amendments: up- and downgrades of base lines, effective mid-term.
    while (used < budget && chance(0.6)) {
      const target = pick(base);
      const eff = monthPlus(target.startDate, int(1, 10), int(1, 28));
      if (target.endDate && eff > target.endDate) break;
      const order = makeOrder('amendment', eff);
      const qty = Number(target.quantity);
      const delta = chance(0.7) ? int(1, Math.max(1, Math.ceil(qty / 2))) : -int(1, Math.max(1, qty - 1));
      addLine(order, {
        productCode: target.productCode,
        productName: target.productName,
        billingFrequency: target.billingFrequency,
        billingType: target.billingType,
        unitPrice: target.unitPrice,
        quantity: String(delta),
        startDate: eff,
        endDate: target.endDate,
        amends: target.id,
        billingDayOfMonth: null,
        holdBilling: false,
      });
      used++;
    }
    // Renewals of finished terms.
    if (used < budget && cEnd && cEnd < start) {
      const renewStart = nextDay(cEnd);
      const order = makeOrder('renewal', renewStart);
      while (used < budget) {
        const t = pick(base);
        addLine(order, {
          productCode: t.productCode,
          productName: t.productName,
          billingFrequency: t.billingFrequency,
          billingType: t.billingType,
          unitPrice: t.unitPrice,
          quantity: t.quantity,
          startDate: renewStart,
          endDate: dayBefore(monthPlus(renewStart, 12, parts(renewStart)[2])),
        });
        used++;
      }
    }
    // Fill the account's budget with more new-order lines (other products).
    while (used < budget) {
      addLine(newOrder, { startDate: cStart });
      used++;
    }

    // Invoiced history: periods of lines starting on the 1st, billed before the book's start.
    for (const line of lines) {
      const order = chunk.orders.find((o) => o.id === line.orderId)!;
      if (order.status !== 'activated' || line.holdBilling || line.billingDayOfMonth !== null || account.billingDayOfMonth !== null) continue;
      if (line.chargeType === 'one-time') {
        if (line.startDate < start) chunk.invoiced.push({ orderProductId: line.id, periodStart: line.startDate, periodEnd: line.startDate, amount: billed(line, account.currency) });
        continue;
      }
      if (parts(line.startDate)[2] !== 1 || !line.billingFrequency) continue;
      const months = FREQ_MONTHS[line.billingFrequency];
      for (let k = 0; ; k++) {
        const ps = monthPlus(line.startDate, k * months, 1);
        const pe = dayBefore(monthPlus(line.startDate, (k + 1) * months, 1));
        const due = line.billingType === 'advance' ? ps : nextDay(pe);
        if (due >= start || (line.endDate && ps > line.endDate)) break;
        // coverage as billed: a period cut short by the end date leaves its amount unknown (the planner estimates it)
        if (line.endDate && pe > line.endDate) chunk.invoiced.push({ orderProductId: line.id, periodStart: ps, periodEnd: line.endDate });
        else chunk.invoiced.push({ orderProductId: line.id, periodStart: ps, periodEnd: pe, amount: billed(line, account.currency) });
      }
    }

    chunk.orderProducts.push(...lines);
    remaining -= lines.length;
    yield chunk;
  }
}

function nextDay(d: string): string {
  const [y, m, day] = parts(d);
  const t = new Date(Date.UTC(y, m - 1, day + 1));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The whole book in memory (fine up to a few hundred thousand lines). */
export function generateDemoBook(opts: DemoBookOptions): OrderBook {
  const book = { accounts: [] as Account[], contracts: [] as Contract[], orders: [] as Order[], orderProducts: [] as OrderProduct[], invoiced: [] as InvoicedPeriod[] };
  for (const chunk of iterateDemoBook(opts)) {
    for (const x of chunk.accounts) book.accounts.push(x);
    for (const x of chunk.contracts) book.contracts.push(x);
    for (const x of chunk.orders) book.orders.push(x);
    for (const x of chunk.orderProducts) book.orderProducts.push(x);
    for (const x of chunk.invoiced) book.invoiced.push(x);
  }
  return book;
}
