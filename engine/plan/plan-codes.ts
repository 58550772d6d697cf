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

/** The planner codes as documented in docs/diagnostics.md (message and fix). */
export const PLAN_CODE_DOCS = {
  PV4201: {
    message: 'proration method "{method}" is not registered',
    fix: 'Register the method through a plugin listed in proviso.config.json, or choose a built-in method (daily, monthly-daily, whole-months, thirty-360, none).',
  },
  PV4202: {
    message: 'the rounding mode or precision decided for this line cannot be applied to {currency}',
    fix: 'Use half-up, half-even, up or down, and a precision from 0 to 10.',
  },
  PV4203: {
    message: 'the amended line {original} cannot be decided: {errors}',
    fix: 'Fix the evaluation error reported for the original line; the amendment bills once the original can be planned.',
  },
  PV4204: {
    message: 'proration method "{method}" failed for {start}..{end}: {error}',
    fix: 'The method raised an error or returned something that is not a decimal; report it to whoever maintains the plugin.',
  },
  PV4205: {
    message: 'the billing calendar of this line cannot be computed ({detail})',
    fix: 'Check the line in the order book: a recurring line needs a billing frequency, dates that exist, and an end date on or after its start.',
  },
} as const satisfies Record<(typeof PLAN_CODES)[keyof typeof PLAN_CODES], { message: string; fix: string }>;
