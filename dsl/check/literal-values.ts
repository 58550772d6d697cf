// Static facts about literals: calendar validity of date literals, whole
// numbers, and ordering of decimal texts (never through floats).

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why `YYYY-MM-DD` is not a calendar date, or undefined when it is one. */
export function dateLiteralProblem(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return 'write it as YYYY-MM-DD';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) return 'there is no year 0';
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1) return 'days start at 01';
  if (day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

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
