import { fc, test as fcTest } from '@fast-check/jest';
import { Dec } from '../../../engine/money/decimal.js';
import {
  formatFactor,
  formatMoney,
  minorUnits,
  roundMoney,
  ROUNDING_MODES,
  type RoundingMode,
} from '../../../engine/money/rounding.js';

describe('the Dec context', () => {
  test('34 significant digits, half-up', () => {
    expect(Dec.precision).toBe(34);
    expect(Dec.rounding).toBe(Dec.ROUND_HALF_UP);
    expect(Dec(1).div(3).toString()).toBe(`0.${'3'.repeat(34)}`);
  });
  test('decimal arithmetic, never a float', () => {
    expect(Dec('0.1').plus('0.2').toString()).toBe('0.3');
  });
});

describe('minorUnits (ISO 4217 exponents)', () => {
  test.each([
    ['JPY has no minor unit', 'JPY', 0],
    ['KRW has no minor unit', 'KRW', 0],
    ['KWD has three decimals', 'KWD', 3],
    ['BHD has three decimals', 'BHD', 3],
    ['EUR has two', 'EUR', 2],
    ['USD has two', 'USD', 2],
    ['an unknown but well-formed code defaults to two', 'XYZ', 2],
  ])('%s', (_name, code, expected) => {
    expect(minorUnits(code)).toBe(expected);
  });

  test.each([
    ['lower case', 'eur'],
    ['four letters', 'EURO'],
    ['empty', ''],
    ['digits', '978'],
  ])('%s is rejected with the code in the message', (_name, code) => {
    expect(() => minorUnits(code)).toThrow(RangeError);
    expect(() => minorUnits(code)).toThrow(JSON.stringify(code));
  });
});

describe('roundMoney: every mode on .5 boundaries and on credits', () => {
  test.each<[string, string, string, RoundingMode | undefined, string]>([
    ['default is half-up: a tie goes away from zero', '2.345', 'EUR', undefined, '2.35'],
    ['half-up tie', '2.345', 'EUR', 'half-up', '2.35'],
    ['half-up tie on a credit goes away from zero', '-2.345', 'EUR', 'half-up', '-2.35'],
    ['half-up below the tie', '2.3449999', 'EUR', 'half-up', '2.34'],
    ['half-even tie to the even digit below', '2.345', 'EUR', 'half-even', '2.34'],
    ['half-even tie to the even digit above', '2.355', 'EUR', 'half-even', '2.36'],
    ['half-even tie on a credit', '-2.345', 'EUR', 'half-even', '-2.34'],
    ['half-even tie on a credit, even above', '-2.355', 'EUR', 'half-even', '-2.36'],
    ['half-even just above the tie is not a tie', '2.3450001', 'EUR', 'half-even', '2.35'],
    ['up: away from zero on the smallest excess', '2.341', 'EUR', 'up', '2.35'],
    ['up on a credit grows the credit', '-2.341', 'EUR', 'up', '-2.35'],
    ['up on a tie', '2.345', 'EUR', 'up', '2.35'],
    ['up leaves an exact amount alone', '2.34', 'EUR', 'up', '2.34'],
    ['down: toward zero just below the next cent', '2.349', 'EUR', 'down', '2.34'],
    ['down on a credit shrinks the credit', '-2.349', 'EUR', 'down', '-2.34'],
    ['down on a tie', '2.345', 'EUR', 'down', '2.34'],
    ['JPY half-up tie', '1000.5', 'JPY', 'half-up', '1001'],
    ['JPY half-even tie to even below', '1000.5', 'JPY', 'half-even', '1000'],
    ['JPY half-even tie to even above', '1001.5', 'JPY', 'half-even', '1002'],
    ['JPY down', '999.99', 'JPY', 'down', '999'],
    ['JPY up on a credit', '-999.01', 'JPY', 'up', '-1000'],
    ['KWD half-up tie at the third decimal', '1.2345', 'KWD', 'half-up', '1.235'],
    ['KWD half-even tie at the third decimal', '1.2345', 'KWD', 'half-even', '1.234'],
    ['KWD down', '-1.2349', 'KWD', 'down', '-1.234'],
    ['tiny credit rounds to zero', '-0.004', 'EUR', 'half-up', '0'],
  ])('%s: %s %s -> %s', (_name, amount, currency, mode, expected) => {
    const r = roundMoney(Dec(amount), currency, mode);
    expect(r.eq(Dec(expected))).toBe(true);
  });

  test.each<[string, string, RoundingMode, number, string]>([
    ['precision 4 overrides EUR cents', '1.23455', 'half-up', 4, '1.2346'],
    ['precision 0 on EUR', '2.5', 'half-even', 0, '2'],
    ['precision 2 on JPY', '1.005', 'half-up', 2, '1.01'],
  ])('%s', (_name, amount, mode, precision, expected) => {
    expect(roundMoney(Dec(amount), 'EUR', mode, precision).eq(Dec(expected))).toBe(true);
  });

  test('an amount computed as arithmetic rounds once: 900 x 17/92', () => {
    const exact = Dec(900).mul(17).div(92); // 166.304347826...
    expect(roundMoney(exact, 'EUR').eq(Dec(16630).div(100))).toBe(true);
    expect(roundMoney(exact.neg(), 'EUR').eq(Dec(-16630).div(100))).toBe(true);
  });

  test.each([
    ['unknown mode', () => roundMoney(Dec(1), 'EUR', 'ceiling' as RoundingMode), 'unknown rounding mode "ceiling"'],
    ['negative precision', () => roundMoney(Dec(1), 'EUR', 'half-up', -1), 'precision'],
    ['fractional precision', () => roundMoney(Dec(1), 'EUR', 'half-up', 1.5), 'precision'],
    ['precision above 18', () => roundMoney(Dec(1), 'EUR', 'half-up', 19), 'precision'],
    ['bad currency even with a precision', () => roundMoney(Dec(1), 'eur', 'half-up', 2), 'currency'],
  ])('%s throws', (_name, f, message) => {
    expect(f).toThrow(RangeError);
    expect(f).toThrow(message);
  });
});

