// Evaluation error codes (PV4xxx): what can go wrong when a checked policy
// meets a real line. Each is reported per policy per line (the run goes on;
// the planner does not bill a line whose decision has errors).
// Message templates use `{placeholders}`.

export interface EvalCodeEntry {
  readonly message: string;
  /** How to fix it, for a finance admin. */
  readonly fix: string;
}

export const EVAL_CODES = {
  PV4001: {
    message: '{what} has no value on this line, so `{op}` cannot be decided',
    fix: 'Guard the comparison with `is present` (for example `order.poNumber is present and order.poNumber starts with "PO"`), or fill in the field.',
  },
  PV4002: {
    message: '{path} is {actual} on {entity} {id}, but proviso.config.json declares it as {declared}',
    fix: 'Correct the attribute value in the order book, or change its declared type in proviso.config.json.',
  },
  PV4003: {
    message: 'division by zero in {what}',
    fix: 'Guard the division (for example `line.quantity != 0 and ...`).',
  },
  PV4004: {
    message: '{kind} {name} failed: {error}',
    fix: 'The vocabulary word raised an error for these facts; check the facts, or report it to whoever maintains the plugin.',
  },
  PV4005: {
    message: '{what} gives an invalid date ({detail})',
    fix: 'Date arithmetic must stay within years 1000-9999 and return YYYY-MM-DD dates.',
  },
  PV4006: {
    message: 'policies {first} and {second} both apply with priority {priority} but set {setting} to different values ({firstValue} and {secondValue})',
    fix: 'Give one of the policies a higher priority, or narrow their `when` conditions so they do not both apply.',
  },
  PV4007: {
    message: 'billing day of month must be a whole number from 1 to 31, but {what} gives {value}',
    fix: 'Make the expression yield 1-31, or use `billing day of month last`.',
  },
  PV4008: {
    message: '{what} is {actual}, but {expected} is needed here',
    fix: 'A fact or function returned a value of the wrong type; check the plugin that defines it.',
  },
  PV4009: {
    message: 'override billing date of policy {policy} has no value ({what} is absent)',
    fix: 'Guard the override with a `when` that requires the facts it uses to be present.',
  },
  PV4010: {
    message: '`{what}` cannot be decided: {detail}',
    fix: 'The operands do not suit the operator (for example `contains` on a decimal); compare values of the kinds the operator accepts.',
  },
} as const satisfies Record<string, EvalCodeEntry>;

export type EvalCode = keyof typeof EVAL_CODES;

/** The message of a code with its placeholders filled. */
export function evalMessage(code: EvalCode, args: Readonly<Record<string, string | number>>): string {
  return EVAL_CODES[code].message.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
