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

/** `Year-end freeze@v1` -> `"Year-end freeze" v1` (a published version's name as read). */
function policyName(policy: string): string {
  const m = /^(.*)@v(\d+)$/.exec(policy);
  return m ? `"${m[1]}" v${m[2]}` : `"${policy}"`;
}

function quoted(policies: readonly string[]): string {
  return policies.map(policyName).join(', ');
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
  return `Billing date moved from ${m.from} to ${m.to} by policy ${policyName(m.policy)}${m.reason ? ` (${m.reason})` : ''}.`;
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

/** What a trace entry set, in words (`billingDay` -> "billing day"). */
const SET_WORDS: Readonly<Record<string, string>> = {
  hold: 'hold',
  billingDay: 'billing day',
  billingDate: 'billing date',
  align: 'alignment',
  prorate: 'proration',
  rounding: 'rounding',
  unitPrice: 'unit price',
  coverage: 'coverage',
  credit: 'credit',
};

function setWords(set: string): string {
  return SET_WORDS[set] ?? set.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
}

/** Who set it: a policy (with its published version), the default, the order product, billed coverage. */
function sourceWords(policy: string): string {
  if (policy === 'default') return 'by default';
  if (policy === 'order product') return 'from the order product';
  if (policy === 'billed coverage') return 'from billed coverage';
  return `from policy ${policyName(policy)}`;
}

/** A billing-date override entry (engine/plan/period-generator.ts writes `<date> (natural <date>)[: reason]`). */
const OVERRIDE_VALUE = /^(\d{4}-\d{2}-\d{2}) \(natural (\d{4}-\d{2}-\d{2})\)(?:: (.*))?$/;

/** The moved billing date a line's trace records, when a policy moved it. */
export function movedOf(trace: readonly TraceLike[]): MovedFacts | undefined {
  for (const t of trace) {
    const m = t.set === 'billingDate' ? OVERRIDE_VALUE.exec(t.value) : null;
    if (m) return { policy: t.policy, from: m[2]!, to: m[1]!, ...(m[3] ? { reason: m[3] } : {}) };
  }
  return undefined;
}

export interface TraceLike {
  readonly policy: string;
  readonly set: string;
  readonly value: string;
  readonly facts?: Readonly<Record<string, string | null>>;
}

/** One trace entry as a sentence: `billing day 1 from policy "Enterprise bills on the 1st" v3, because account.segment = enterprise`. */
export function traceText(t: TraceLike): string {
  const moved = t.set === 'billingDate' ? movedOf([t]) : undefined;
  if (moved) return movedText(moved);
  const facts = t.facts && Object.keys(t.facts).length > 0
    ? `, because ${Object.entries(t.facts).map(([k, v]) => `${k} = ${v ?? 'no value'}`).join(', ')}`
    : '';
  return `${setWords(t.set)} ${t.value} ${sourceWords(t.policy)}${facts}`.replace(/\s+/g, ' ');
}

export interface LineLike {
  readonly kind: 'charge' | 'credit';
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly billingDate: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly prorationFactor: string;
  readonly amount: string;
  readonly corrects?: { readonly periodStart: string; readonly periodEnd: string; readonly amount: string };
  readonly trace: readonly TraceLike[];
}

/** A billed line in one or two sentences: its arithmetic, and the move of its billing date. */
export function lineText(l: LineLike, currency: string): string {
  const span = `${l.periodStart}..${l.periodEnd}`;
  if (l.kind === 'credit') {
    const of = l.corrects ? ` of ${l.corrects.periodStart}..${l.corrects.periodEnd} (billed ${l.corrects.amount} ${currency})` : '';
    return `Credit on ${l.billingDate}: ${span}${of} is no longer due; ${l.amount} ${currency} is given back.`;
  }
  const factor = /^1(\.0+)?$/.test(l.prorationFactor) ? '' : ` × ${l.prorationFactor}`;
  const text = `Bills ${span} on ${l.billingDate}: ${l.quantity} × ${l.unitPrice}${factor} = ${l.amount} ${currency}.`;
  const moved = movedOf(l.trace);
  return moved ? `${text} ${movedText(moved)}` : text;
}

/** A line with its words: `explanation` (lineText) and `traceWords` (traceText of each entry). */
export function withWords<L extends LineLike>(l: L, currency: string): L & { explanation: string; traceWords: string[] } {
  return { ...l, explanation: lineText(l, currency), traceWords: l.trace.map(traceText) };
}
