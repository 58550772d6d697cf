import { readNumberingConfig, seriesPrefix } from '../../../api/invoices/numbering.js';

describe('number series prefixes', () => {
  test.each([
    ['the year of the document', 'INV-{yyyy}-', '2026-12-31', 'INV-2026-'],
    ['New Year is a new series', 'INV-{yyyy}-', '2027-01-01', 'INV-2027-'],
    ['a prefix without a year', 'INV-', '2026-05-01', 'INV-'],
    ['the year twice', '{yyyy}/{yyyy}-', '2026-05-01', '2026/2026-'],
  ])('%s', (_name, template, date, expected) => {
    expect(seriesPrefix(template, date)).toBe(expected);
  });

  test('defaults: INV-{yyyy}- and CN-{yyyy}-', () => {
    expect(readNumberingConfig({})).toEqual({ invoicePrefix: 'INV-{yyyy}-', creditNotePrefix: 'CN-{yyyy}-' });
  });

  test.each([
    ['a space', { PROVISO_INVOICE_PREFIX: 'INV 2026' }, /PROVISO_INVOICE_PREFIX: 'INV 2026' is not a number prefix/],
    ['an unknown placeholder', { PROVISO_CREDIT_NOTE_PREFIX: 'CN-{yy}-' }, /PROVISO_CREDIT_NOTE_PREFIX: 'CN-\{yy\}-'/],
    ['longer than 40 characters', { PROVISO_INVOICE_PREFIX: 'X'.repeat(41) }, /PROVISO_INVOICE_PREFIX/],
    ['one series for both kinds', { PROVISO_INVOICE_PREFIX: 'DOC-', PROVISO_CREDIT_NOTE_PREFIX: 'DOC-' }, /credit notes need their own series/],
  ])('refuses %s, naming the variable', (_name, env, message) => {
    expect(() => readNumberingConfig(env)).toThrow(message);
  });
});
