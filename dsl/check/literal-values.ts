// Static facts about literals: calendar validity of date literals, whole
// numbers, and ordering of decimal texts (never through floats).

import { daysInMonth, isLeapYear, isoDateProblem } from '../dates/iso-date.js';

export { daysInMonth, isLeapYear };

/** Why `YYYY-MM-DD` is not a calendar date, or undefined when it is one (the date kernel's answer). */
export const dateLiteralProblem = isoDateProblem;

/** Whole number text with an optional minus sign (`12`, `-5`). */
export function isWholeNumberText(text: string): boolean {
  return /^-?\d+$/.test(text);
}

/** Compares two decimal texts (`-1.50`, `3`, `0.25`): negative, zero or positive. */
export function compareDecimalText(a: string, b: string): number {
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  const [intA, fracA] = splitDecimal(negA ? a.slice(1) : a);
  const [intB, fracB] = splitDecimal(negB ? b.slice(1) : b);
  const zeroA = intA === '' && fracA === '';
  const zeroB = intB === '' && fracB === '';
  const signA = zeroA ? 0 : negA ? -1 : 1;
  const signB = zeroB ? 0 : negB ? -1 : 1;
  if (signA !== signB) return signA - signB;
  if (signA === 0) return 0;
  let magnitude: number;
  if (intA.length !== intB.length) magnitude = intA.length - intB.length;
  else if (intA !== intB) magnitude = intA < intB ? -1 : 1;
  else {
    const width = Math.max(fracA.length, fracB.length);
    const fa = fracA.padEnd(width, '0');
    const fb = fracB.padEnd(width, '0');
    magnitude = fa === fb ? 0 : fa < fb ? -1 : 1;
  }
  return signA * Math.sign(magnitude);
}

/** Integer part without leading zeros and fraction without trailing zeros. */
function splitDecimal(text: string): [string, string] {
  const dot = text.indexOf('.');
  const int = (dot < 0 ? text : text.slice(0, dot)).replace(/^0+/, '');
  const frac = dot < 0 ? '' : text.slice(dot + 1).replace(/0+$/, '');
  return [int, frac];
}

/** True for `0`, `0.00`, `000`. */
export function isZeroText(text: string): boolean {
  return /^-?0*(\.0*)?$/.test(text) && /\d/.test(text);
}
