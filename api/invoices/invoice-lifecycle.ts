// The invoice lifecycle inside a transaction: post (assign numbers), discard
// a draft, void a posted invoice (issue its credit note, release coverage).
// Each function takes the caller's transaction, so whatever else must happen
// with the change (its audit row here; an outbox event elsewhere) commits
// with it or not at all. Every refusal is thrown before anything is written.
//
//   draft  --post-->    posted  --void-->  void (credit note issued, coverage released)
//   draft  --discard--> (deleted; its coverage is released)
import { ConflictProblem, NotFoundProblem } from '../common/problem.js';
import { emitWebhookEvent, emitWebhookEvents } from '../webhooks/webhook-events.js';
import { seriesPrefix, takeNumbers, type NumberingConfig, type Sql } from './numbering.js';

export type InvoiceStatus = 'draft' | 'posted' | 'void';

export interface PostedInvoice {
  readonly id: string;
  readonly number: string;
}

export interface VoidResult {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly creditNote: { readonly id: string; readonly number: string; readonly total: string };
}

export interface DiscardResult {
  readonly invoiceId: string;
  readonly lines: number;
}

interface LockedInvoice {
  id: string;
  runId: string;
  status: InvoiceStatus;
  dryRun: boolean;
  number: string | null;
  invoiceDate: string;
  runStatus: string;
}

/** Locks the invoice row (FOR UPDATE) and reads what the checks need. */
async function lockInvoice(tx: Sql, id: string): Promise<LockedInvoice> {
  const rows = await tx.$queryRawUnsafe<LockedInvoice[]>(
    `SELECT i.id, i.run_id AS "runId", i.status, i.dry_run AS "dryRun", i.number, i.invoice_date::text AS "invoiceDate",
            r.status AS "runStatus"
       FROM invoices i JOIN billing_runs r ON r.id = i.run_id
      WHERE i.id = $1 FOR UPDATE OF i`,
    id,
  );
  if (rows.length === 0) throw new NotFoundProblem(`no invoice with id '${id}'`);
  return rows[0];
}

function label(inv: Pick<LockedInvoice, 'id' | 'number'>): string {
  return inv.number ?? inv.id;
}

function refuseWhileRunOpen(inv: LockedInvoice, what: string): void {
  if (inv.runStatus !== 'completed') {
    throw new ConflictProblem(
      `cannot ${what} invoice ${label(inv)}: its billing run ${inv.runId} is ${inv.runStatus}, not completed`,
      { status: inv.status, runStatus: inv.runStatus },
    );
  }
}

/** Assigns numbers to invoices already locked and checked, in the order given. */
async function number(tx: Sql, drafts: readonly { id: string; invoiceDate: string }[], numbering: NumberingConfig): Promise<PostedInvoice[]> {
  const byPrefix = new Map<string, string[]>();
  for (const d of drafts) {
    const prefix = seriesPrefix(numbering.invoicePrefix, d.invoiceDate);
    let ids = byPrefix.get(prefix);
    if (!ids) byPrefix.set(prefix, (ids = []));
    ids.push(d.id);
  }
  const posted: PostedInvoice[] = [];
  for (const [prefix, ids] of [...byPrefix].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = await takeNumbers(tx, prefix, 'invoice', ids.length);
    const seqs = ids.map((_, i) => first + i);
    await tx.$executeRawUnsafe(
      `UPDATE invoices i SET status = 'posted', series = $1, seq = t.seq, number = $1 || t.seq::text, posted_at = now()
         FROM unnest($2::text[], $3::int[]) AS t(id, seq) WHERE i.id = t.id`,
      prefix,
      ids,
      seqs,
    );
    ids.forEach((id, i) => posted.push({ id, number: `${prefix}${seqs[i]}` }));
  }
  return posted;
}

