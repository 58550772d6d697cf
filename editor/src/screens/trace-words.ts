// Turns trace entries into sentences a finance admin reads:
// `billing day 1 from policy "Enterprise bills on the 1st" v3`.
import type { InvoiceLine, TraceEntry } from '../api/api-types.js';

function words(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export function traceSentence(t: TraceEntry): string {
  const what = t.set ? words(String(t.set)) : 'applied';
  const value = valueText(t.value);
  const policy = policyText(t);
  const facts =
    t.facts && typeof t.facts === 'object' && Object.keys(t.facts).length > 0
      ? ` because ${Object.entries(t.facts)
          .map(([k, v]) => `${k} = ${valueText(v)}`)
          .join(', ')}`
      : '';
  const reason = t.reason ? ` (${t.reason})` : '';
  return `${what}${value ? ` ${value}` : ''}${policy}${facts}${reason}`;
}

function policyText(t: TraceEntry): string {
  if (!t.policy) return '';
  if (t.policy === 'default') return ' by default';
  if (t.policy === 'order product') return ' from the order product';
  const m = /^(.*)@v(\d+)$/.exec(t.policy);
  const name = m ? m[1]! : t.policy;
  const version = m ? m[2] : t.version !== undefined && t.version !== null ? String(t.version) : undefined;
  return ` from policy "${name}"${version ? ` v${version}` : ''}`;
}

/** The line's own arithmetic: `10 × 100.00 × 17/31 = 548.39`. */
export function lineSentence(l: InvoiceLine): string {
  const factor = l.prorationFactor === '1' ? '' : ` × ${l.prorationFactor}`;
  return `${l.periodStart} – ${l.periodEnd}, billed ${l.billingDate}: ${l.quantity} × ${l.unitPrice}${factor} = ${l.amount}`;
}
