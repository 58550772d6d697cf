// A proration method turns a stub [a, b] of a full period [p, q] (inclusive
// calendar dates) into an UNROUNDED factor; the amount is quantity x unitPrice x
// factor, rounded once per line by engine/money/rounding.ts. Every method returns
// exactly 1 when the stub is the full period (DESIGN §3: full periods have factor 1).

import type { Dec } from '../money/decimal.js';
import type { DateRange } from '../calendar/periods.js';

/**
 * What the calendar knows beyond the two ranges; optional (ProrationFn of DESIGN
 * takes two arguments, this third one is an addition). Methods that split a
 * period into billing months use `billingDay` when it fits the full period, else
 * infer it from the full period's ends (exact except for a full period running
 * from one clamped month end to another, e.g. an annual period from Feb 28, where
 * the later end's day is assumed).
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
