// The invoice lifecycle over HTTP on the real app (PostgreSQL and PGlite):
// run in draft, review, post (one, then the rest of the run), void with a
// credit note, see the next run rebill the voided periods, discard a draft;
// every refusal is a 409 naming the status and leaves nothing half-written.
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DATABASE_KINDS } from '../support/test-database.js';
import { CONFIG_PATH, smallBook } from './fixtures.js';

type Auth = { Authorization: string };

async function run(t: TestApp, auth: Auth, body: Record<string, unknown>): Promise<Record<string, any>> {
  const started = await t.http.post('/api/billing-runs').set(auth).send(body);
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const r = await t.http.get(`/api/billing-runs/${started.body.id}`).set(auth);
    if (r.body.status === 'completed') return r.body;
    if (r.body.status === 'failed') throw new Error(`run failed: ${r.body.error}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('run did not finish');
}

/** A book of three accounts, each with one monthly line from 2026-01-01. */
function book() {
  const b = smallBook();
  const acc = (id: string) => ({ ...b.accounts[0], id, name: `Account ${id}`, attributes: { region: 'AMER', segment: 'smb' } });
  const ord = (id: string, accountId: string) => ({ ...b.orders[1], id, accountId });
  const op = (id: string, orderId: string) => ({ ...b.orderProducts[1], id, orderId, startDate: '2026-01-01', endDate: null });
  return {
    accounts: [acc('A1'), acc('A2'), acc('A3')],
    contracts: [],
    orders: [ord('O1', 'A1'), ord('O2', 'A2'), ord('O3', 'A3')],
    orderProducts: [op('OP1', 'O1'), op('OP2', 'O2'), op('OP3', 'O3')],
    invoiced: [],
  };
}

describe.each(DATABASE_KINDS)('invoice lifecycle on %s', (kind) => {
  let t: TestApp;
  let admin: Auth;
  let author: Auth;
  const sql = <T = Record<string, unknown>>(q: string, ...p: unknown[]) => t.db.prisma.$queryRawUnsafe<T[]>(q, ...p);
  const invoices = async (runId: string) =>
    (await t.http.get(`/api/invoices?runId=${runId}`).set(admin)).body.items.sort((a: { accountId: string }, b: { accountId: string }) =>
      a.accountId < b.accountId ? -1 : 1,
    );
  const snapshot = async () => ({
    series: await sql(`SELECT prefix, last_value FROM number_series ORDER BY prefix`),
    invoices: await sql(`SELECT id, status, number, voided_at FROM invoices ORDER BY id`),
    notes: await sql(`SELECT count(*)::int AS n FROM credit_notes`),
    live: await sql(`SELECT count(*)::int AS n FROM invoice_lines WHERE live`),
  });

  beforeAll(async () => {
    t = await createTestApp({ kind, configPath: CONFIG_PATH });
    admin = t.admin;
    author = await t.as('author');
    expect((await t.http.post('/api/book').set(admin).send(book())).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  test('draft -> post -> void -> rebill, with gapless numbers and a credit note', async () => {
    // 1. a run in draft (the default): three drafts, no numbers
    const r1 = await run(t, author, { asOf: '2026-02-01' });
    expect(r1.postInvoices).toBe(false);
    const drafts = await invoices(r1.id);
    expect(drafts.map((i: any) => [i.accountId, i.status, i.number, i.total])).toEqual([
      ['A1', 'draft', null, '120.00'],
      ['A2', 'draft', null, '120.00'],
      ['A3', 'draft', null, '120.00'],
    ]);

    // 2. an author may not post; an admin posts one, then the rest of the run
    expect((await t.http.post(`/api/invoices/${drafts[1].id}/post`).set(author)).status).toBe(403);
    const one = await t.http.post(`/api/invoices/${drafts[1].id}/post`).set(admin);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ id: drafts[1].id, number: 'INV-2026-1' });
    const again = await t.http.post(`/api/invoices/${drafts[1].id}/post`).set(admin);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('invoice INV-2026-1 is posted: only a draft can be posted');
    const rest = await t.http.post(`/api/billing-runs/${r1.id}/post`).set(admin);
    expect(rest.status).toBe(200);
    expect(rest.body.posted).toEqual([
      { id: drafts[0].id, number: 'INV-2026-2' },
      { id: drafts[2].id, number: 'INV-2026-3' },
    ]);
    expect((await t.http.post(`/api/billing-runs/${r1.id}/post`).set(admin)).body.posted).toEqual([]);

    // 3. refusals change nothing: discard a posted invoice, void while its run is (again) running, a bad body, an unknown id
    const before = await snapshot();
    const discardPosted = await t.http.post(`/api/invoices/${drafts[0].id}/discard`).set(admin);
    expect(discardPosted.status).toBe(409);
    expect(discardPosted.body.message).toBe('invoice INV-2026-2 is posted: only a draft can be discarded (void it instead)');
    await sql(`UPDATE billing_runs SET status = 'running' WHERE id = $1`, r1.id);
    const whileRunning = await t.http.post(`/api/invoices/${drafts[0].id}/void`).set(admin).send({ reason: 'wrong price' });
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body.message).toMatch(/billing run .* is running, not completed/);
    await sql(`UPDATE billing_runs SET status = 'completed' WHERE id = $1`, r1.id);
    const badBody = await t.http.post(`/api/invoices/${drafts[0].id}/void`).set(admin).send({ reason: 5 });
    expect(badBody.status).toBe(400);
    expect(JSON.stringify(badBody.body.details)).toContain('body.reason');
    expect((await t.http.post('/api/invoices/nope/void').set(admin).send({})).status).toBe(404);
    expect(await snapshot()).toEqual(before);

    // 4. void: a credit note in its own series offsets the invoice line by line
    const voided = await t.http.post(`/api/invoices/${drafts[0].id}/void`).set(admin).send({ reason: 'wrong price' });
    expect(voided.status).toBe(200);
    expect(voided.body).toEqual({
      invoiceId: drafts[0].id,
      invoiceNumber: 'INV-2026-2',
      creditNote: { id: expect.any(String), number: expect.stringMatching(/^CN-\d{4}-1$/), total: '-120.0000000000' },
    });
    const shown = (await t.http.get(`/api/invoices/${drafts[0].id}`).set(admin)).body;
    expect(shown).toMatchObject({ status: 'void', number: 'INV-2026-2', voidReason: 'wrong price' });
    expect(shown.creditNote).toMatchObject({ number: voided.body.creditNote.number, total: '-120.00', reason: 'wrong price' });
    const noteLines = await sql(
      `SELECT l.order_product_id AS op, l.period_start::text AS ps, l.amount::text AS amount
         FROM credit_note_lines l WHERE l.credit_note_id = $1 ORDER BY ps`,
      voided.body.creditNote.id,
    );
    expect(noteLines).toEqual([
      { op: 'OP1', ps: '2026-01-01', amount: '-60.0000000000' },
      { op: 'OP1', ps: '2026-02-01', amount: '-60.0000000000' },
    ]);
    const voidAgain = await t.http.post(`/api/invoices/${drafts[0].id}/void`).set(admin).send({});
    expect(voidAgain.status).toBe(409);
    expect(voidAgain.body.message).toBe('invoice INV-2026-2 is void: only a posted invoice can be voided');

    // 5. the next run rebills the voided periods (and only those), posting directly when asked
    const r2 = await run(t, author, { asOf: '2026-02-01', post: true });
    const rebilled = await invoices(r2.id);
    expect(rebilled.map((i: any) => [i.accountId, i.status, i.number, i.total])).toEqual([['A1', 'posted', 'INV-2026-4', '120.00']]);
    expect(rebilled[0].lines.map((l: any) => [l.orderProductId, l.periodStart, l.periodEnd, l.amount])).toEqual([
      ['OP1', '2026-01-01', '2026-01-31', '60.00'],
      ['OP1', '2026-02-01', '2026-02-28', '60.00'],
    ]);
    // (rows of one transaction share its timestamp: ordered by action within it)
    const audit = await sql<{ action: string; subject: string; detail: any }>(
      `SELECT action, subject, detail FROM audit_log WHERE entity_type = 'invoice' ORDER BY at, action`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'invoice.post',
      'invoice.post',
      'invoice.post',
      'invoice.void',
      'invoice.post',
      'invoice.rebill',
    ]);
    expect(audit.find((a) => a.action === 'invoice.rebill')).toMatchObject({ subject: rebilled[0].id, detail: { rebills: ['INV-2026-2'] } });

    // 6. discard: a draft's periods are released and billed by the next run
    const r3 = await run(t, author, { asOf: '2026-03-01', post: false });
    const march = await invoices(r3.id);
    expect(march).toHaveLength(3);
    const discarded = await t.http.post(`/api/invoices/${march[2].id}/discard`).set(admin);
    expect(discarded.status).toBe(200);
    expect(discarded.body).toEqual({ invoiceId: march[2].id, lines: 1 });
    expect((await t.http.get(`/api/invoices/${march[2].id}`).set(admin)).status).toBe(404);
    const r4 = await run(t, author, { asOf: '2026-03-01', post: false });
    expect((await invoices(r4.id)).map((i: any) => [i.accountId, i.lines[0].periodStart])).toEqual([['A3', '2026-03-01']]);

    // the series stayed gapless: INV-2026-1..4 once each, one credit note
    expect(await sql(`SELECT prefix, last_value FROM number_series ORDER BY prefix`)).toEqual([
      { prefix: expect.stringMatching(/^CN-\d{4}-$/), last_value: 1 },
      { prefix: 'INV-2026-', last_value: 4 },
    ]);
    expect((await sql<{ number: string }>(`SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY seq`)).map((r) => r.number)).toEqual([
      'INV-2026-1',
      'INV-2026-2',
      'INV-2026-3',
      'INV-2026-4',
    ]);

    // 7. the history of the voided invoice through GET /api/audit, a page of one at a time
    const history: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/audit?entityType=invoice&entityId=${drafts[0].id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.http.get(q).set(author);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      history.push(...page.body.items.map((i: { action: string; entityId: string }) => `${i.action} ${i.entityId === drafts[0].id}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(history).toEqual(['invoice.void true', 'invoice.post true']);
    const runs = await t.http.get(`/api/audit?entityType=billing-run&limit=500`).set(author);
    expect(runs.body.items.map((i: { action: string }) => i.action)).toEqual(['run.start', 'run.start', 'run.start', 'run.start']);
    const bad = await t.http.get('/api/audit?cursor=not-a-cursor').set(author);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('query.cursor');
    expect((await t.http.get('/api/audit?entityType=planet').set(author)).status).toBe(400);
  }, 240_000);

  test('dry-run invoices are previews: posting them is refused', async () => {
    const dry = await run(t, author, { asOf: '2026-04-01', dryRun: true });
    const [inv] = await invoices(dry.id);
    const res = await t.http.post(`/api/invoices/${inv.id}/post`).set(admin);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/from a dry run/);
    expect((await t.http.post(`/api/billing-runs/${dry.id}/post`).set(admin)).status).toBe(409);
    expect((await t.http.post('/api/billing-runs').set(author).send({ asOf: '2026-04-01', dryRun: true, post: 'yes' })).status).toBe(400);
  }, 120_000);
});
