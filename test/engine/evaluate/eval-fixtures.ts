// Shared helpers for evaluation tests: compile policy text with the real
// parser and checker, and build a line context from a few overrides.
import { checkDocuments } from '../../../dsl/check/check-documents.js';
import type { Account, Contract, Order, OrderProduct } from '../../../engine/book/book-types.js';
import { compilePolicies, type CompileOptions, type CompiledPolicySet } from '../../../engine/evaluate/compile-policies.js';
import type { LineContext } from '../../../engine/results/index.js';
import { createRegistry, type CreateRegistryOptions } from '../../../engine/vocabulary/create-registry.js';
import type { Registry } from '../../../engine/vocabulary/registry.js';

export const ATTRIBUTES: CreateRegistryOptions['attributes'] = {
  account: { region: 'string', segment: ['smb', 'enterprise', 'strategic'], vip: 'boolean', signedOn: 'date' },
  order: { channel: 'string' },
  line: { seats: 'decimal', costCenter: 'string' },
};

export function compileText(
  text: string,
  opts: { registry?: Registry; compile?: CompileOptions } = {},
): { set: CompiledPolicySet; registry: Registry } {
  const registry = opts.registry ?? createRegistry({ attributes: ATTRIBUTES });
  const model = checkDocuments([{ file: 'test.policy', text }], registry.vocabulary());
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`policy text does not check:\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return { set: compilePolicies(model, registry, opts.compile), registry };
}

export interface CtxOverrides {
  account?: Partial<Account>;
  contract?: Partial<Contract> | null;
  order?: Partial<Order>;
  line?: Partial<OrderProduct>;
  today?: string;
  billingDate?: string;
}

export function lineCtx(o: CtxOverrides = {}): LineContext {
  const account: Account = { id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: { region: 'EMEA', segment: 'enterprise' }, ...o.account };
  const contract: Contract | null = o.contract === null ? null : { id: 'C1', accountId: 'A1', startDate: '2026-01-15', endDate: '2027-01-14', ...o.contract };
  const order: Order = { id: 'O1', accountId: 'A1', contractId: 'C1', type: 'new', status: 'activated', activatedDate: '2026-01-10', poNumber: null, attributes: {}, ...o.order };
  const line: OrderProduct = {
    id: 'OP1', orderId: 'O1', productCode: 'SUP-GOLD', productName: 'Gold support', chargeType: 'recurring',
    billingFrequency: 'monthly', billingType: 'advance', quantity: '10', unitPrice: '100.00',
    startDate: '2026-01-15', endDate: '2027-01-14', billingDayOfMonth: null, amends: null, holdBilling: false, attributes: {},
    ...o.line,
  };
  const ctx: LineContext = { account, contract, order, line, original: null, today: o.today ?? '2026-03-01' };
  return o.billingDate ? { ...ctx, billingDate: o.billingDate } : ctx;
}
