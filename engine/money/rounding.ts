// THE rounding module: every amount is rounded here, once per invoice line, to
// the currency's minor unit (or a policy's precision), with a named mode.
//
// Modes (how a value that does not fit the precision is rounded):
//   half-up   to the nearest; a tie (…5) goes AWAY FROM ZERO: 2.345 -> 2.35, -2.345 -> -2.35
//   half-even to the nearest; a tie goes to the even digit (banker's): 2.345 -> 2.34, 2.355 -> 2.36
//   up        AWAY FROM ZERO, whatever the discarded digits: 2.341 -> 2.35, -2.341 -> -2.35
//   down      TOWARD ZERO (truncate): 2.349 -> 2.34, -2.349 -> -2.34
// 'up' and 'down' are symmetric for credits (negative amounts): a credit rounded
// 'up' grows in magnitude, exactly as a charge does.

import { Decimal } from 'decimal.js';
import { Dec } from './decimal.js';

export type RoundingMode = 'half-up' | 'half-even' | 'up' | 'down';

export const ROUNDING_MODES: readonly RoundingMode[] = ['half-up', 'half-even', 'up', 'down'];

/** A rounding mode a plugin registered: its name and the decimal.js rounding
 * constant (0-8, `Decimal.ROUND_UP` ... `Decimal.ROUND_HALF_FLOOR`) it applies. */
export interface RoundingRule {
  readonly name: string;
  readonly decimalRounding: number;
}

const DECIMAL_MODE: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

export const ROUNDING_MODE_DOCS: Readonly<Record<RoundingMode, string>> = {
  'half-up': 'Round to the nearest unit; a tie (…5) rounds away from zero. The default.',
  'half-even': "Round to the nearest unit; a tie rounds to the even digit (banker's rounding).",
  up: 'Round away from zero (a charge or a credit grows in magnitude).',
  down: 'Round toward zero (truncate).',
};

// ISO 4217 minor-unit exponents that differ from 2. Every other well-formed code
// (three capital letters) has 2 decimals.
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const MAX_PRECISION = 18;

/** Decimal places of the currency's minor unit (JPY 0, EUR 2, KWD 3). Throws unless the code is three capital letters. */
export function minorUnits(currency: string): number {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw new RangeError(`invalid currency code ${JSON.stringify(currency)}: expected three capital letters (ISO 4217, e.g. EUR)`);
  }
  return Object.prototype.hasOwnProperty.call(EXPONENTS, currency) ? EXPONENTS[currency] : 2;
}

function checkMode(mode: RoundingMode | RoundingRule): Decimal.Rounding {
  if (typeof mode === 'object' && mode !== null) {
    const r = mode.decimalRounding;
    if (!Number.isInteger(r) || r < 0 || r > 8) {
      throw new RangeError(`rounding mode ${JSON.stringify(mode.name)} has no valid decimal.js rounding constant (got ${String(r)}; expected 0-8)`);
    }
    return r as Decimal.Rounding;
  }
  const m = Object.prototype.hasOwnProperty.call(DECIMAL_MODE, mode) ? DECIMAL_MODE[mode as RoundingMode] : undefined;
  if (m === undefined) {
    throw new RangeError(`unknown rounding mode ${JSON.stringify(mode)}: expected ${ROUNDING_MODES.join(', ')}`);
  }
  return m;
}

function decimalPlaces(currency: string, precision: number | undefined): number {
  const units = minorUnits(currency); // validates the currency even when precision overrides it
  if (precision === undefined) return units;
  if (!Number.isInteger(precision) || precision < 0 || precision > MAX_PRECISION) {
    throw new RangeError(`rounding precision must be an integer 0-${MAX_PRECISION}, got ${String(precision)}`);
  }
  return precision;
}

/**
 * Rounds an amount to the currency's minor unit (or to `precision` decimal places
 * when given) with the mode (default half-up; a plugin mode comes as a
 * RoundingRule). Returns a value of the engine's Dec context.
 */
export function roundMoney(amount: Decimal, currency: string, mode: RoundingMode | RoundingRule = 'half-up', precision?: number): Decimal {
  const rm = checkMode(mode);
  const places = decimalPlaces(currency, precision);
  return new Dec(amount).toDecimalPlaces(places, rm);
}

/**
 * The amount with exactly the currency's decimals (or `precision`), e.g. "1000.00",
 * JPY "1000", KWD "1.250". Meant for amounts already rounded by roundMoney; an
 * amount with more decimals is rounded half-up for display. Never "-0.00".
 */
export function formatMoney(amount: Decimal, currency: string, precision?: number): string {
  const places = decimalPlaces(currency, precision);
  const rounded = new Dec(amount).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? new Dec(0) : rounded).toFixed(places);
}

/** Display form of a proration factor: at most 10 decimals (half-up), trailing zeros stripped; "1" for one. */
export function formatFactor(f: Decimal): string {
  const rounded = new Dec(f).toDecimalPlaces(10, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? new Dec(0) : rounded).toFixed();
}
