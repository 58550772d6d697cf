// Thousands separators on decimal text, without floats.
import { groupThousands } from '../../editor/src/ui/amounts.js';

test.each([
  ['three digits stay as they are', '999.00', '999.00'],
  ['four digits get one separator', '1000.00', '1,000.00'],
  ['a negative amount', '-1234567.5', '-1,234,567.5'],
  ['an explicit plus sign', '+1234', '+1,234'],
  ['more digits than a float holds exactly', '12345678901234567.89', '12,345,678,901,234,567.89'],
  ['the decimals are never grouped', '1.23456', '1.23456'],
  ['zero', '0', '0'],
  ['text that is not an amount is left alone', 'n/a', 'n/a'],
])('%s', (_name, input, expected) => {
  expect(groupThousands(input)).toBe(expected);
});
