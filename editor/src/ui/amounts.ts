// Amounts as a finance admin reads them: thousands separated, the decimals the
// service sent kept as they are. Works on the decimal text itself (never a
// float), so 12345678901234.56 stays exact.

/** `-12345.6` -> `-12,345.6`; text that is not a plain decimal is returned unchanged. */
export function groupThousands(amount: string, separator = ','): string {
  const m = /^([+-]?)(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  const [, sign, whole, fraction = ''] = m;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator)}${fraction}`;
}
