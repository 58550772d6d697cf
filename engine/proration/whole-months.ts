// `whole-months`: every billing month the stub touches counts as a whole month
// (partial months round up, like Salesforce CPQ's "Month" precision), over the
// months of the full period.

import { ONE, ratio } from './factor-cache.js';
import { checkRanges, monthCoverage } from './proration-range.js';
import type { ProrationFn } from './proration-types.js';

export const wholeMonthsDoc =
  'Billing months touched by the stub (a partial month counts as a whole one) / months in the full period. ' +
  'Example, quarterly on the 1st: 2026-01-15..2026-03-31 = 3/3 = 1; 2026-02-20..2026-03-31 = 2/3.';

export const wholeMonths: ProrationFn = (stub, full, context) => {
  const r = checkRanges(stub, full);
  if (r.whole) return ONE;
  const c = monthCoverage(r, context);
  return ratio(c.whole + c.partial.length, c.months);
};
