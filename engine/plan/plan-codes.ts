// Planner error codes (PV42xx): problems found while turning a decision into
// periods and amounts. Like evaluation errors (PV40xx), they are reported per
// order product and that order product bills nothing in the run.

export const PLAN_CODES = {
  /** The decided proration method is not registered. */
  unknownProrationMethod: 'PV4201',
  /** The decided rounding mode or precision cannot be applied. */
  badRounding: 'PV4202',
  /** An amendment's original line cannot be planned (its own policies failed). */
  originalFailed: 'PV4203',
  /** A proration method failed or returned something that is not a Decimal. */
  prorationFailed: 'PV4204',
  /** The line's calendar cannot be computed (bad dates, a frequency missing). */
  calendarFailed: 'PV4205',
} as const;
