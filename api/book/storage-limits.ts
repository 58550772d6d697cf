// What the NUMERIC columns can hold, checked before a write so a too-long
// number is an error naming its field, not a database failure.
import type { OrderProduct } from '../../engine/book/book-types.js';

/** Digits the NUMERIC columns hold: quantity (20,6), unitPrice (30,10). */
const LIMITS = { quantity: { int: 14, frac: 6 }, unitPrice: { int: 20, frac: 10 } } as const;

export function storageProblems(p: OrderProduct): { field: 'quantity' | 'unitPrice'; message: string }[] {
  const out: { field: 'quantity' | 'unitPrice'; message: string }[] = [];
  for (const field of ['quantity', 'unitPrice'] as const) {
    const [int, frac = ''] = p[field].replace(/^-/, '').split('.');
    const lim = LIMITS[field];
    if (int.replace(/^0+(?=\d)/, '').length > lim.int || frac.replace(/0+$/, '').length > lim.frac) {
      out.push({ field, message: `${p[field]} does not fit: at most ${lim.int} digits before and ${lim.frac} after the decimal point` });
    }
  }
  return out;
}
