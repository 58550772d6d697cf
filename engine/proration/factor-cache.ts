// Proration factors that are a ratio of two small whole numbers (days / days,
// 30/360 days / days) repeat across millions of lines: memoise the Decimal of
// each ratio. Decimals are immutable, so sharing one instance is safe.

import { Dec } from '../money/decimal.js';

/** The factor 1 (a full period), shared. */
export const ONE: Dec = new Dec(1);

const ratios = new Map<number, Dec>();
const MAX_PART = 100_000;

/** numerator / denominator as a Dec (34 significant digits), memoised for 0 <= n, d < 100,000. */
export function ratio(numerator: number, denominator: number): Dec {
  if (numerator === denominator) return ONE;
  if (numerator < 0 || numerator >= MAX_PART || denominator <= 0 || denominator >= MAX_PART) {
    return new Dec(numerator).div(denominator);
  }
  const key = numerator * MAX_PART + denominator;
  let r = ratios.get(key);
  if (r === undefined) {
    r = new Dec(numerator).div(denominator);
    ratios.set(key, r);
  }
  return r;
}
