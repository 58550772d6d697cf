// The English of "why (not) billed": the ONE place the service and the
// editor take their words from, so a finance admin reads the same sentence in
// the API (`explanation` fields) and on screen. Pure functions of plain facts;
// no engine field names leak into the text ("billing hold set on the order
// product", never `holdBilling`).

/** The hold reason the engine records for an order product's own hold flag. */
const ENGINE_ORDER_PRODUCT_HOLD = 'holdBilling is set on the order product';

/** A hold reason as a finance admin reads it. */
export function holdReasonText(reason: string): string {
  return reason === ENGINE_ORDER_PRODUCT_HOLD ? 'billing hold set on the order product' : reason;
}

function quoted(policies: readonly string[]): string {
  return policies.map((p) => `"${p}"`).join(', ');
}

/** "Held: billing hold set on the order product." / "Held by policy "X": Awaiting purchase order." */
export function holdText(reasons: readonly string[], policies: readonly string[]): string {
  const why = reasons.length > 0 ? reasons.map(holdReasonText).join('; ') : 'no reason given';
  if (policies.length === 0) return `Held: ${why}.`;
  return `Held by ${policies.length === 1 ? 'policy' : 'policies'} ${quoted(policies)}: ${why}.`;
}

export interface MovedFacts {
  readonly policy: string;
  readonly reason?: string;
  readonly from: string;
  readonly to: string;
}

export function movedText(m: MovedFacts): string {
  return `Billing date moved from ${m.from} to ${m.to} by policy "${m.policy}"${m.reason ? ` (${m.reason})` : ''}.`;
}

export interface InvoiceRef {
  readonly id: string;
  /** Null for a draft (numbers are assigned at posting). */
  readonly number: string | null;
  readonly status: string;
}

function invoiceText(inv: InvoiceRef): string {
  return inv.number ? `invoice ${inv.number}${inv.status === 'posted' ? '' : ` (${inv.status})`}` : 'a draft invoice (not yet posted)';
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export type PeriodStatus = 'billed' | 'covered' | 'credited' | 'held' | 'due' | 'not-yet-due' | 'not-billable';

export interface PeriodWords {
  readonly status: PeriodStatus;
  readonly start: string;
  readonly end: string;
  readonly billingDate: string;
  readonly amount: string;
  readonly currency: string;
  /** billed: the invoices whose live charges cover it. */
  readonly invoices?: readonly InvoiceRef[];
  /** credited: the invoices that carry the credit, when stored. */
  readonly creditInvoices?: readonly InvoiceRef[];
  /** due: part of it was billed before; `charges` are the uncovered days the next run bills. */
  readonly partly?: boolean;
  readonly charges?: readonly { readonly start: string; readonly end: string; readonly amount: string }[];
  readonly holdReasons?: readonly string[];
  readonly holdPolicies?: readonly string[];
  readonly moved?: MovedFacts;
  /** not-billable: why (the order is a draft, the line has errors). */
  readonly notBillableBecause?: string;
}

/** One sentence (or two, when the date was moved) for one period. */
export function periodText(p: PeriodWords): string {
  const span = `${p.start}..${p.end}`;
  let text: string;
  switch (p.status) {
    case 'billed':
      text = `Billed on ${list((p.invoices ?? []).map(invoiceText)) || 'an invoice'}: ${span}.`;
      break;
    case 'covered':
      text = `Covered by earlier billing (recorded before Proviso or by another period): ${span} is not billed again.`;
      break;
    case 'credited':
      text = `Credited: ${span} is no longer due; the billed amount is given back${
        p.creditInvoices && p.creditInvoices.length ? ` on ${list(p.creditInvoices.map(invoiceText))}` : ' on the next invoice of the account'
      }.`;
      break;
    case 'held':
      text = holdText(p.holdReasons ?? [], p.holdPolicies ?? []);
      break;
    case 'due': {
      const charges = p.charges ?? [];
      const amounts = charges.map((c) => `${c.start}..${c.end} for ${c.amount} ${p.currency}`);
      text = p.partly
        ? `Partly billed before; due: the next run bills the days not yet billed, ${list(amounts)}.`
        : `Due since ${p.billingDate}: the next run bills ${span} for ${charges.length ? list(charges.map((c) => `${c.amount} ${p.currency}`)) : `${p.amount} ${p.currency}`}.`;
      break;
    }
    case 'not-yet-due':
      text = `Not yet due: ${span} bills on ${p.billingDate}.`;
      break;
    case 'not-billable':
      text = `Not billed: ${p.notBillableBecause ?? 'the line cannot bill'}.`;
      break;
  }
  return p.moved ? `${text} ${movedText(p.moved)}` : text;
}

/** A credit a run on the date would make for billed coverage no longer due. */
export function pendingCreditText(c: { start: string; end: string; amount: string; currency: string }): string {
  return `To be credited by the next run: ${c.start}..${c.end} is no longer due (${c.amount} ${c.currency}).`;
}
