// Syntax and limit diagnostics (PV1xxx). Codes are stable: never renumber or
// reuse one; add new codes at the end of their range. Messages are written for
// the finance admin who types the policy, not for a parser engineer.
import type { CatalogEntry } from './diagnostic-types.js';

export const SYNTAX_DIAGNOSTICS = {
  PV1001: {
    severity: 'error',
    message: 'Expected {expected}, found {found}',
    example: 'policy "Hold" {\n  hold until order.poNumber is present\n}',
    fix: 'Write the words of the statement in the documented order, e.g. `hold billing until ...`.',
  },
  PV1002: {
    severity: 'error',
    message: "The character {char} is not part of the policy language",
    example: 'policy "Big orders" {\n  when line.quantity > 10 & line.unitPrice > 5\n}',
    fix: 'Remove the character, or use `and` / `or` to combine conditions. Text containing it must be in double quotes.',
  },
  PV1003: {
    severity: 'error',
    message: 'This text has no closing double quote',
    example: 'policy "Hold {\n}',
    fix: 'End the text with `"` on the same line.',
  },
  PV1004: {
    severity: 'error',
    message: 'Unknown escape {escape} in text; use \\" for a quote, \\\\ for a backslash, \\n for a new line or \\t for a tab',
    example: 'policy "Shared drive" {\n  description "Invoices go to S:\\quarterly"\n}',
    fix: 'Write a backslash as `\\\\`, or remove it.',
  },
  PV1005: {
    severity: 'error',
    message: "Expected the policy name in double quotes after 'policy', found {found}",
    example: 'policy Hold EMEA {\n}',
    fix: 'Put the name in double quotes: `policy "Hold EMEA" { ... }`.',
  },
  PV1006: {
    severity: 'error',
    message: "Expected '{' to open the policy body after the policy name, found {found}",
    example: 'policy "Hold EMEA"\n  hold billing\n',
    fix: 'Add `{` after the policy name and `}` after its last statement.',
  },
  PV1007: {
    severity: 'error',
    message: "This policy is not closed: expected '}' before {found}",
    example: 'policy "Hold EMEA" {\n  hold billing\n',
    fix: 'Add `}` after the last statement of the policy.',
  },
  PV1008: {
    severity: 'error',
    message: 'Expected a value after {previous}, such as a field (account.region), a number, a date (2026-12-24), text in quotes or a list; found {found}',
    example: 'policy "Big orders" {\n  when line.quantity >\n}',
    fix: 'Complete the condition or expression, e.g. `line.quantity > 10`.',
  },
  PV1009: {
    severity: 'error',
    message: 'Expected text in double quotes after {previous}, found {found}',
    example: 'policy "Hold" {\n  hold billing reason Awaiting PO\n}',
    fix: 'Put the text in double quotes: `reason "Awaiting PO"`.',
  },
  PV1010: {
    severity: 'error',
    message: 'Expected a whole number after {previous}, found {found}',
    example: 'policy "Urgent" {\n  priority high\n}',
    fix: 'Write a whole number such as `priority 100` (higher numbers win).',
  },
  PV1011: {
    severity: 'error',
    message: 'Expected {what} after {previous}, found {found}',
    example: 'policy "Daily" {\n  prorate\n}',
    fix: 'Name the method or mode, e.g. `prorate daily rounding half-up` or `align amendments to original`.',
  },
  PV1012: {
    severity: 'error',
    message: "Expected a policy starting with 'policy', found {found}",
    example: 'hold billing\npolicy "Hold" {\n}',
    fix: 'Every statement must be inside `policy "<name>" { ... }`.',
  },
  PV1013: {
    severity: 'error',
    message: 'Found {found} where a statement should start; a statement starts with description, priority, when, hold billing, billing day of month, override billing date, align amendments or prorate',
    example: 'policy "Hold" {\n  hold billing\n  until order.poNumber is present\n  unless today > 2026-01-01\n}',
    fix: 'Start each statement with one of the listed words, or remove the extra text.',
  },
  PV1014: {
    severity: 'error',
    message: 'Expected {expected} to close {opener}, found {found}',
    example: 'policy "Hold" {\n  when (account.region = "EMEA"\n}',
    fix: 'Add the missing closing bracket.',
  },
  PV1015: {
    severity: 'error',
    message: '{what} must be a whole number, not {text}',
    example: 'policy "Half" {\n  priority 1.5\n}',
    fix: 'Write a whole number without a decimal point.',
  },
  PV1016: {
    severity: 'error',
    message: 'Expected a condition after {previous}, found {found}',
    example: 'policy "Hold" {\n  when\n  hold billing\n}',
    fix: 'Write a condition such as `account.region = "EMEA"`, or remove the word.',
  },
  PV1017: {
    severity: 'error',
    message: "Expected 'present' or 'missing' after 'is', found {found}",
    example: 'policy "PO" {\n  when order.poNumber is empty\n}',
    fix: 'Write `is present` or `is missing`.',
  },
  PV1018: {
    severity: 'error',
    message: "Expected 'and' between the two bounds of 'between', found {found}",
    example: 'policy "Freeze" {\n  when billingDate between 2026-12-24 to 2027-01-03\n}',
    fix: 'Write `between <low> and <high>`.',
  },
  PV1019: {
    severity: 'error',
    message: "Comparisons cannot be chained: {found} follows a comparison; combine two comparisons with 'and'",
    example: 'policy "Mid-size" {\n  when 10 < line.quantity < 100\n}',
    fix: 'Write `line.quantity > 10 and line.quantity < 100`, or use `between`.',
  },
  PV1090: {
    severity: 'error',
    message: 'This file is too large to check ({size}); the limit is {limit}',
    example: '(a file larger than 1 MiB)',
    fix: 'Split the policies into several files.',
  },
  PV1091: {
    severity: 'error',
    message: 'This file has too many words and symbols ({count}); the limit is {limit}',
    example: '(a file with more than 200,000 tokens)',
    fix: 'Split the policies into several files.',
  },
  PV1092: {
    severity: 'error',
    message: 'This expression is nested too deeply (more than {limit} levels of brackets, lists or not)',
    example: 'policy "Deep" {\n  when ((((((((((( ... )))))))))))\n}',
    fix: 'Simplify the condition: remove redundant brackets or split it into several policies.',
  },
  PV1099: {
    severity: 'error',
    message: 'This text could not be read because of an internal problem ({reason}); please report it with the file',
    example: '(no known input triggers it)',
    fix: 'Report the file to the Proviso developers; meanwhile simplify the text around the reported position.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type SyntaxCode = keyof typeof SYNTAX_DIAGNOSTICS;
