// The accounting export on PostgreSQL and PGlite: a run's invoices, posted and
// one voided with its credit note, come out as CSV and JSON Lines that read
// back to the same amounts as the database holds; text that a spreadsheet
// would turn into a formula, number or date is guarded; filters by run,
// date and status select what they say.
import { parse } from 'csv-parse/sync';
import { Dec } from '../../../engine/money/decimal.js';
import { EXPORT_COLUMNS, NUMBER_COLUMNS, unguardText } from '../../../api/invoices/export/export-rows.js';
import { BILL_ON_FIRST, smallBook } from '../http/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DATABASE_KINDS } from '../support/test-database.js';

describe.each(DATABASE_KINDS)('accounting export on %s', (kind) => {
  let t: TestApp;
  let runId: string;
  let voidedNumber: string;
  let creditNoteNumber: string;
  beforeAll(async () => {
    t = await createTestApp({ kind });
    const book = smallBook();
    book.orderProducts[0] = { ...book.orderProducts[0], productCode: '007', productName: '=HYPERLINK("http://x","click")' };
    book.accounts[1] = { ...book.accounts[1], name: '+Globex, "the" Inc' };
    book.invoiced = [];
    expect((await t.http.post('/api/book').set(t.admin).send(book)).status).toBe(200);
    const doc = await t.http.post('/api/policies').set(t.admin).send({ name: 'day.policy', source: BILL_ON_FIRST });
    await t.http.post(`/api/policies/${doc.body.id}/publish`).set(t.admin).send({ message: 'v1' });
    const started = await t.http.post('/api/billing-runs').set(t.admin).send({ asOf: '2026-03-01' });
    runId = started.body.id;
    let status = '';
    for (let i = 0; i < 300 && status !== 'completed'; i++) {
      status = (await t.http.get(`/api/billing-runs/${runId}`).set(t.admin)).body.status;
      if (status !== 'completed') await new Promise((r) => setTimeout(r, 100));
    }
    const posted = await t.http.post(`/api/billing-runs/${runId}/post`).set(t.admin);
    const first = posted.body.posted.find((p: { id: string }) => p.id) as { id: string; number: string };
    const voided = await t.http.post(`/api/invoices/${first.id}/void`).set(t.admin).send({ reason: 'wrong address' });
    voidedNumber = first.number;
    creditNoteNumber = voided.body.creditNote.number;
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (path: string) => t.http.get(path).set(t.admin).buffer(true).parse((res, cb) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
    res.on('end', () => cb(null, text));
  });

  test('CSV rows read back to the totals and line amounts the database holds', async () => {
    const res = await get(`/api/exports/invoices.csv?runId=${runId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...EXPORT_COLUMNS]);
    const byDoc = new Map<string, Record<string, string>[]>();
    for (const r of rows) byDoc.set(r.documentId, [...(byDoc.get(r.documentId) ?? []), r]);

    const invoices = await t.db.prisma.invoice.findMany({ where: { runId }, include: { lines: true } });
    const notes = await t.db.prisma.creditNote.findMany({ include: { lines: true } });
    expect(byDoc.size).toBe(invoices.length + notes.length);
    for (const inv of invoices) {
      const docRows = byDoc.get(inv.id)!;
      expect(new Dec(docRows[0].documentTotal).eq(inv.total.toString())).toBe(true);
      const sum = docRows.reduce((s, r) => s.plus(r.amount), new Dec(0));
      expect(sum.eq(inv.total.toString())).toBe(true);
      expect(docRows.map((r) => r.amount).sort()).toEqual(inv.lines.map((l) => new Dec(l.amount.toString()).toFixed(2)).sort());
    }
    for (const n of notes) {
      const docRows = byDoc.get(n.id)!;
      expect(docRows.reduce((s, r) => s.plus(r.amount), new Dec(0)).eq(n.total.toString())).toBe(true);
      expect(docRows.every((r) => r.documentType === 'credit-note' && r.lineCorrects === voidedNumber && r.correctsInvoice === voidedNumber)).toBe(true);
    }
    // the voided invoice's lines name the credit note that corrects them
    const voidedRows = rows.filter((r) => r.number === voidedNumber);
    expect(voidedRows.every((r) => r.status === 'void' && r.lineCorrectedBy === creditNoteNumber)).toBe(true);
    // every number column is plain decimal text (a corrected amount only on credit lines)
    for (const r of rows) for (const c of NUMBER_COLUMNS) expect(r[c]).toMatch(c === 'correctsAmount' && r.lineKind !== 'credit' ? /^$/ : /^-?\d+(\.\d+)?$/);
  });

  test('spreadsheet-safe: formulas, leading-zero codes and signs are guarded; unguarded they are the stored text', async () => {
    const text = (await get(`/api/exports/invoices.csv?runId=${runId}&documents=invoices`)).body as string;
    expect(text).not.toMatch(/(^|,)=/m);
    expect(text).toContain(`'007`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(text).toContain(`"'+Globex, ""the"" Inc"`);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const gold = rows.find((r) => r.orderProductId === 'OP1')!;
    expect(unguardText(gold.productCode)).toBe('007');
    expect(unguardText(gold.productName)).toBe('=HYPERLINK("http://x","click")');
    expect(rows.find((r) => r.accountId === 'A2')!.accountName).toBe(`'+Globex, "the" Inc`);
  });

  test('JSON Lines: one document per line with the same amounts as the CSV', async () => {
    const jsonl = (await get(`/api/exports/invoices.jsonl?runId=${runId}`)).body as string;
    const docs = jsonl.trimEnd().split('\n').map((l) => JSON.parse(l));
    const csv = parse((await get(`/api/exports/invoices.csv?runId=${runId}`)).body as string, { columns: true }) as Record<string, string>[];
    expect(docs.flatMap((d) => d.lines.map((l: { amount: string }) => `${d.id}:${l.amount}`)).sort()).toEqual(csv.map((r) => `${r.documentId}:${r.amount}`).sort());
    const gold = docs.flatMap((d) => d.lines).find((l: { orderProductId: string }) => l.orderProductId === 'OP1');
    expect(gold.productCode).toBe('007'); // JSON carries text as it is
    for (const d of docs) expect(d.lines.reduce((s: Dec, l: { amount: string }) => s.plus(l.amount), new Dec(0)).eq(d.total)).toBe(true);
  });

  test('filters: status, documents, dates; bad filters are 400s naming the field', async () => {
    const voids = parse((await get(`/api/exports/invoices.csv?status=void&documents=invoices`)).body as string, { columns: true }) as Record<string, string>[];
    expect(new Set(voids.map((r) => r.number))).toEqual(new Set([voidedNumber]));
    const notes = parse((await get(`/api/exports/invoices.csv?documents=credit-notes`)).body as string, { columns: true }) as Record<string, string>[];
    expect(new Set(notes.map((r) => r.number))).toEqual(new Set([creditNoteNumber]));
    const none = (await get(`/api/exports/invoices.csv?to=2026-02-28&documents=invoices`)).body as string;
    expect(none.trimEnd().split('\r\n')).toHaveLength(1); // the header only: every invoice is dated 2026-03-01
    const bad = await t.http.get('/api/exports/invoices.csv?status=paid').set(t.admin);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toMatch(/^query\.status/);
    expect((await t.http.get('/api/exports/invoices.xlsx').set(t.admin)).status).toBe(404);
  });
});
