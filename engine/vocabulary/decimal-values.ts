// Decimal helpers for the hot path of evaluation.
//
// - decimalOfText: facts hold decimals as text (`"10"`, `"100.00"`); parsing
//   costs far more than a comparison, and books repeat the same few values,
//   so parsed values are shared through a bounded memo (Decimal values are
//   immutable, sharing is safe); decimalText remembers their plain text the
//   same way.
// - compareDecimals: the order of two Decimals from their documented instance
//   properties (sign `s`, exponent `e`, digit words `d`), without the copy
//   decimal.js's own `cmp` makes of its argument.
import type { Decimal } from 'decimal.js';
import { Dec } from '../money/decimal.js';

const MEMO_LIMIT = 4096;
let memo = new Map<string, Decimal>();

export function decimalOfText(text: string): Decimal {
  let d = memo.get(text);
  if (d === undefined) {
    d = new Dec(text);
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(text, d);
  }
  return d;
}

/** Plain-notation text of a decimal (`toFixed()`), remembered per shared value
 * (decimalOfText's): traces show the same few decimals on every line. */
let texts = new Map<Decimal, string>();

export function decimalText(d: Decimal): string {
  let t = texts.get(d);
  if (t === undefined) {
    t = d.toFixed();
    if (texts.size >= MEMO_LIMIT) texts = new Map();
    texts.set(d, t);
  }
  return t;
}

export function decimalOfNumber(n: number): Decimal {
  return decimalOfText(String(n));
}

/** -1, 0 or 1; NaN when either is NaN (never produced from valid input). */
export function compareDecimals(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  const xs = x.s;
  const ys = y.s;
  if (!xd || !yd) return x.cmp(y); // infinities and NaN: rare, let decimal.js decide
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0; // a zero
  if (xs !== ys) return xs;
  if (x.e !== y.e) return (x.e > y.e) !== xs < 0 ? 1 : -1;
  const n = xd.length < yd.length ? xd.length : yd.length;
  for (let i = 0; i < n; i++) {
    if (xd[i] !== yd[i]) return (xd[i] > yd[i]) !== xs < 0 ? 1 : -1;
  }
  return xd.length === yd.length ? 0 : (xd.length > yd.length) !== xs < 0 ? 1 : -1;
}
