// Built-in date functions. Dates are calendar dates `YYYY-MM-DD`; weekdays are
// Monday to Friday (no holiday calendar: see the holidays example plugin).
import { Dec } from '../../money/decimal.js';
import type { DslType } from '../../../dsl/vocabulary/vocabulary-types.js';
import type { FunctionDef, PluginApi, ProvisoPlugin } from '../plugin-api.js';
import { addDays, daysInMonth, endOfMonthOf, formatDate, parseDate, toEpochDay, weekday } from './civil-date.js';

const DATE: DslType = { kind: 'date' };
const DECIMAL: DslType = { kind: 'decimal' };
const BOOLEAN: DslType = { kind: 'boolean' };
const oneDate = [{ name: 'date', type: DATE }] as const;

const d = (v: unknown): string => v as string;

export const DATE_FUNCTIONS: readonly FunctionDef[] = [
  {
    name: 'nextWeekday', params: oneDate, returns: DATE,
    doc: 'The date itself when it is a weekday (Monday to Friday), otherwise the following Monday.',
    examples: ['override billing date to nextWeekday(billingDate)', 'nextWeekday(2026-08-01) = 2026-08-03'],
    impl: (date) => {
      const w = weekday(d(date));
      return w === 6 ? addDays(d(date), 2) : w === 0 ? addDays(d(date), 1) : d(date);
    },
  },
  {
    name: 'previousWeekday', params: oneDate, returns: DATE,
    doc: 'The date itself when it is a weekday (Monday to Friday), otherwise the preceding Friday.',
    examples: ['override billing date to previousWeekday(billingDate)', 'previousWeekday(2026-08-02) = 2026-07-31'],
    impl: (date) => {
      const w = weekday(d(date));
      return w === 6 ? addDays(d(date), -1) : w === 0 ? addDays(d(date), -2) : d(date);
    },
  },
  {
    name: 'startOfMonth', params: oneDate, returns: DATE,
    doc: 'The first day of the date\'s month.',
    examples: ['startOfMonth(2026-02-17) = 2026-02-01'],
    impl: (date) => d(date).slice(0, 8) + '01',
  },
  {
    name: 'endOfMonth', params: oneDate, returns: DATE,
    doc: 'The last day of the date\'s month (February 29 in leap years).',
    examples: ['endOfMonth(2028-02-10) = 2028-02-29', 'override billing date to endOfMonth(billingDate)'],
    impl: (date) => endOfMonthOf(d(date)),
  },
  {
    name: 'startOfQuarter', params: oneDate, returns: DATE,
    doc: 'The first day of the date\'s calendar quarter (Jan 1, Apr 1, Jul 1, Oct 1).',
    examples: ['startOfQuarter(2026-05-20) = 2026-04-01'],
    impl: (date) => {
      const { year, month } = parseDate(d(date));
      return formatDate(year, month - ((month - 1) % 3), 1);
    },
  },
  {
    name: 'endOfQuarter', params: oneDate, returns: DATE,
    doc: 'The last day of the date\'s calendar quarter (Mar 31, Jun 30, Sep 30, Dec 31).',
    examples: ['endOfQuarter(2026-05-20) = 2026-06-30'],
    impl: (date) => {
      const { year, month } = parseDate(d(date));
      const m = month - ((month - 1) % 3) + 2;
      return formatDate(year, m, daysInMonth(year, m));
    },
  },
  {
    name: 'startOfYear', params: oneDate, returns: DATE,
    doc: 'January 1 of the date\'s year.',
    examples: ['startOfYear(2026-05-20) = 2026-01-01'],
    impl: (date) => d(date).slice(0, 4) + '-01-01',
  },
  {
    name: 'endOfYear', params: oneDate, returns: DATE,
    doc: 'December 31 of the date\'s year.',
    examples: ['endOfYear(2026-05-20) = 2026-12-31', 'line.endDate = endOfYear(line.startDate)'],
    impl: (date) => d(date).slice(0, 4) + '-12-31',
  },
  {
    name: 'daysBetween', params: [{ name: 'from', type: DATE }, { name: 'to', type: DATE }], returns: DECIMAL,
    doc: 'Number of days from the first date to the second (negative when the second is earlier); daysBetween(x, x) = 0.',
    examples: ['daysBetween(2026-01-01, 2026-01-31) = 30', 'daysBetween(line.startDate, today) > 30'],
    impl: (from, to) => new Dec(toEpochDay(d(to)) - toEpochDay(d(from))),
  },
  {
    name: 'dayOfMonth', params: oneDate, returns: DECIMAL,
    doc: 'The day of the month, 1-31.',
    examples: ['dayOfMonth(line.startDate) > 28'],
    impl: (date) => new Dec(+d(date).slice(8, 10)),
  },
  {
    name: 'month', params: oneDate, returns: DECIMAL,
    doc: 'The month number, 1 (January) to 12 (December).',
    examples: ['month(billingDate) = 12'],
    impl: (date) => new Dec(+d(date).slice(5, 7)),
  },
  {
    name: 'year', params: oneDate, returns: DECIMAL,
    doc: 'The year number.',
    examples: ['year(line.startDate) = 2026'],
    impl: (date) => new Dec(+d(date).slice(0, 4)),
  },
  {
    name: 'isWeekend', params: oneDate, returns: BOOLEAN,
    doc: 'True on Saturday and Sunday.',
    examples: ['isWeekend(billingDate)'],
    impl: (date) => {
      const w = weekday(d(date));
      return w === 0 || w === 6;
    },
  },
];

export const builtinDateFunctions: ProvisoPlugin = (api: PluginApi) => {
  for (const f of DATE_FUNCTIONS) api.addFunction(f);
};
