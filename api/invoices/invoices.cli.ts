// The in-process side of `proviso invoices`: opens and migrates the
// configured database and runs the lifecycle's transaction bodies (the same
// as the HTTP routes; audit rows carry no key: the actor is the CLI).
import type { CliIo } from '../cli/cli-types.js';
import type { InvoicesArgs } from '../cli/commands/invoices.command.js';
import { todayInZone } from '../billing-runs/run-config.js';
import { ProblemError } from '../common/problem.js';
import { databaseOptionsFromEnv, openDatabase } from '../persistence/prisma-client.factory.js';
import { discardInvoiceTx, postInvoicesTx, postRunTx, voidInvoiceTx } from './invoice-lifecycle.js';
import { readNumberingConfig, type Sql } from './numbering.js';

export async function invoicesFromCli(args: InvoicesArgs, io: CliIo, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Promise<number> {
  const numbering = readNumberingConfig(env);
  const db = await openDatabase(databaseOptionsFromEnv(env));
  try {
    await db.migrate();
    const tx = <T>(fn: (t: Sql) => Promise<T>): Promise<T> => db.prisma.$transaction((t) => fn(t));
    switch (args.action) {
      case 'list': {
        const rows = await db.prisma.$queryRawUnsafe<{ id: string; number: string | null; status: string; accountId: string; currency: string; total: string; invoiceDate: string }[]>(
          `SELECT id, number, status, account_id AS "accountId", currency, trim_scale(total)::text AS total, invoice_date::text AS "invoiceDate"
             FROM invoices WHERE NOT dry_run AND ($1::text IS NULL OR run_id = $1) AND ($2::text IS NULL OR status = $2)
            ORDER BY invoice_date, account_id, currency, id`,
          args.runId ?? null,
          args.status ?? null,
        );
        for (const r of rows) io.out(`${r.id}\t${r.number ?? '-'}\t${r.status}\t${r.invoiceDate}\t${r.accountId}\t${r.currency}\t${r.total}\n`);
        io.err(`${rows.length} invoice${rows.length === 1 ? '' : 's'}\n`);
        return 0;
      }
      case 'post': {
        const posted = args.runId
          ? await tx((t) => postRunTx(t, args.runId!, numbering, null))
          : await tx((t) => postInvoicesTx(t, args.ids, numbering, null));
        for (const p of posted) io.out(`posted ${p.id} as ${p.number}\n`);
        io.err(`${posted.length} invoice${posted.length === 1 ? '' : 's'} posted\n`);
        return 0;
      }
      case 'discard': {
        const r = await tx((t) => discardInvoiceTx(t, args.id, null));
        io.out(`discarded draft ${r.invoiceId} (${r.lines} line${r.lines === 1 ? '' : 's'})\n`);
        return 0;
      }
      case 'void': {
        const today = todayInZone(now(), (env.PROVISO_TIMEZONE ?? '').trim() || 'UTC');
        const r = await tx((t) => voidInvoiceTx(t, args.id, { reason: args.reason, today, numbering, actorKeyId: null }));
        io.out(`voided ${r.invoiceNumber}: credit note ${r.creditNote.number} (${r.creditNote.total})\n`);
        return 0;
      }
    }
  } catch (e) {
    if (e instanceof ProblemError) {
      io.err(`proviso invoices ${args.action}: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
