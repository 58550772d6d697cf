// Built-in facts (DESIGN §4): the account, contract, order, order product
// (`line`), product, `today` and, in per-period evaluation, `billingDate`.
// Registered through the same PluginApi a plugin uses.
import type { Decimal } from 'decimal.js';
import { decimalOfNumber, decimalOfText } from '../decimal-values.js';
import type { DslType } from '../../../dsl/vocabulary/vocabulary-types.js';
import type { LineContext } from '../../results/index.js';
import type { FactDef, PluginApi, ProvisoPlugin } from '../plugin-api.js';
import type { Value } from '../runtime-values.js';

const STRING: DslType = { kind: 'string' };
const DECIMAL: DslType = { kind: 'decimal' };
const DATE: DslType = { kind: 'date' };
const enumOf = (name: string, values: readonly string[]): DslType => ({ kind: 'enum', name, values });

const dec = (n: number | null): Decimal | null => (n === null || n === undefined ? null : decimalOfNumber(n));

type Def = Omit<FactDef, 'get' | 'optional'> & { optional?: boolean; get(ctx: LineContext): Value };

export const BUILTIN_FACTS: readonly Def[] = [
  { path: 'account.id', type: STRING, doc: 'The account id.', examples: ['account.id = "A1"'], get: (c) => c.account.id },
  { path: 'account.name', type: STRING, doc: 'The account name.', examples: ['account.name starts with "Acme"'], get: (c) => c.account.name },
  { path: 'account.currency', type: STRING, doc: 'ISO 4217 currency code of the account (EUR, USD, JPY).', examples: ['account.currency = "EUR"'], get: (c) => c.account.currency },
  { path: 'account.timezone', type: STRING, doc: 'IANA time zone of the account; dates are calendar dates in this zone.', examples: ['account.timezone = "Europe/Berlin"'], get: (c) => c.account.timezone },
  { path: 'account.billingDayOfMonth', type: DECIMAL, optional: true, doc: 'The account\'s preferred billing day of month (1-31), when set.', examples: ['account.billingDayOfMonth is present'], get: (c) => dec(c.account.billingDayOfMonth) },

  { path: 'contract.id', type: STRING, optional: true, doc: 'The contract id; absent when the order has no contract.', examples: ['contract.id is present'], get: (c) => c.contract?.id ?? null },
  { path: 'contract.startDate', type: DATE, optional: true, doc: 'Start date of the contract; absent when the order has no contract.', examples: ['contract.startDate >= 2026-01-01'], get: (c) => c.contract?.startDate ?? null },
  { path: 'contract.endDate', type: DATE, optional: true, doc: 'Inclusive end date of the contract; absent for evergreen contracts or without a contract.', examples: ['contract.endDate is missing'], get: (c) => c.contract?.endDate ?? null },

  { path: 'order.id', type: STRING, doc: 'The order id.', examples: ['order.id = "O1"'], get: (c) => c.order.id },
  { path: 'order.type', type: enumOf('OrderType', ['new', 'amendment', 'renewal']), doc: 'Kind of order: new, amendment or renewal.', examples: ['order.type = "new"'], get: (c) => c.order.type },
  { path: 'order.status', type: enumOf('OrderStatus', ['draft', 'activated']), doc: 'Order status; only activated orders bill.', examples: ['order.status = "activated"'], get: (c) => c.order.status },
  { path: 'order.activatedDate', type: DATE, optional: true, doc: 'The date the order was activated, when it was.', examples: ['order.activatedDate < 2026-01-01'], get: (c) => c.order.activatedDate },
  { path: 'order.poNumber', type: STRING, optional: true, doc: 'Purchase order number, when the customer sent one.', examples: ['order.poNumber is present'], get: (c) => c.order.poNumber },

  { path: 'line.id', type: STRING, doc: 'The order product id.', examples: ['line.id = "OP1"'], get: (c) => c.line.id },
  { path: 'line.quantity', type: DECIMAL, doc: 'Quantity (for an amendment: the change, negative for a downgrade).', examples: ['line.quantity >= 100', 'line.quantity < 0'], get: (c) => decimalOfText(c.line.quantity) },
  { path: 'line.unitPrice', type: DECIMAL, doc: 'Price of one unit for one full billing period.', examples: ['line.unitPrice * line.quantity > 10000'], get: (c) => decimalOfText(c.line.unitPrice) },
  { path: 'line.startDate', type: DATE, doc: 'Start date of the order product (for an amendment: its effective date).', examples: ['line.startDate >= 2026-01-01'], get: (c) => c.line.startDate },
  { path: 'line.endDate', type: DATE, optional: true, doc: 'Inclusive end date; absent for evergreen lines.', examples: ['line.endDate is missing'], get: (c) => c.line.endDate },
  { path: 'line.billingFrequency', type: enumOf('BillingFrequency', ['monthly', 'quarterly', 'semiannual', 'annual']), optional: true, doc: 'Billing frequency of a recurring line; absent for one-time charges.', examples: ['line.billingFrequency = "annual"'], get: (c) => c.line.billingFrequency },
  { path: 'line.billingType', type: enumOf('BillingType', ['advance', 'arrears']), doc: 'advance bills on the period start, arrears the day after the period end.', examples: ['line.billingType = "arrears"'], get: (c) => c.line.billingType },
  { path: 'line.chargeType', type: enumOf('ChargeType', ['one-time', 'recurring']), doc: 'one-time or recurring charge.', examples: ['line.chargeType = "recurring"'], get: (c) => c.line.chargeType },
  { path: 'line.billingDayOfMonth', type: DECIMAL, optional: true, doc: 'Billing day of month set on the order product, when set.', examples: ['line.billingDayOfMonth is missing'], get: (c) => dec(c.line.billingDayOfMonth) },
  { path: 'line.amends', type: STRING, optional: true, doc: 'For an amendment line: the id of the order product it changes.', examples: ['line.amends is present'], get: (c) => c.line.amends },

  { path: 'product.code', type: STRING, doc: 'Product code of the order product.', examples: ['product.code starts with "SUP"'], get: (c) => c.line.productCode },
  { path: 'product.name', type: STRING, doc: 'Product name of the order product.', examples: ['product.name contains "support"'], get: (c) => c.line.productName },

  { path: 'today', type: DATE, doc: 'The target date of the billing run (the date invoices are dated).', examples: ['today >= 2026-12-24'], get: (c) => c.today },
  { path: 'billingDate', type: DATE, scope: 'period', doc: 'The natural billing date of the period being billed (per-period evaluation only: overrides and holds).', examples: ['billingDate between 2026-12-24 and 2027-01-03', 'override billing date to nextWeekday(billingDate)'], get: (c) => c.billingDate ?? null },
];

export const builtinFacts: ProvisoPlugin = (api: PluginApi) => {
  for (const f of BUILTIN_FACTS) api.addFact({ ...f, optional: f.optional ?? false });
};

/** Paths of the built-in facts (the config check refuses attributes that shadow them). */
export const BUILTIN_FACT_PATHS: ReadonlySet<string> = new Set(BUILTIN_FACTS.map((f) => f.path));
