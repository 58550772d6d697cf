// Which text cells the export guards for spreadsheets, by the boundary each rule draws.
import { guardText, unguardText } from '../../../api/invoices/export/export-rows.js';

test.each([
  ['a formula', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
  ['a plus sign', '+49 30 1234', "'+49 30 1234"],
  ['a minus sign in text', '-discount', "'-discount"],
  ['an at sign', '@cmd', "'@cmd"],
  ['a leading tab', '\tx', "'\tx"],
  ['a code with leading zeros', '007', "'007"],
  ['a code of digits only', '12345', "'12345"],
  ['scientific notation', '1E5', "'1E5"],
  ['a code a spreadsheet reads as a date', '3-4', "'3-4"],
  ['a slash date', '12/1', "'12/1"],
  ['plain text', 'Gold support', 'Gold support'],
  ['a code with letters', 'SUP-GOLD', 'SUP-GOLD'],
  ['a uuid starting with digits', '05597dc0-7178-4b40', '05597dc0-7178-4b40'],
  ['empty', '', ''],
])('%s', (_name, text, guarded) => {
  expect(guardText(text)).toBe(guarded);
  expect(unguardText(guardText(text))).toBe(text);
});
