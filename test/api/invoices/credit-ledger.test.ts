// Credits in the ledger on PostgreSQL and PGlite: a quarter is billed and
// posted, the line is cancelled mid-quarter so the next run credits the days
// no longer due (the credit keeps what it corrects: shown on the invoice and
// in the export), then the charged invoice is voided. Its credit note offsets
// only what the credit left live, and after the rebill the account's net for
// those days is exactly one charge (and a further run changes nothing); when
// the cancellation is withdrawn the credited days bill once more, no more.
import { parse } from 'csv-parse/sync';
import { Dec } from '../../../engine/money/decimal.js';
import { CONFIG_PATH, smallBook } from '../http/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DATABASE_KINDS } from '../support/test-database.js';

type Auth = { Authorization: string };

async function run(t: TestApp, auth: Auth, asOf: string): Promise<string> {
  const started = await t.http.post('/api/billing-runs').set(auth).send({ asOf, post: true });
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const r = await t.http.get(`/api/billing-runs/${started.body.id}`).set(auth);
    if (r.body.status === 'completed') return started.body.id as string;
    if (r.body.status === 'failed') throw new Error(`run failed: ${r.body.error}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('run did not finish');
}

/** One account with one quarterly line of 3 x 20.00 from 2026-01-01, ending `endDate`. */
function book(endDate: string | null) {
  const b = smallBook();
  return {
    accounts: [{ ...b.accounts[1], id: 'A1' }],
    contracts: [],
    orders: [{ ...b.orders[1], id: 'O1', accountId: 'A1' }],
    orderProducts: [{ ...b.orderProducts[1], id: 'OP1', orderId: 'O1', billingFrequency: 'quarterly', startDate: '2026-01-01', endDate }],
    invoiced: [],
  };
}

describe.each(DATABASE_KINDS)('credits in the ledger on %s', (kind) => {
  let t: TestApp;
  const sql = <T = Record<string, unknown>>(q: string, ...p: unknown[]) => t.db.prisma.$queryRawUnsafe<T[]>(q, ...p);
  /** Every posted or void invoice line of OP1 plus every credit-note line: what the account was billed, net. */
  const net = async (): Promise<Dec> => {
    const [r] = await sql<{ n: string }>(
      `SELECT ((SELECT coalesce(sum(l.amount), 0) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                 WHERE l.order_product_id = 'OP1' AND i.status <> 'draft')
             + (SELECT coalesce(sum(amount), 0) FROM credit_note_lines WHERE order_product_id = 'OP1'))::text AS n`,
    );
    return new Dec(r.n);
  };
  const lines = async (runId: string) => {
    const [inv] = (await t.http.get(`/api/invoices?runId=${runId}`).set(t.admin)).body.items;
    return { invoice: inv, detail: (await t.http.get(`/api/invoices/${inv.id}`).set(t.admin)).body };
  };

  beforeAll(async () => {
    t = await createTestApp({ kind, configPath: CONFIG_PATH });
  }, 120_000);
  afterAll(async () => t?.close());

  test('a credit keeps what it corrects; voiding the corrected charge offsets only what is live; the rebill bills the days once', async () => {
    expect((await t.http.post('/api/book').set(t.admin).send(book(null))).status).toBe(200);
    const r1 = await run(t, t.admin, '2026-01-01');
    const first = await lines(r1);
    expect(first.detail.lines.map((l: any) => [l.kind, l.periodStart, l.periodEnd, l.amount])).toEqual([['charge', '2026-01-01', '2026-03-31', '60.00']]);
    expect(first.detail.lines[0].corrects).toBeUndefined();

    // cancelled from 2026-02-16: the next run credits 2026-02-16..2026-03-31 of the billed quarter
    expect((await t.http.post('/api/book').set(t.admin).send(book('2026-02-15'))).status).toBe(200);
    const r2 = await run(t, t.admin, '2026-01-02');
    const second = await lines(r2);
    expect(second.detail.lines).toHaveLength(1);
    const credit = second.detail.lines[0];
    expect(credit).toMatchObject({ kind: 'credit', periodStart: '2026-02-16', periodEnd: '2026-03-31' });
    expect(credit.corrects).toEqual({ periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: '60.00' });
    // its trace is stored once (keyed) and shown in full
    expect(credit.trace.length).toBeGreaterThan(0);
    const stored = await sql<{ own: string; keyed: unknown }>(
      `SELECT l.trace::text AS own, t.trace AS keyed FROM invoice_lines l JOIN line_traces t ON t.hash = l.trace_hash WHERE l.run_id = $1`,
      r2,
    );
    expect(stored).toEqual([{ own: '[]', keyed: credit.trace }]);
    const creditAmount = new Dec(credit.amount);
    expect(creditAmount.isNegative()).toBe(true);

    // the export carries it: the invoice it corrects and the corrected coverage
    const csv = await t.http.get(`/api/exports/invoices.csv?runId=${r2}&documents=invoices`).set(t.admin).buffer(true);
    const [row] = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      lineKind: 'credit',
      lineCorrects: first.invoice.number,
      correctsPeriodStart: '2026-01-01',
      correctsPeriodEnd: '2026-03-31',
      correctsAmount: '60.00',
    });
    const jsonl = await t.http.get(`/api/exports/invoices.jsonl?runId=${r2}&documents=invoices`).set(t.admin).buffer(true);
    expect(JSON.parse(jsonl.text.trimEnd()).lines[0]).toMatchObject({
      corrects: first.invoice.number,
      correctsCoverage: { periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: '60.00' },
    });

    // void the charged invoice: its note gives back the charge less what the credit already gave back
    const voided = await t.http.post(`/api/invoices/${first.invoice.id}/void`).set(t.admin).send({ reason: 'wrong price' });
    expect(voided.status).toBe(200);
    const live = new Dec('60').plus(creditAmount);
    expect(new Dec(voided.body.creditNote.total).eq(live.negated())).toBe(true);
    expect((await net()).isZero()).toBe(true);

    // the rebill bills 2026-01-01..2026-02-15 once; the credit no longer takes days out of anything
    const r3 = await run(t, t.admin, '2026-01-02');
    const third = await lines(r3);
    expect(third.detail.lines.map((l: any) => [l.kind, l.periodStart, l.periodEnd])).toEqual([['charge', '2026-01-01', '2026-02-15']]);
    expect((await net()).eq(third.detail.lines[0].amount)).toBe(true);
    expect((await net()).eq(live)).toBe(true);
    const r4 = await run(t, t.admin, '2026-01-02');
    expect((await t.http.get(`/api/invoices?runId=${r4}`).set(t.admin)).body.items).toEqual([]);
    expect((await net()).eq(live)).toBe(true);

    // the cancellation is withdrawn: the days the credit gave back bill once, and a dry run after finds nothing to bill
    // (the credit corrected the voided charge, not the new ones)
    expect((await t.http.post('/api/book').set(t.admin).send(book(null))).status).toBe(200);
    const r5 = await run(t, t.admin, '2026-01-03');
    const fifth = await lines(r5);
    expect(fifth.detail.lines.map((l: any) => [l.kind, l.periodStart, l.periodEnd])).toEqual([['charge', '2026-02-16', '2026-03-31']]);
    expect((await net()).eq(live.plus(fifth.detail.lines[0].amount))).toBe(true);
    const dry = await t.http.post('/api/billing-runs').set(t.admin).send({ asOf: '2026-01-03', dryRun: true });
    for (let i = 0; i < 600; i++) {
      if ((await t.http.get(`/api/billing-runs/${dry.body.id}`).set(t.admin)).body.status === 'completed') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(await sql(`SELECT period_start::text AS ps FROM invoice_lines WHERE run_id = $1`, dry.body.id)).toEqual([]);
  }, 240_000);
});
