// `monthly-daily`: whole billing months, plus leftover days over the length of
// the billing month they fall in, over the months of the full period. A billing
// month runs from one billing-day date to the day before the next (a calendar month
// when the billing day is 1). A stub inside one cycle has at most two partly
// covered months (only a term shorter than a cycle can have both).

import { Dec } from '../money/decimal.js';
import { ONE, ratio } from './factor-cache.js';
import { checkRanges, monthCoverage } from './proration-range.js';
import type { ProrationFn } from './proration-types.js';

export const monthlyDailyDoc =
  '(Whole billing months in the stub + leftover days / days in the billing month of the leftover) / ' +
  'months in the full period. Example, quarterly on the 1st: 2026-01-15..2026-03-31 = (2 + 17/31) / 3.';

export const monthlyDaily: ProrationFn = (stub, full, context) => {
  const r = checkRanges(stub, full);
  if (r.whole) return ONE;
  const c = monthCoverage(r, context);
  let months = new Dec(c.whole);
  for (const part of c.partial) months = months.plus(ratio(part.days, part.length));
  return months.div(c.months);
};