describe('formatMoney and formatFactor', () => {
  test.each([
    ['EUR keeps two decimals', '1000', 'EUR', undefined, '1000.00'],
    ['JPY has none', '1000', 'JPY', undefined, '1000'],
    ['KWD has three', '1.25', 'KWD', undefined, '1.250'],
    ['a credit', '-5', 'EUR', undefined, '-5.00'],
    ['negative zero prints as zero', '-0', 'EUR', undefined, '0.00'],
    ['precision override', '1.5', 'EUR', 4, '1.5000'],
    ['extra decimals round half-up for display', '2.345', 'EUR', undefined, '2.35'],
    ['a huge amount stays in plain notation', '123456789012345678901234', 'EUR', undefined, '123456789012345678901234.00'],
  ])('%s', (_name, amount, currency, precision, expected) => {
    expect(formatMoney(Dec(amount), currency, precision)).toBe(expected);
  });

  test.each([
    ['one is "1"', Dec(1), '1'],
    ['a half strips trailing zeros', Dec(1).div(2), '0.5'],
    ['17/31 to ten decimals', Dec(17).div(31), '0.5483870968'],
    ['2/3 rounds half-up at the tenth decimal', Dec(2).div(3), '0.6666666667'],
    ['a tiny factor', Dec(1).div(10).pow(12), '0'],
    ['zero', Dec(0), '0'],
    ['just below one rounds to one', Dec(1).minus(Dec(1).div(10).pow(12)), '1'],
  ])('%s', (_name, f, expected) => {
    expect(formatFactor(f)).toBe(expected);
  });
});

describe('properties', () => {
  const amountArb = fc
    .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
    .map(([units, scale]) => Dec(units.toString()).div(Dec(10).pow(scale)));
  const modeArb = fc.constantFrom(...ROUNDING_MODES);
  const currencyArb = fc.constantFrom('EUR', 'JPY', 'KWD');

  fcTest.prop([amountArb, modeArb, currencyArb], { verbose: true })(
    'rounded to the minor unit, within one unit, symmetric for credits, and idempotent',
    (x, mode, currency) => {
      const r = roundMoney(x, currency, mode);
      const unit = Dec(1).div(Dec(10).pow(minorUnits(currency)));
      expect(r.decimalPlaces()).toBeLessThanOrEqual(minorUnits(currency));
      expect(r.minus(x).abs().lt(unit)).toBe(true);
      expect(roundMoney(x.neg(), currency, mode).eq(r.neg())).toBe(true);
      expect(roundMoney(r, currency, mode).eq(r)).toBe(true);
      if (mode === 'up') expect(r.abs().gte(x.abs())).toBe(true);
      if (mode === 'down') expect(r.abs().lte(x.abs())).toBe(true);
      if (mode === 'half-up' || mode === 'half-even') expect(r.minus(x).abs().lte(unit.div(2))).toBe(true);
    },
  );
});
