// Which planned lines fit the NUMERIC columns of invoice_lines (quantity
// (20,6), unit_price (30,10), proration_factor (40,34), amount and a credit's
// corrected amount (30,10)). A line
// that does not fit would fail the whole chunk's write; instead its order
// product is reported (PV6001) and bills nothing in the run.
import { Decimal } from 'decimal.js';
import type { EvaluationError } from '../../engine/results/index.js';
import { UNSTORABLE_LINE } from './run-write-codes.js';
import type { PlannedLine } from './run-types.js';

/** Digits before and after the point each column holds. */
const COLUMNS = {
  quantity: { int: 14 },
  unitPrice: { int: 20 },
  prorationFactor: { int: 6 },
  amount: { int: 20 },
} as const;

/**
 * Why a decimal text does not fit a column with `int` digits before the point
 * (or undefined when it does). Extra fractional digits are rounded by the
 * column on storage, so only the integer part can overflow.
 */
export function numericMisfit(text: string, int: number): string | undefined {
  let d: Decimal;
  try {
    d = new Decimal(text);
  } catch {
    return `${text} is not a decimal`;
  }
  if (!d.isFinite()) return `${text} is not a finite decimal`;
  const whole = d.abs().floor();
  const intDigits = whole.isZero() ? 0 : whole.toFixed(0).length;
  return intDigits > int ? `${d.toFixed()} has ${intDigits} digits before the point (at most ${int})` : undefined;
}

/** Splits planned lines into those that can be stored and one error per order product that cannot. */
export function screenStorableLines(lines: readonly PlannedLine[]): { storable: PlannedLine[]; errors: EvaluationError[] } {
  const bad = new Map<string, string>();
  for (const l of lines) {
    if (bad.has(l.orderProductId)) continue;
    for (const [field, col] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]][]) {
      const why = numericMisfit(String(l[field]), col.int);
      if (why) {
        bad.set(l.orderProductId, `${field} of the period ${l.periodStart}: ${why}`);
        break;
      }
    }
    const corrected = l.corrects && !bad.has(l.orderProductId) ? numericMisfit(l.corrects.amount, COLUMNS.amount.int) : undefined;
    if (corrected) bad.set(l.orderProductId, `the corrected amount of the credit ${l.periodStart}: ${corrected}`);
  }
  if (bad.size === 0) return { storable: [...lines], errors: [] };
  return {
    storable: lines.filter((l) => !bad.has(l.orderProductId)),
    errors: [...bad].map(([orderProductId, detail]) => unstorable(orderProductId, detail)),
  };
}

export function unstorable(orderProductId: string, detail: string): EvaluationError {
  return { orderProductId, code: UNSTORABLE_LINE, message: `the planned lines of this order product cannot be stored: ${detail}` };
}
