// Equality of runtime values (decimals by value: 1.0 = 1; lists element-wise).
import { Decimal } from 'decimal.js';
import type { DurationValue, Value } from './runtime-values.js';

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (Decimal.isDecimal(a)) return Decimal.isDecimal(b) && a.eq(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(b) && !Decimal.isDecimal(b)) {
    const x = a as DurationValue;
    const y = b as DurationValue;
    return x.amount === y.amount && x.unit === y.unit;
  }
  return false;
}