async function auditPosted(tx: Sql, ids: readonly string[], actorKeyId: string | null): Promise<void> {
  if (ids.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO audit_log (actor_key_id, action, entity_type, subject, detail)
     SELECT $1, 'invoice.post', 'invoice', i.id,
            jsonb_build_object('number', i.number, 'runId', i.run_id, 'accountId', i.account_id, 'currency', i.currency, 'total', i.total::text)
       FROM invoices i WHERE i.id = ANY($2::text[])`,
    actorKeyId,
    ids,
  );
  await announcePosted(tx, ids);
}

/** One `invoice.posted` webhook event per invoice, in the posting transaction (the outbox). */
async function announcePosted(tx: Sql, ids: readonly string[]): Promise<void> {
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT i.id AS "invoiceId", i.number, i.run_id AS "runId", i.account_id AS "accountId", i.currency,
            to_char(i.invoice_date, 'YYYY-MM-DD') AS "invoiceDate", i.total::text AS total, i.posted_at AS "postedAt"
       FROM invoices i WHERE i.id = ANY($1::text[]) ORDER BY i.seq`,
    ids,
  );
  await emitWebhookEvents(tx, 'invoice.posted', rows);
}

/** Posts one draft: 409 naming the status when it is not a draft, or while its run is not completed. */
export async function postInvoiceTx(tx: Sql, id: string, numbering: NumberingConfig, actorKeyId: string | null): Promise<PostedInvoice> {
  const inv = await lockInvoice(tx, id);
  if (inv.status !== 'draft') {
    throw new ConflictProblem(`invoice ${label(inv)} is ${inv.status}: only a draft can be posted`, { status: inv.status });
  }
  if (inv.dryRun) {
    throw new ConflictProblem(`invoice ${inv.id} is from a dry run: a preview cannot be posted`, { status: inv.status, dryRun: true });
  }
  refuseWhileRunOpen(inv, 'post');
  const [posted] = await number(tx, [inv], numbering);
  await auditPosted(tx, [posted.id], actorKeyId);
  return posted;
}

/**
 * Posts the given drafts (account, currency order) in one transaction: all
 * or none; 409 naming the first that is not a postable draft.
 */
export async function postInvoicesTx(tx: Sql, ids: readonly string[], numbering: NumberingConfig, actorKeyId: string | null): Promise<PostedInvoice[]> {
  const rows = await tx.$queryRawUnsafe<LockedInvoice[]>(
    `SELECT i.id, i.run_id AS "runId", i.status, i.dry_run AS "dryRun", i.number, i.invoice_date::text AS "invoiceDate",
            r.status AS "runStatus"
       FROM invoices i JOIN billing_runs r ON r.id = i.run_id
      WHERE i.id = ANY($1::text[]) ORDER BY i.account_id, i.currency, i.id FOR UPDATE OF i`,
    [...ids],
  );
  if (rows.length !== new Set(ids).size) throw new NotFoundProblem(`${new Set(ids).size - rows.length} of the ${ids.length} invoices do not exist`);
  for (const inv of rows) {
    if (inv.status !== 'draft') throw new ConflictProblem(`invoice ${label(inv)} is ${inv.status}: only a draft can be posted`, { status: inv.status });
    if (inv.dryRun) throw new ConflictProblem(`invoice ${inv.id} is from a dry run: a preview cannot be posted`, { status: inv.status, dryRun: true });
    refuseWhileRunOpen(inv, 'post');
  }
  const posted = await number(tx, rows, numbering);
  await auditPosted(
    tx,
    posted.map((p) => p.id),
    actorKeyId,
  );
  return posted;
}

/**
 * Posts every draft of a completed run (account, currency order), or of a
 * run that is completing (`fromFinalize`: the caller holds the run row).
 * Returns what it posted; none left is not an error.
 */
