// Planner error codes (PV42xx): problems found while turning a decision into
// periods and amounts. Like evaluation errors (PV40xx), they are reported per
// order product and that order product bills nothing in the run. PV4207 is a
// warning: the order product still bills, and the result says why to look.

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
  /** An override moves a period's billing date earlier than the look-ahead reaches (the line bills nothing in the run). */
  overrideBeyondLookAhead: 'PV4206',
  /** Warning: an `invoiced` entry has no periodEnd; it is read as the period starting there in today's calendar. */
  coverageWithoutEnd: 'PV4207',
  /** The line would need more periods than a plan allows (a far-future as-of date, or a very long term). */
  tooManyPeriods: 'PV4208',
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
  PV4206: {
    message: 'period {start}..{end} (natural billing date {natural}) is moved to {date} by "{policy}", earlier than the {months}-month look-ahead of a run on {asOf} reaches',
    fix: 'A run evaluates periods starting up to 12 months after its date. Bring the override closer (for example "30 days ahead"), or bill the period by hand.',
  },
  PV4207: {
    message: 'invoiced entry {start} has no periodEnd: read as {start}..{end}, the period starting there in the line\'s current calendar',
    fix: 'Give the entry the periodEnd (and amount) that was billed, so a later change of billing day or end date is reconciled against what was really billed.',
  },
  PV4208: {
    message: 'the line would need more than {limit} periods up to {until}; nothing is planned',
    fix: 'Check the as-of date and the line\'s start date; a run plans at most {limit} periods per order product.',
  },
} as const satisfies Record<(typeof PLAN_CODES)[keyof typeof PLAN_CODES], { message: string; fix: string }>;

export type PlanCode = keyof typeof PLAN_CODE_DOCS;

/** The message of a planner code from its documented template (`{name}` replaced by args.name). */
export function planMessage(code: PlanCode, args: Readonly<Record<string, string | number>>): string {
  return PLAN_CODE_DOCS[code].message.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
