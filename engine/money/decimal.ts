// The engine's one decimal context: 34 significant digits (IEEE 754 decimal128),
// half-up by default. Money and proration factors are computed with it and
// rounded to currency units only in ./rounding.ts. Never a float.

import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** A value Dec accepts: a Decimal, a decimal string or an integer/decimal number literal. */
export type DecInput = Decimal.Value;
