// A proration method turns a stub [a, b] of a full period [p, q] (inclusive
// calendar dates) into an UNROUNDED factor; the amount is quantity x unitPrice x
// factor, rounded once per line by engine/money/rounding.ts. Every method returns
// exactly 1 when the stub is the full period (DESIGN §3: full periods have factor 1).

import type { Dec } from '../money/decimal.js';
import type { DateRange } from '../calendar/periods.js';

/**
 * What the calendar knows beyond the two ranges. Optional: methods that split a
 * period into billing months infer the billing day from the full period when it is
 * not given (exact except for a full period running from one month end to another,
 * e.g. an annual period from Feb 28, where they assume the later end's day).
 */
export interface ProrationContext {
  readonly billingDay?: number | 'last';
}

export type ProrationFn = (stub: DateRange, full: DateRange, context?: ProrationContext) => Dec;

export interface ProrationMethod {
  readonly name: string;
  readonly doc: string;
  readonly fn: ProrationFn;
}
