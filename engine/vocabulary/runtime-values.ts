// Runtime values of the DSL types, as facts return them and functions,
// operators and compiled expressions receive them:
//
//   string   -> JS string
//   decimal  -> Decimal (decimal.js; never a JS number)
//   date     -> ISO calendar date string `YYYY-MM-DD`
//   duration -> { amount: number; unit: 'day' | 'week' | 'month' | 'year' }
//   boolean  -> JS boolean
//   list     -> JS array of values
//   enum     -> JS string (one of the allowed values)
//   absent   -> null (a fact with no value on this line)
import { Decimal } from 'decimal.js';
import type { DslType } from '../../dsl/vocabulary/vocabulary-types.js';
import { isIsoDate } from '../../dsl/dates/iso-date.js';
import { Dec } from '../money/decimal.js';
import { decimalText } from './decimal-values.js';

export type DurationUnit = 'day' | 'week' | 'month' | 'year';

export interface DurationValue {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export type Value = string | Decimal | boolean | DurationValue | readonly Value[] | null;

export { Dec };

export function isDecimal(v: unknown): v is Decimal {
  // the engine's own Dec first (cheap); then any decimal.js instance
  return v instanceof Dec || Decimal.isDecimal(v);
}

export function isDuration(v: unknown): v is DurationValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Decimal.isDecimal(v) && 'unit' in v && 'amount' in v;
}

/** True for an ISO calendar date `YYYY-MM-DD` that exists (2026-02-30 does not): the date kernel's answer. */
export { isIsoDate };

/** A value as text for traces and messages: strings and dates as written,
 * decimals in plain notation, lists as `[a, b]`, durations as `5 days`. */
export function valueText(v: Value | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Dec) return decimalText(v);
  if (Decimal.isDecimal(v)) return v.toFixed();
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : valueText(x))).join(', ')}]`;
  const d = v as DurationValue;
  return `${d.amount} ${d.unit}${d.amount === 1 ? '' : 's'}`;
}

/** The runtime kind of a value, for error messages. */
export function valueKind(v: Value | undefined): string {
  if (v === null || v === undefined) return 'absent';
  if (typeof v === 'string') return isIsoDate(v) ? 'date' : 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (Decimal.isDecimal(v)) return 'decimal';
  if (Array.isArray(v)) return 'list';
  if (isDuration(v)) return 'duration';
  return typeof v;
}

/** Does a runtime value fit a DSL type? (absent values are checked separately). */
export function fitsType(v: Value, t: DslType): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && t.values.includes(v);
    case 'date':
      return isIsoDate(v);
    case 'decimal':
      return Decimal.isDecimal(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'duration':
      return isDuration(v);
    case 'list':
      return Array.isArray(v) && v.every((x) => x === null || fitsType(x, t.element));
  }
}

/** A DSL type as text: `decimal`, `list of string`, `"new" | "amendment"`. */
export function typeText(t: DslType): string {
  switch (t.kind) {
    case 'list':
      return `list of ${typeText(t.element)}`;
    case 'enum':
      return t.values.map((x) => JSON.stringify(x)).join(' | ');
    default:
      return t.kind;
  }
}