export async function postRunTx(
  tx: Sql,
  runId: string,
  numbering: NumberingConfig,
  actorKeyId: string | null,
  opts: { fromFinalize?: boolean } = {},
): Promise<PostedInvoice[]> {
  const runs = await tx.$queryRawUnsafe<{ status: string; dryRun: boolean }[]>(
    `SELECT status, dry_run AS "dryRun" FROM billing_runs WHERE id = $1`,
    runId,
  );
  if (runs.length === 0) throw new NotFoundProblem(`billing run '${runId}' does not exist`);
  if (runs[0].dryRun) throw new ConflictProblem(`billing run ${runId} is a dry run: its invoices are previews and cannot be posted`);
  if (!opts.fromFinalize && runs[0].status !== 'completed') {
    throw new ConflictProblem(`cannot post the invoices of billing run ${runId}: it is ${runs[0].status}, not completed`, {
      runStatus: runs[0].status,
    });
  }
  const drafts = await tx.$queryRawUnsafe<{ id: string; invoiceDate: string }[]>(
    `SELECT id, invoice_date::text AS "invoiceDate" FROM invoices
      WHERE run_id = $1 AND status = 'draft' AND dry_run = false
      ORDER BY account_id, currency, id FOR UPDATE`,
    runId,
  );
  const posted = await number(tx, drafts, numbering);
  await auditPosted(
    tx,
    posted.map((p) => p.id),
    actorKeyId,
  );
  return posted;
}

/** Deletes a draft and its lines (their coverage is billable again). */
export async function discardInvoiceTx(tx: Sql, id: string, actorKeyId: string | null): Promise<DiscardResult> {
  const inv = await lockInvoice(tx, id);
  if (inv.status !== 'draft') {
    throw new ConflictProblem(
      `invoice ${label(inv)} is ${inv.status}: only a draft can be discarded${inv.status === 'posted' ? ' (void it instead)' : ''}`,
      { status: inv.status },
    );
  }
  refuseWhileRunOpen(inv, 'discard');
  const [summary] = await tx.$queryRawUnsafe<{ lines: number; total: string; accountId: string; currency: string }[]>(
    `SELECT (SELECT count(*)::int FROM invoice_lines WHERE invoice_id = i.id) AS lines, i.total::text AS total,
            i.account_id AS "accountId", i.currency FROM invoices i WHERE i.id = $1`,
    id,
  );
  await tx.$executeRawUnsafe(`DELETE FROM invoice_lines WHERE invoice_id = $1`, id);
  await tx.$executeRawUnsafe(`DELETE FROM invoices WHERE id = $1`, id);
  await tx.$executeRawUnsafe(
    `INSERT INTO audit_log (actor_key_id, action, entity_type, subject, detail) VALUES ($1, 'invoice.discard', 'invoice', $2, $3::jsonb)`,
    actorKeyId,
    id,
    JSON.stringify({ runId: inv.runId, dryRun: inv.dryRun, ...summary }),
  );
  return { invoiceId: id, lines: summary.lines };
}

/**
 * What the credit note of voiding an invoice offsets, one row per invoice
 * line: the line's amount negated, less what live credits of other
 * invoices already gave back of a charge (credits written later against it,
 * `corrects_line_id`). Voiding releases the charge, and with it those
 * credits' effect on coverage: the charge, its credits and the note net to
 * zero, and a rebill bills the days once.
 */
const voidOffsetsSql = (invoiceParam: string): string => `offsets AS (
  SELECT l.id, l.order_product_id, l.period_start, l.period_end, l.kind,
         -(l.amount + CASE WHEN l.kind = 'charge' THEN coalesce((
            SELECT sum(c.amount) FROM invoice_lines c
             WHERE c.corrects_line_id = l.id AND c.live AND NOT c.dry_run AND c.invoice_id <> l.invoice_id), 0)
           ELSE 0 END) AS amount
    FROM invoice_lines l WHERE l.invoice_id = ${invoiceParam})`;

/**
 * Voids a posted invoice: issues its credit note (own series, dated `today`,
 * one line per invoice line: its amount negated, less what later credits
 * already gave back of a charge), marks it void and releases its lines'
 * coverage, so the next run bills those periods again under today's book
 * and policies.
 */
