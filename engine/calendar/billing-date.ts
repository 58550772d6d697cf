// Natural billing date of a period (DESIGN §3 "Billing date of a period"), before
// any policy override: advance bills on the period's start date, arrears on the
// day after its end date (so a period ending Dec 31 bills on Jan 1 of next year).
// One-time charges bill once on their start date; the planner handles that.

import { addDays, toDayNumber } from './civil-date.js';
import type { DateRange } from './periods.js';

export type BillingType = 'advance' | 'arrears';

export function naturalBillingDate(p: DateRange, billingType: BillingType): string {
  if (billingType === 'advance') {
    toDayNumber(p.start);
    return p.start;
  }
  if (billingType === 'arrears') return addDays(p.end, 1);
  throw new RangeError(`unknown billing type ${JSON.stringify(billingType)}: expected advance or arrears`);
}
