// The five built-in proration methods of DESIGN §3, in the shape the vocabulary
// registry's public registration call takes (a plugin registers its own the same way).

import { daily, dailyDoc } from './daily.js';
import { monthlyDaily, monthlyDailyDoc } from './monthly-daily.js';
import { none, noneDoc } from './none.js';
import type { ProrationMethod } from './proration-types.js';
import { thirty360, thirty360Doc } from './thirty-360.js';
import { wholeMonths, wholeMonthsDoc } from './whole-months.js';

/** Name of the method used when no policy chooses one. */
export const DEFAULT_PRORATION_METHOD = 'daily';

export const builtinProrationMethods: readonly ProrationMethod[] = [
  { name: 'daily', doc: dailyDoc, fn: daily },
  { name: 'monthly-daily', doc: monthlyDailyDoc, fn: monthlyDaily },
  { name: 'whole-months', doc: wholeMonthsDoc, fn: wholeMonths },
  { name: 'thirty-360', doc: thirty360Doc, fn: thirty360 },
  { name: 'none', doc: noneDoc, fn: none },
];
