// `daily`: actual days of the stub over actual days of the full period, both
// counted inclusively (a leap year's Feb 29 counts like any other day).

import { ONE, ratio } from './factor-cache.js';
import { checkRanges } from './proration-range.js';
import type { ProrationFn } from './proration-types.js';

export const dailyDoc =
  'Actual days: days in the stub / days in the full period, both counted inclusively. ' +
  'Example: 2026-01-15..2026-01-31 of 2026-01-01..2026-01-31 = 17/31.';

export const daily: ProrationFn = (stub, full) => {
  const r = checkRanges(stub, full);
  if (r.whole) return ONE;
  return ratio(r.b - r.a + 1, r.q - r.p + 1);
};
