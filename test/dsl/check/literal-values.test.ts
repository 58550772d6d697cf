// Calendar validity of date literals and ordering of decimal texts.
import { compareDecimalText, dateLiteralProblem, daysInMonth, isZeroText } from '../../../dsl/check/literal-values.js';

describe('dateLiteralProblem', () => {
  test.each([
    ['2028-02-29 exists', '2028-02-29'],
    ['2000-02-29 exists (divisible by 400)', '2000-02-29'],
    ['2026-02-28 exists', '2026-02-28'],
    ['2026-12-31 exists', '2026-12-31'],
    ['2026-04-30 exists', '2026-04-30'],
    ['0001-01-01 exists', '0001-01-01'],
  ])('%s', (_name, text) => {
    expect(dateLiteralProblem(text)).toBeUndefined();
  });

  test.each([
    ['2026-02-29 does not', '2026-02-29', 'February 2026 has 28 days'],
    ['2026-02-30 does not', '2026-02-30', 'February 2026 has 28 days'],
    ['1900-02-29 does not (century)', '1900-02-29', 'February 1900 has 28 days'],
    ['2028-02-30 does not', '2028-02-30', 'February 2028 has 29 days'],
    ['2026-04-31 does not', '2026-04-31', 'April 2026 has 30 days'],
    ['month 13 does not', '2026-13-01', 'there is no month 13'],
    ['month 00 does not', '2026-00-10', 'there is no month 0'],
    ['day 00 does not', '2026-01-00', 'days start at 01'],
    ['year 0000 does not', '0000-01-01', 'there is no year 0'],
    ['a malformed text', '2026-1-1', 'write it as YYYY-MM-DD'],
  ])('%s', (_name, text, reason) => {
    expect(dateLiteralProblem(text)).toBe(reason);
  });
});

test.each([
  ['January', 2026, 1, 31],
  ['February of a common year', 2026, 2, 28],
  ['February of a leap year', 2028, 2, 29],
  ['February 2100 (not leap)', 2100, 2, 28],
  ['September', 2026, 9, 30],
])('daysInMonth: %s', (_name, year, month, days) => {
  expect(daysInMonth(year, month)).toBe(days);
});

describe('compareDecimalText', () => {
  test.each([
    ['equal integers', '5', '5', 0],
    ['trailing zeros are equal', '5.50', '5.5', 0],
    ['leading zeros are equal', '007', '7', 0],
    ['zero and minus zero', '0', '-0.0', 0],
    ['smaller integer', '9', '10', -1],
    ['fraction decides', '9.5', '9.49', 1],
    ['negative below positive', '-1', '0.1', -1],
    ['more negative is smaller', '-10', '-9.99', -1],
    ['beyond float precision', '0.10000000000000000001', '0.1', 1],
  ])('%s', (_name, a, b, sign) => {
    // `+ 0` turns -0 into 0 (toBe tells them apart).
    expect(Math.sign(compareDecimalText(a, b)) + 0).toBe(sign);
    expect(Math.sign(compareDecimalText(b, a)) + 0).toBe(-sign + 0);
  });
});

test.each([
  ['0', true],
  ['0.00', true],
  ['000', true],
  ['0.001', false],
  ['10', false],
])('isZeroText(%s)', (text, expected) => {
  expect(isZeroText(text)).toBe(expected);
});
