// Semantic diagnostics (PV2xxx). Codes are stable: never renumber or reuse
// one; add new codes at the end of the range. Configuration codes (PV31xx) live
// in engine/vocabulary/config-codes.ts, evaluation codes (PV4xxx) in
// engine/evaluate/eval-codes.ts; docs/diagnostics.md lists all of them.
// Messages follow catalog-syntax.ts: no final full stop, `{placeholders}`
// filled at report time, written for the finance admin who types the policy.
import type { CatalogEntry } from './diagnostic-types.js';

export const SEMANTIC_DIAGNOSTICS = {
  // ------------------------------------------------------------ names (binder)
  PV2001: {
    severity: 'error',
    message: "Unknown fact '{name}'{didYouMean}",
    example: 'policy "EMEA" {\n  when acount.region = "EMEA"\n  hold billing\n}',
    fix: 'Use a fact from the vocabulary reference (docs/vocabulary.md), e.g. `account.region`.',
  },
  PV2002: {
    severity: 'error',
    message: "'{object}' has no field '{name}'; {declared}{didYouMean}",
    example: 'policy "EMEA" {\n  when account.regoin = "EMEA"\n  hold billing\n}',
    fix: 'Correct the spelling, or declare the attribute with its type under `attributes` in proviso.config.json.',
  },
  PV2003: {
    severity: 'error',
    message: "Unknown function '{name}'{didYouMean}",
    example: 'policy "Next weekday" {\n  override billing date to nextWeekdy(billingDate)\n}',
    fix: 'Use a function from the vocabulary reference, e.g. `nextWeekday(billingDate)`.',
  },
  PV2004: {
    severity: 'error',
    message: "Unknown operator '{name}'{didYouMean}",
    example: 'policy "Support" {\n  when product.code startswith "SUP"\n  hold billing\n}',
    fix: 'Use one of the word operators of the vocabulary: contains, starts with, ends with (or one a plugin adds).',
  },
  PV2005: {
    severity: 'error',
    message: "Unknown proration method '{name}'; known methods: {known}{didYouMean}",
    example: 'policy "Prorate" {\n  prorate dayly\n}',
    fix: 'Use daily, monthly-daily, whole-months, thirty-360 or none (or a method a plugin registers).',
  },
  PV2006: {
    severity: 'error',
    message: "Unknown rounding mode '{name}'; known modes: {known}{didYouMean}",
    example: 'policy "Prorate" {\n  prorate daily rounding half-odd\n}',
    fix: 'Use half-up, half-even, up or down.',
  },
  PV2007: {
    severity: 'error',
    message: "Amendments align to 'own' or 'original', not '{name}'{didYouMean}",
    example: 'policy "Co-term" {\n  align amendments to parent\n}',
    fix: 'Write `align amendments to original` (co-terminate with the amended line) or `align amendments to own`.',
  },
  PV2008: {
    severity: 'error',
    message: "'{name}' is only known for one billing period, but the billing day decides the periods; it cannot be used here",
    example: 'policy "Day" {\n  billing day of month dayOfMonth(billingDate)\n}',
    fix: 'Compute the billing day from line facts (e.g. `dayOfMonth(line.startDate)`), or use `billingDate` in `when` or `override billing date to`.',
  },
  PV2009: {
    severity: 'error',
    message: "'{name}' is not a value by itself; name one of its fields: {fields}",
    example: 'policy "Account" {\n  when account = "A1"\n  hold billing\n}',
    fix: 'Write the field you mean, e.g. `account.id`.',
  },
  // ------------------------------------------------------------- types (checker)
  PV2010: {
    severity: 'error',
    message: "'{op}' needs conditions (true or false) on both sides, but this is {actual}",
    example: 'policy "Big" {\n  when line.quantity and line.unitPrice > 5\n  hold billing\n}',
    fix: 'Compare the value with something, e.g. `line.quantity > 10 and line.unitPrice > 5`.',
  },
  PV2011: {
    severity: 'error',
    message: "Cannot compare {left} with {right} using '{op}'",
    example: 'policy "Big" {\n  when line.quantity = "ten"\n  hold billing\n}',
    fix: 'Compare values of the same kind: numbers with numbers, dates with dates, text with text.',
  },
  PV2012: {
    severity: 'error',
    message: "'{op}' compares two numbers or two dates, not {left} and {right}",
    example: 'policy "Late" {\n  when order.poNumber > 100\n  hold billing\n}',
    fix: 'Use `<`, `<=`, `>`, `>=` only between numbers or between dates; use `=` or `starts with` for text.',
  },
  PV2013: {
    severity: 'error',
    message: "'{op}' is not defined for {operands}",
    example: 'policy "Shift" {\n  override billing date to billingDate + 5\n}',
    fix: 'Arithmetic works on numbers; a date can be moved by a duration (`billingDate + 5 days`).',
  },
  PV2014: {
    severity: 'error',
    message: 'Subtracting one date from another is not allowed; use daysBetween({left}, {right})',
    example: 'policy "Long" {\n  when line.endDate - line.startDate > 30\n  hold billing\n}',
    fix: 'Write `daysBetween(line.startDate, line.endDate) > 30`.',
  },
  PV2015: {
    severity: 'error',
    message: "'{value}' is not a value of {type}; allowed values: {allowed}{didYouMean}",
    example: 'policy "Monthly" {\n  when line.billingFrequency = "montly"\n  prorate daily\n}',
    fix: 'Use one of the allowed values (they are case-sensitive), or add the value to the attribute declaration in proviso.config.json.',
  },
  PV2016: {
    severity: 'error',
    message: 'This list item is {actual}, but it is compared with {expected}',
    example: 'policy "Regions" {\n  when account.region in ["EMEA", 5]\n  hold billing\n}',
    fix: 'Make every item of the list the same kind as the value on the left.',
  },
  PV2017: {
    severity: 'error',
    message: "'{op}' needs a list on the right, such as [\"a\", \"b\"]; this is {actual}",
    example: 'policy "Regions" {\n  when account.region in "EMEA"\n  hold billing\n}',
    fix: 'Put the values in square brackets: `in ["EMEA"]`, or use `=` for a single value.',
  },
  PV2018: {
    severity: 'error',
    message: "'between' needs bounds of the same kind as the value ({expected}); this bound is {actual}",
    example: 'policy "Freeze" {\n  when billingDate between 2026-12-24 and 10\n  hold billing\n}',
    fix: 'Use two dates for a date, or two numbers for a number: `between 2026-12-24 and 2027-01-03`.',
  },
  PV2019: {
    severity: 'error',
    message: "The lower bound {low} is after the upper bound {high}, so 'between' is never true",
    example: 'policy "Freeze" {\n  when billingDate between 2027-01-03 and 2026-12-24\n  hold billing\n}',
    fix: 'Write the earlier or smaller bound first.',
  },
  PV2020: {
    severity: 'warning',
    message: "'{name}' is always present, so 'is {word}' is always {result}",
    example: 'policy "Qty" {\n  when line.quantity is missing\n  hold billing\n}',
    fix: 'Remove the test, or test a fact that may be absent (e.g. `order.poNumber is present`).',
  },
  PV2021: {
    severity: 'error',
    message: "'{op}' needs {expectedLeft} on the left and {expectedRight} on the right, not {left} and {right}",
    example: 'policy "Support" {\n  when line.quantity starts with "1"\n  hold billing\n}',
    fix: 'Use the operator on the kind of values it is made for (text for contains / starts with / ends with).',
  },
  PV2022: {
    severity: 'error',
    message: '{name}() takes {expected}, but {actual} given',
    example: 'policy "Next" {\n  override billing date to nextWeekday(billingDate, 2)\n}',
    fix: 'Pass exactly the arguments the function documents (see docs/vocabulary.md).',
  },
  PV2023: {
    severity: 'error',
    message: "Argument {index} ('{param}') of {name}() must be {expected}, not {actual}",
    example: 'policy "Next" {\n  override billing date to nextWeekday("monday")\n}',
    fix: 'Pass a value of the documented kind, e.g. `nextWeekday(billingDate)`.',
  },
  PV2024: {
    severity: 'error',
    message: "The 'when' condition must be true or false, but this is {actual}",
    example: 'policy "EMEA" {\n  when account.region\n  hold billing\n}',
    fix: 'Compare the value with something: `when account.region = "EMEA"`.',
  },
  PV2025: {
    severity: 'error',
    message: "The 'until' condition of a hold must be true or false, but this is {actual}",
    example: 'policy "PO" {\n  hold billing until order.poNumber\n}',
    fix: 'Write a condition, e.g. `hold billing until order.poNumber is present`.',
  },
  PV2026: {
    severity: 'error',
    message: 'The new billing date must be a date, but this is {actual}',
    example: 'policy "Freeze" {\n  override billing date to 15\n}',
    fix: 'Give a date (`2027-01-04`) or a date expression (`nextWeekday(billingDate)`, `billingDate + 3 days`).',
  },
  PV2027: {
    severity: 'error',
    message: "The billing day of month must be a whole number from 1 to 31 or 'last', not {value}",
    example: 'policy "Day" {\n  billing day of month 32\n}',
    fix: 'Use 1 to 31 (shorter months use their last day) or `last`.',
  },
  PV2028: {
    severity: 'error',
    message: "The billing day of month must be a number, 'last' or a number expression, but this is {actual}",
    example: 'policy "Day" {\n  billing day of month line.startDate\n}',
    fix: 'Use a number expression such as `dayOfMonth(line.startDate)`.',
  },
  PV2029: {
    severity: 'error',
    message: '{text} is not a calendar date: {reason}',
    example: 'policy "Freeze" {\n  override billing date to 2026-02-30\n}',
    fix: 'Write an existing date as YYYY-MM-DD (February has 28 days, 29 in leap years).',
  },
  PV2030: {
    severity: 'error',
    message: 'Priority must be a whole number, not {value}',
    example: 'policy "Urgent" {\n  priority 99999999999999999999\n  hold billing\n}',
    fix: 'Write a whole number between -1000000000 and 1000000000; higher numbers win.',
  },
  PV2031: {
    severity: 'error',
    message: 'Precision must be a whole number from 0 to 10, not {value}',
    example: 'policy "Prorate" {\n  prorate daily precision 12\n}',
    fix: 'Write the number of decimal places to round to, from 0 to 10.',
  },
  PV2032: {
    severity: 'error',
    message: "This policy already has {setting}; a policy may have it only once",
    example: 'policy "Day" {\n  billing day of month 1\n  billing day of month 15\n}',
    fix: 'Keep one of the two statements, or move the other into its own policy with its own condition.',
  },
  PV2033: {
    severity: 'error',
    message: 'A policy named "{name}" already exists; policy names must be unique across the library',
    example: 'policy "Hold" {\n  hold billing\n}\npolicy "Hold" {\n  prorate daily\n}',
    fix: 'Rename one of the policies (the name is how runs, traces and versions refer to it).',
  },
  PV2034: {
    severity: 'warning',
    message: 'Policy "{name}" has no statements, so it changes nothing',
    example: 'policy "Draft" {\n  description "To do"\n}',
    fix: 'Add a statement (hold billing, billing day of month, override billing date, align amendments, prorate) or delete the policy.',
  },
  PV2035: {
    severity: 'warning',
    message: 'Policies "{name}" and "{other}" both have priority {priority} and set {setting} differently ({value} here, {otherValue} there); where both apply, billing stops with a conflict',
    example: 'policy "A" {\n  billing day of month 1\n}\npolicy "B" {\n  billing day of month 15\n}',
    fix: 'Give one policy a higher priority, or make their `when` conditions exclusive (e.g. different regions).',
  },
  PV2036: {
    severity: 'error',
    message: 'Division by zero',
    example: 'policy "Half" {\n  when line.quantity / 0 > 1\n  hold billing\n}',
    fix: 'Divide by a number other than 0.',
  },
  PV2037: {
    severity: 'error',
    message: 'List items must all be of one kind; this item is {actual}, the first is {expected}',
    example: 'policy "Mixed" {\n  when [1, "two"] = [1, 2]\n  hold billing\n}',
    fix: 'Make the list contain values of one kind only.',
  },
  PV2038: {
    severity: 'error',
    message: "This policy's condition reads billingDate, so it is decided per period, but {setting} is decided once per line",
    example: 'policy "Freeze proration" {\n  when billingDate between 2026-12-24 and 2027-01-03\n  prorate none\n}',
    fix: 'Move the billing day, alignment or proration into a policy whose condition does not use billingDate; keep overrides and holds here.',
  },
  PV2039: {
    severity: 'warning',
    message: "'{name}' has no value on some lines, and {where} then stops billing the line with an evaluation error (PV4001); guard it with '{name} is present'",
    example: 'policy "PO X" {\n  when order.poNumber = "X"\n  hold billing\n}',
    fix: 'Guard the comparison: `order.poNumber is present and order.poNumber = "X"` (or `order.poNumber is missing or ...`), or put the guard in the policy\'s `when`.',
  },
} as const satisfies Record<string, CatalogEntry>;

export type SemanticCode = keyof typeof SEMANTIC_DIAGNOSTICS;
