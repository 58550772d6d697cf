import { Decimal } from 'decimal.js';
import { priceText } from '../../../api/book/book-mapping.js';
import { invoicesCsv, moneyText, type InvoiceView } from '../../../api/invoices/invoice-format.js';

describe('money text of stored amounts', () => {
  test.each([
    ['EUR whole amount gets two decimals', '1000', 'EUR', '1000.00'],
    ['JPY has no minor unit', '1000', 'JPY', '1000'],
    ['KWD has three', '1.25', 'KWD', '1.250'],
    ['extra digits a policy precision asked for are kept', '12.3456', 'EUR', '12.3456'],
    ['negative credit', '-5.5', 'EUR', '-5.50'],
    ['negative zero is zero', '-0', 'EUR', '0.00'],
  ])('%s', (_name, value, currency, expected) => {
    expect(moneyText(new Decimal(value), currency)).toBe(expected);
  });
});

describe('prices read back from NUMERIC columns', () => {
  test.each([
    ['trailing zeros restored to the minor unit', '100', 'EUR', '100.00'],
    ['one decimal padded', '25.5', 'USD', '25.50'],
    ['more decimals than the minor unit kept', '0.12345', 'EUR', '0.12345'],
    ['JPY stays whole', '300', 'JPY', '300'],
  ])('%s', (_name, text, currency, expected) => {
    expect(priceText(text, currency)).toBe(expected);
  });
});

describe('invoice CSV', () => {
  const invoice = (accountId: string): InvoiceView => ({
    id: 'I1',
    runId: 'R1',
    dryRun: false,
    createdAt: '2026-03-01T00:00:00.000Z',
    status: 'posted',
    number: 'INV-2026-1',
    postedAt: '2026-03-01T00:00:00.000Z',
    voidedAt: null,
    voidReason: null,
    creditNote: null,
    accountId,
    currency: 'EUR',
    invoiceDate: '2026-03-01',
    total: '10.00',
    lines: [
      {
        orderProductId: 'OP1',
        kind: 'charge',
        periodStart: '2026-02-01',
        periodEnd: '2026-02-28',
        billingDate: '2026-02-01',
        quantity: '1',
        unitPrice: '10.00',
        prorationFactor: '1',
        amount: '10.00',
        trace: [],
      },
    ],
  });

  test.each([
    ['a comma is quoted', 'Acme, Inc', '"Acme, Inc"'],
    ['a quote is doubled', 'say "hi"', '"say ""hi"""'],
    ['a formula is neutralised', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a plain id is left alone', 'A1', 'A1'],
  ])('%s', (_name, accountId, cell) => {
    const [, row] = invoicesCsv([invoice(accountId)]).split('\r\n');
    expect(row.startsWith(`I1,R1,${cell},EUR,`)).toBe(true);
  });

  test('negative amounts stay numbers', () => {
    const inv = invoice('A1');
    const credit = { ...inv, total: '-10.00', lines: [{ ...inv.lines[0], amount: '-10.00' }] };
    expect(invoicesCsv([credit])).toContain(',-10.00,');
  });
});
