// `proviso export-invoices`: invoices and credit notes from the configured
// database as CSV or JSON Lines, streamed to stdout or a file.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { isAbsolute, resolve } from 'node:path';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';
import { isCalendarDate, parseFlags } from '../policy-loading.js';

const USAGE = `usage: proviso export-invoices [--format csv|jsonl] [--run <id>] [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>]
                               [--status draft,posted,void] [--documents all|invoices|credit-notes] [--output <file>]

Writes the invoices and credit notes of the configured database
(DATABASE_URL=postgres://..., or the embedded database in PROVISO_DATA_DIR)
for accounting: CSV (default; one row per line with the document's number,
status, dates, account id and name, currency and total, the line's product
code and name, coverage, quantity, unit price, proration factor, amount and
the credit note that corrects it) or JSON Lines (one document per line).
Amounts are decimal text; text a spreadsheet would turn into a formula, a
number or a date starts with an apostrophe. Dry-run invoices are never exported.
--from/--to filter by invoice date (credit notes: issue date), --status by
invoice status. Exit 0 after exporting, 2 on usage errors.
`;

const STATUSES = ['draft', 'posted', 'void'];
const DOCUMENTS = ['all', 'invoices', 'credit-notes'] as const;

const command: CliCommand = {
  name: 'export-invoices',
  summary: 'Export invoices and credit notes as CSV or JSON Lines for accounting',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const f = parseFlags(args, { single: ['--format', '--run', '--from', '--to', '--status', '--documents', '--output'] });
    if (f.positional.length > 0) throw new UsageError(`unexpected argument '${f.positional[0]}'`);
    const format = f.values.get('--format') ?? 'csv';
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, not '${format}'`);
    for (const flag of ['--from', '--to']) {
      const v = f.values.get(flag);
      if (v !== undefined && !isCalendarDate(v)) throw new UsageError(`${flag}: '${v}' is not a calendar date YYYY-MM-DD`);
    }
    const statuses = f.values.get('--status')?.split(',').map((s) => s.trim());
    const bad = statuses?.find((s) => !STATUSES.includes(s));
    if (bad !== undefined) throw new UsageError(`--status: '${bad}' is not one of ${STATUSES.join(', ')}`);
    const documents = (f.values.get('--documents') ?? 'all') as (typeof DOCUMENTS)[number];
    if (!DOCUMENTS.includes(documents)) throw new UsageError(`--documents must be all, invoices or credit-notes, not '${documents}'`);

    const [{ databaseOptionsFromEnv, openDatabase }, { writeExport }] = await Promise.all([
      import('../../persistence/prisma-client.factory.js'),
      import('../../invoices/export/write-export.js'),
    ]);
    const db = await openDatabase(databaseOptionsFromEnv());
    try {
      await db.migrate();
      const output = f.values.get('--output');
      const filter = { runId: f.values.get('--run'), from: f.values.get('--from'), to: f.values.get('--to'), statuses, documents };
      if (output) {
        const file = createWriteStream(isAbsolute(output) ? output : resolve(io.cwd, output));
        const r = await writeExport(db.prisma, filter, format, file);
        file.end();
        await once(file, 'finish');
        io.err(`exported ${r.documents} documents, ${r.lines} lines to ${output}\n`);
      } else {
        const { Writable } = await import('node:stream');
        const out = new Writable({ write: (chunk: Buffer, _e, cb) => (io.out(chunk.toString('utf8')), cb()) });
        await writeExport(db.prisma, filter, format, out);
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

export default command;
