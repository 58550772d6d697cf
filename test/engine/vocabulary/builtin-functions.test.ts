// Built-in functions and operators, called through the registry as compiled
// policies call them. Rows are named after the boundary they pin down.
import { Decimal } from 'decimal.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import type { Value } from '../../../engine/vocabulary/runtime-values.js';

const registry = createRegistry();
const call = (name: string, ...args: Value[]): Value => registry.function(name)!.impl(...args);
const text = (v: Value): unknown => (Decimal.isDecimal(v) ? v.toString() : v);

describe('date functions', () => {
  test.each<[string, string, Value[], unknown]>([
    ['nextWeekday: a Friday stays', 'nextWeekday', ['2026-07-31'], '2026-07-31'],
    ['nextWeekday: Saturday -> Monday', 'nextWeekday', ['2026-08-01'], '2026-08-03'],
    ['nextWeekday: Sunday -> Monday', 'nextWeekday', ['2026-08-02'], '2026-08-03'],
    ['nextWeekday: Saturday at year end crosses the year', 'nextWeekday', ['2022-12-31'], '2023-01-02'],
    ['previousWeekday: a Monday stays', 'previousWeekday', ['2026-08-03'], '2026-08-03'],
    ['previousWeekday: Saturday -> Friday', 'previousWeekday', ['2026-08-01'], '2026-07-31'],
    ['previousWeekday: Sunday -> Friday', 'previousWeekday', ['2026-08-02'], '2026-07-31'],
    ['previousWeekday: Sunday at year start crosses the year', 'previousWeekday', ['2023-01-01'], '2022-12-30'],
    ['startOfMonth', 'startOfMonth', ['2026-02-17'], '2026-02-01'],
    ['endOfMonth: February in a common year', 'endOfMonth', ['2026-02-10'], '2026-02-28'],
    ['endOfMonth: February in a leap year', 'endOfMonth', ['2028-02-10'], '2028-02-29'],
    ['endOfMonth: February 1900 (not leap)', 'endOfMonth', ['1900-02-01'], '1900-02-28'],
    ['endOfMonth: February 2000 (leap)', 'endOfMonth', ['2000-02-01'], '2000-02-29'],
    ['endOfMonth: April has 30 days', 'endOfMonth', ['2026-04-30'], '2026-04-30'],
    ['startOfQuarter: first month', 'startOfQuarter', ['2026-01-01'], '2026-01-01'],
    ['startOfQuarter: last day of Q2', 'startOfQuarter', ['2026-06-30'], '2026-04-01'],
    ['endOfQuarter: Q1', 'endOfQuarter', ['2026-02-14'], '2026-03-31'],
    ['endOfQuarter: Q2 ends on the 30th', 'endOfQuarter', ['2026-04-01'], '2026-06-30'],
    ['endOfQuarter: Q4', 'endOfQuarter', ['2026-10-01'], '2026-12-31'],
    ['startOfYear', 'startOfYear', ['2026-05-20'], '2026-01-01'],
    ['endOfYear', 'endOfYear', ['2026-05-20'], '2026-12-31'],
    ['daysBetween: same day is 0', 'daysBetween', ['2026-03-01', '2026-03-01'], '0'],
    ['daysBetween: across a leap February', 'daysBetween', ['2028-02-01', '2028-03-01'], '29'],
    ['daysBetween: backwards is negative', 'daysBetween', ['2026-03-01', '2026-02-01'], '-28'],
    ['daysBetween: a common year', 'daysBetween', ['2026-01-01', '2027-01-01'], '365'],
    ['dayOfMonth', 'dayOfMonth', ['2026-03-31'], '31'],
    ['month', 'month', ['2026-12-01'], '12'],
    ['year', 'year', ['2026-12-01'], '2026'],
    ['isWeekend: Saturday', 'isWeekend', ['2026-08-01'], true],
    ['isWeekend: Sunday', 'isWeekend', ['2026-08-02'], true],
    ['isWeekend: Monday', 'isWeekend', ['2026-08-03'], false],
  ])('%s', (_name, fn, args, expected) => {
    expect(text(call(fn, ...args))).toBe(expected);
  });
});

describe('string functions', () => {
  test.each<[string, string, Value[], unknown]>([
    ['upper', 'upper', ['Gold support'], 'GOLD SUPPORT'],
    ['lower', 'lower', ['Gold SUPPORT'], 'gold support'],
    ['length of empty text', 'length', [''], '0'],
    ['length counts characters, not UTF-16 units', 'length', ['Zürich €'], '8'],
    ['length of an emoji is one character', 'length', ['🙂'], '1'],
  ])('%s', (_name, fn, args, expected) => {
    expect(text(call(fn, ...args))).toBe(expected);
  });
});

describe('operators', () => {
  const op = (name: string, l: Value, r: Value): boolean => registry.operator(name)!.test(l, r);
  test.each<[string, string, Value, Value, boolean]>([
    ['contains: substring', 'contains', 'Gold support', 'support', true],
    ['contains: case-sensitive', 'contains', 'Gold support', 'Support', false],
    ['contains: empty text is in every text', 'contains', 'abc', '', true],
    ['contains: list has the element', 'contains', ['EMEA', 'APAC'], 'APAC', true],
    ['contains: list lacks the element', 'contains', ['EMEA', 'APAC'], 'NA', false],
    ['contains: list of decimals compares by value', 'contains', [new Decimal('1.50')], new Decimal('1.5'), true],
    ['starts with', 'starts with', 'SUP-GOLD', 'SUP', true],
    ['starts with: not a prefix', 'starts with', 'LIC-SUP', 'SUP', false],
    ['ends with', 'ends with', 'SUP-GOLD', 'GOLD', true],
  ])('%s', (_name, name, l, r, expected) => {
    expect(op(name, l, r)).toBe(expected);
  });

  test('contains on a decimal is a type error, not false', () => {
    expect(() => op('contains', new Decimal(5), 'x')).toThrow('`contains` needs text on the left, got a decimal');
  });
});
