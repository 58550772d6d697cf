// Hover docs for the DSL's own words (the vocabulary's words have theirs in the
// manifest). Typed over the lexer's keyword list, so a new keyword without a
// doc does not compile.
import type { KeywordWord } from '../../../dsl/lexer/tokens.js';

export const KEYWORD_DOCS: Readonly<Record<KeywordWord, string>> = {
  policy: '`policy "Name" { ... }` — one billing policy. Names are unique across the library; runs and traces name it.',
  description: '`description "..."` — what the policy is for, for the people who read it. Optional.',
  priority: '`priority <whole number>` — the highest-priority applicable policy wins each setting (default 0). Equal priorities with different values are a conflict.',
  when: '`when <condition>` — which order products the policy applies to (default: all). It is evaluated first and guards every statement of the policy.',
  hold: '`hold billing [until <condition>] [reason "..."]` — the line produces no invoice lines while held; every reason is reported.',
  billing: 'Starts `hold billing`, `billing day of month` or (after `override`) `billing date`.',
  until: '`hold billing until <condition>` — the hold is released once the condition holds.',
  reason: '`reason "..."` — the words a run, the timeline and the invoice trace show for a hold or an override.',
  day: '`billing day of month <1-31 | last | expression>` — the day periods start on; shorter months clamp to their last day.',
  of: 'Part of `billing day of month`.',
  month: 'Part of `billing day of month`, or a duration unit (`1 month`).',
  last: '`billing day of month last` — the last day of every month.',
  override: '`override billing date to <date> [reason "..."]` — moves the date a period bills on (never its coverage), per period.',
  date: 'Part of `override billing date to`.',
  to: 'Part of `override billing date to` and `align amendments to`.',
  align: '`align amendments to own | original` — an amendment runs its own cycle, or co-terminates with the line it amends.',
  amendments: 'Part of `align amendments to own | original`.',
  prorate: '`prorate <method> [rounding <mode>] [precision <digits>]` — how a stub period is priced: daily, monthly-daily, whole-months, thirty-360, none.',
  rounding: '`rounding half-up | half-even | up | down` — how each invoice line is rounded to the currency\'s minor unit (half-even is banker\'s rounding).',
  precision: '`precision <0-10>` — fewer decimals for amounts (whole euros); never more than the currency\'s minor unit.',
  and: '`a and b` — both hold. A fact tested on the left (`x is present and ...`) is known on the right.',
  or: '`a or b` — either holds. `x is missing or ...` guards a maybe-missing fact on the right.',
  not: '`not a` — the condition does not hold.',
  in: '`x in [a, b]` / `x not in [a, b]` — x is (not) one of the listed values.',
  is: '`x is present` / `x is missing` — whether a maybe-missing fact has a value on the line.',
  present: '`x is present` — x has a value. Guards the comparisons after it (`x is present and x = "..."`).',
  missing: '`x is missing` — x has no value on this line (an order without a PO number).',
  between: '`x between low and high` — inclusive at both ends; numbers or dates.',
  contains: '`text contains "part"` — the text includes the part.',
  starts: '`text starts with "prefix"`.',
  ends: '`text ends with "suffix"`.',
  with: 'Part of `starts with` and `ends with`.',
  true: 'The condition that always holds.',
  false: 'The condition that never holds.',
};

/** The doc of a DSL keyword, or undefined for any other word. */
export function keywordDoc(word: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, word) ? KEYWORD_DOCS[word as KeywordWord] : undefined;
}