export async function voidInvoiceTx(
  tx: Sql,
  id: string,
  input: { reason: string | null; today: string; numbering: NumberingConfig; actorKeyId: string | null },
): Promise<VoidResult> {
  const inv = await lockInvoice(tx, id);
  if (inv.status !== 'posted') {
    throw new ConflictProblem(
      `invoice ${label(inv)} is ${inv.status}: only a posted invoice can be voided${inv.status === 'draft' ? ' (discard a draft instead)' : ''}`,
      { status: inv.status },
    );
  }
  refuseWhileRunOpen(inv, 'void');
  const prefix = seriesPrefix(input.numbering.creditNotePrefix, input.today);
  const seq = await takeNumbers(tx, prefix, 'credit-note', 1);
  const [note] = await tx.$queryRawUnsafe<{ id: string; number: string; total: string }[]>(
    `WITH ${voidOffsetsSql('$1')}
     INSERT INTO credit_notes (invoice_id, account_id, currency, series, seq, number, issue_date, total, reason, created_by)
     SELECT i.id, i.account_id, i.currency, $2::text, $3::int, $2::text || ($3::int)::text, $4::date,
            coalesce((SELECT sum(amount) FROM offsets), 0), $5, $6
       FROM invoices i WHERE i.id = $1
     RETURNING id, number, total::text AS total`,
    id,
    prefix,
    seq,
    input.today,
    input.reason,
    input.actorKeyId,
  );
  await tx.$executeRawUnsafe(
    `WITH ${voidOffsetsSql('$2')}
     INSERT INTO credit_note_lines (credit_note_id, invoice_line_id, order_product_id, period_start, period_end, amount)
     SELECT $1, o.id, o.order_product_id, o.period_start, o.period_end, o.amount
       FROM offsets o ORDER BY o.order_product_id, o.period_start, o.kind`,
    note.id,
    id,
  );
  await tx.$executeRawUnsafe(`UPDATE invoices SET status = 'void', voided_at = now(), void_reason = $2 WHERE id = $1`, id, input.reason);
  await tx.$executeRawUnsafe(`UPDATE invoice_lines SET live = false WHERE invoice_id = $1 AND live`, id);
  await tx.$executeRawUnsafe(
    `INSERT INTO audit_log (actor_key_id, action, entity_type, subject, detail) VALUES ($1, 'invoice.void', 'invoice', $2, $3::jsonb)`,
    input.actorKeyId,
    id,
    JSON.stringify({ number: inv.number, reason: input.reason, creditNote: { id: note.id, number: note.number, total: note.total } }),
  );
  await emitWebhookEvent(tx, 'invoice.voided', {
    invoiceId: id,
    number: inv.number,
    runId: inv.runId,
    reason: input.reason,
    creditNote: { id: note.id, number: note.number, total: note.total, issueDate: input.today },
  });
  return { invoiceId: id, invoiceNumber: inv.number!, creditNote: note };
}

/**
 * Audit rows for rebilling: every invoice of `runId` that bills coverage of
 * an order product a voided invoice had billed gets an `invoice.rebill` row
 * naming the voided invoices. Called when the run completes.
 */
export async function auditRebillsTx(tx: Sql, runId: string): Promise<number> {
  return tx.$executeRawUnsafe(
    `INSERT INTO audit_log (actor_key_id, action, entity_type, subject, detail)
     SELECT NULL, 'invoice.rebill', 'invoice', n.invoice_id,
            jsonb_build_object('runId', $1::text, 'rebills', jsonb_agg(DISTINCT v.number))
       FROM invoice_lines n
       JOIN invoice_lines o ON o.order_product_id = n.order_product_id AND NOT o.live AND o.kind = 'charge'
            AND daterange(o.period_start, o.period_end, '[]') && daterange(n.period_start, n.period_end, '[]')
       JOIN invoices v ON v.id = o.invoice_id AND v.status = 'void'
      WHERE n.run_id = $1 AND n.kind = 'charge' AND n.dry_run = false
      GROUP BY n.invoice_id`,
    runId,
  );
}
