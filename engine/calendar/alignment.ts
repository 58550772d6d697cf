// Amendment alignment 'original' (DESIGN §3 "Amendment alignment"): the amendment
// line takes the amended line's billing day, frequency, cycle boundaries and end
// date (co-termination). Its first period is a stub from its effective date to the
// day before the original's next boundary, prorated over the original's period
// containing it (the grid cell, which is the original period's `full` range); then
// it follows the original's periods. It ends on the original's end date, or on the
// amendment's own end date when that is earlier; null on both = evergreen.
// ('own' alignment needs nothing here: the amendment is an ordinary CycleSpec.)

import { toDayNumber } from './civil-date.js';
import { checkMonths, gridForStart, gridPeriods, type CycleSpec, type Period } from './periods.js';

export interface AmendmentTerm {
  readonly startDate: string;
  readonly endDate: string | null;
}

/**
 * Periods of an amendment aligned to its original, every one whose start is on or
 * before `until` (at most `limit`). Empty when the amendment takes effect after the co-terminated end
 * (after the original's end date): there is nothing left to bill.
 */
export function alignedPeriods(amendment: AmendmentTerm, original: CycleSpec, until: string, limit = Number.POSITIVE_INFINITY): Period[] {
  const originalStart = toDayNumber(original.startDate);
  const grid = gridForStart(originalStart, original.billingDay, checkMonths(original.months));
  const startDay = toDayNumber(amendment.startDate);
  const originalEnd = original.endDate === null ? null : toDayNumber(original.endDate);
  const ownEnd = amendment.endDate === null ? null : toDayNumber(amendment.endDate);
  if (ownEnd !== null && ownEnd < startDay) {
    throw new RangeError(`amendment end date ${amendment.endDate} is before its start date ${amendment.startDate}`);
  }
  const endDay = originalEnd === null ? ownEnd : ownEnd === null ? originalEnd : Math.min(originalEnd, ownEnd);
  return gridPeriods(grid, startDay, endDay, toDayNumber(until), limit);
}
