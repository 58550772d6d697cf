// Example Proviso plugin: a small company holiday calendar.
//
// proviso.config.json loads it with `"plugins": ["./vocabulary/holidays.js"]`
// (paths are relative to the config file). A plugin is a plain ES module whose
// default export receives the extension API and registers words through it;
// the checker, the editor's completion and hover, the generated vocabulary
// reference and the engine all learn the words from that one registration.
//
// Runtime values: dates are 'YYYY-MM-DD' strings, booleans are booleans (see
// engine/vocabulary/plugin-api.ts for every type). Implementations must be pure:
// no clock, no I/O, so the same facts always give the same decision.
//
// The calendar: New Year's Day (January 1), Christmas Day (December 25) and
// Boxing Day (December 26) of 2026, 2027 and 2028. Nothing else, and no
// substitute days when a holiday falls on a weekend (weekends are skipped anyway).

const YEARS = [2026, 2027, 2028];
export const HOLIDAYS = new Set(YEARS.flatMap((y) => [`${y}-01-01`, `${y}-12-25`, `${y}-12-26`]));

const DAY_MS = 86_400_000;

/** Day of the week of an ISO date: 0 = Sunday ... 6 = Saturday. */
function weekday(iso) {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function nextDay(iso) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function isHoliday(date) {
  return HOLIDAYS.has(date);
}

/** The date itself when it is a business day (Monday to Friday and not a
 * holiday), otherwise the first business day after it. */
export function nextBusinessDay(date) {
  let d = date;
  // bounded: at most a weekend plus two consecutive holidays plus a weekend
  for (let i = 0; i < 14; i++) {
    const w = weekday(d);
    if (w !== 0 && w !== 6 && !HOLIDAYS.has(d)) return d;
    d = nextDay(d);
  }
  throw new Error(`no business day within two weeks of ${date}`);
}

const DATE = { kind: 'date' };

/** @param {import('../../engine/vocabulary/plugin-api.js').PluginApi} api */
export default function holidays(api) {
  api.addFunction({
    name: 'nextBusinessDay',
    params: [{ name: 'date', type: DATE }],
    returns: DATE,
    doc: "The date itself when it is a business day (Monday to Friday, not a company holiday), otherwise the next business day. Holidays: January 1, December 25 and December 26 of 2026-2028.",
    examples: ['override billing date to nextBusinessDay(billingDate)', 'nextBusinessDay(2026-12-25) = 2026-12-28'],
    impl: (date) => nextBusinessDay(date),
  });
  api.addFunction({
    name: 'isHoliday',
    params: [{ name: 'date', type: DATE }],
    returns: { kind: 'boolean' },
    doc: 'True on a company holiday: January 1, December 25 or December 26 of 2026-2028.',
    examples: ['isHoliday(billingDate)', 'not isHoliday(today)'],
    impl: (date) => HOLIDAYS.has(date),
  });
}
