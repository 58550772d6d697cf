// Uploaded billing history keeps its coverage end and amount (JSON and CSV),
// and a billing run reconciles against it (DESIGN §3 "Billed coverage"):
// Zuora's example of a quarterly 300.00 billed on the 1st through 2020-06-30,
// then the billing day moved to the 10th, bills 07-01..07-09 = 29.67,
// 07-10..10-09 = 300.00 and 10-10..12-31 = 270.65 — on PostgreSQL and PGlite.
import { bookToCsvFiles } from '../../../api/book/csv/csv-book-writer.js';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { startRunApp, waitForRun, type RunApp } from '../billing-runs/support/run-app.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.js';

/** The Zuora book, with the line's billing day as given. */
function zuoraBook(billingDayOfMonth: number): OrderBook {
  return {
    accounts: [{ id: 'A1', name: 'Acme GmbH', currency: 'EUR', timezone: 'Europe/Berlin', billingDayOfMonth: null, attributes: {} }],
    contracts: [],
    orders: [{ id: 'O1', accountId: 'A1', contractId: null, type: 'new', status: 'activated', activatedDate: '2019-12-01', poNumber: 'PO-1', attributes: {} }],
    orderProducts: [
      {
        id: 'OP1', orderId: 'O1', productCode: 'SUP', productName: 'Support', chargeType: 'recurring', billingFrequency: 'quarterly',
        billingType: 'advance', quantity: '1', unitPrice: '300.00', startDate: '2020-01-01', endDate: '2020-12-31',
        billingDayOfMonth, amends: null, holdBilling: false, attributes: {},
      },
    ],
    invoiced: [
      { orderProductId: 'OP1', periodStart: '2020-01-01', periodEnd: '2020-03-31', amount: '300.00' },
      { orderProductId: 'OP1', periodStart: '2020-04-01', periodEnd: '2020-06-30', amount: '300.00' },
    ],
  };
}

type Upload = (t: RunApp, auth: [string, string], book: OrderBook) => Promise<void>;

const json: Upload = async (t, auth, book) => {
  const res = await t.http.post('/api/book').set(...auth).send(book);
  expect(res.status).toBeLessThan(300);
};

const csv: Upload = async (t, auth, book) => {
  let req = t.http.post('/api/book/csv').set(...auth);
  for (const [name, text] of Object.entries(bookToCsvFiles(book))) req = req.attach(name, Buffer.from(text), name);
  const res = await req;
  expect(res.status).toBe(200);
};

describe.each(DATABASE_KINDS)('uploaded invoiced history on %s', (kind) => {
  let tdb: TestDatabase;
  let t: RunApp;
  let auth: [string, string];
  beforeEach(async () => {
    tdb = await createTestDatabase(kind);
    t = await startRunApp(tdb.options);
    auth = ['Authorization', `Bearer ${t.adminKey}`];
  }, 60_000);
  afterEach(async () => {
    await t?.close();
    await tdb?.drop();
  });

  test.each([
    ['POST /api/book (JSON)', json],
    ['POST /api/book/csv', csv],
  ])('%s stores periodEnd and amount; after the billing day moves to the 10th a run bills 29.67 + 300.00 + 270.65', async (_name, upload) => {
    await upload(t, auth, zuoraBook(1));
    await upload(t, auth, zuoraBook(10));
    const stored = await t.db.prisma.$queryRawUnsafe<{ start: string; end: string | null; amount: string | null }[]>(
      `SELECT period_start::text AS start, period_end::text AS "end", trim_scale(amount)::text AS amount FROM invoiced_periods ORDER BY period_start`,
    );
    expect(stored).toEqual([
      { start: '2020-01-01', end: '2020-03-31', amount: '300' },
      { start: '2020-04-01', end: '2020-06-30', amount: '300' },
    ]);

    const started = await t.http.post('/api/billing-runs').set(...auth).send({ asOf: '2020-12-31' });
    expect(started.status).toBe(202);
    const run = await waitForRun(t.http, t.adminKey, started.body.id);
    expect(run.status).toBe('completed');
    const lines = await t.db.prisma.$queryRawUnsafe<{ start: string; end: string; amount: string }[]>(
      `SELECT period_start::text AS start, period_end::text AS "end", to_char(amount, 'FM999990.00') AS amount
         FROM invoice_lines WHERE run_id = $1 ORDER BY period_start`,
      started.body.id,
    );
    expect(lines).toEqual([
      { start: '2020-07-01', end: '2020-07-09', amount: '29.67' },
      { start: '2020-07-10', end: '2020-10-09', amount: '300.00' },
      { start: '2020-10-10', end: '2020-12-31', amount: '270.65' },
    ]);
  });

  test('a CSV re-upload counts invoiced rows as unchanged, or updated when their amount changed', async () => {
    const book = zuoraBook(10);
    const upload = async (b: OrderBook) => {
      let req = t.http.post('/api/book/csv').set(...auth);
      for (const [name, text] of Object.entries(bookToCsvFiles(b))) req = req.attach(name, Buffer.from(text), name);
      const res = await req;
      expect(res.status).toBe(200);
      return res.body.changes.invoiced;
    };
    expect(await upload(book)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await upload(book)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await upload({ ...book, invoiced: [book.invoiced[0], { ...book.invoiced[1], amount: '290.00' }] })).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const again = await t.http.post('/api/book').set(...auth).send(book);
    expect(again.body.invoiced).toBe(1); // the JSON upload counts the row it changed back
  });

  test('an invoiced amount the column cannot hold is a 400 naming its JSON path (the shared storage check)', async () => {
    const book = zuoraBook(10);
    const res = await t.http.post('/api/book').set(...auth).send({ ...book, invoiced: [{ ...book.invoiced[0], amount: '1.00000000001' }] });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'invoiced[0].amount', message: '1.00000000001 does not fit: at most 20 digits before and 10 after the decimal point' }]);
    expect(await t.db.prisma.invoicedPeriod.count()).toBe(0);
  });
});
