// `proviso import-book <folder> [--dry-run]`: a CSV order book into the
// configured database (DATABASE_URL, else PGlite under PROVISO_DATA_DIR), in
// one transaction; --dry-run prints what would change and writes nothing.
import { isAbsolute, resolve } from 'node:path';
import type { Prisma } from '../../generated/prisma/client.js';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';
import { displayPath, parseFlags } from '../policy-loading.js';

const USAGE = `usage: proviso import-book <folder> [--dry-run] [--config <proviso.config.json>]

Loads an order book from a folder of CSV files into the configured database
(DATABASE_URL=postgres://..., or the embedded database in PROVISO_DATA_DIR,
default ./.proviso): accounts.csv, contracts.csv, orders.csv and optionally
order-products.csv and invoiced.csv. Headers are the JSON field names of the
book (DESIGN §2), custom fields are attributes.<name> columns, an empty cell
is null. Rows are upserted by id. Every bad row is named (file:row: column =
"value": problem) and then nothing is written. --dry-run prints, per entity,
how many rows would be created, updated or left unchanged.
Exit 0 after importing (or the dry run), 1 when the book has errors, 2 on usage errors.
`;

const command: CliCommand = {
  name: 'import-book',
  summary: 'Load an order book from a folder of CSV files into the database',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const f = parseFlags(args, { single: ['--config'], bool: ['--dry-run'] });
    if (f.positional.length !== 1) throw new UsageError(f.positional.length === 0 ? 'a folder of CSV files is required' : 'give exactly one folder');
    const abs = isAbsolute(f.positional[0]) ? f.positional[0] : resolve(io.cwd, f.positional[0]);
    const name = displayPath(abs, io.cwd);
    const { isFolder, folderSource } = await import('../../book/csv/csv-book-sources.js');
    if (!(await isFolder(abs))) {
      io.err(`${name}: not a folder (import-book reads a folder of CSV files; POST /api/book takes JSON)\n`);
      return 1;
    }
    const dryRun = f.bools.has('--dry-run');
    const [{ loadProject }, { importCsvBook, formatChanges }, { formatCsvBookError }, { databaseOptionsFromEnv, openDatabase }, { recordAuditSql }] = await Promise.all([
      import('../../config/load-project.js'),
      import('../../book/csv/csv-book-import.js'),
      import('../../book/csv/csv-book-reader.js'),
      import('../../persistence/prisma-client.factory.js'),
      import('../../audit/audit-entry.js'),
    ]);
    const configPath = f.values.get('--config');
    const project = await loadProject({ cwd: io.cwd, ...(configPath ? { configPath } : {}) });
    const configErrors = project.diagnostics.filter((d) => d.severity === 'error');
    if (configErrors.length > 0) {
      for (const d of configErrors) io.err(`${d.code} ${d.message}\n`);
      return 1;
    }
    const db = await openDatabase(databaseOptionsFromEnv());
    try {
      await db.migrate();
      const r = await importCsvBook(db, folderSource(abs), {
        dryRun,
        attributes: project.config.attributes,
        afterWrite: async (tx, changes) => {
          await recordAuditSql(tx, { actorKeyId: null, action: 'book.upload', subject: 'book', detail: { source: 'csv', changes: changes as unknown as Prisma.InputJsonObject } });
        },
      });
      if (!r.ok) {
        for (const e of r.errors) io.err(`${name}/${formatCsvBookError(e)}\n`);
        io.err(`${name}: ${r.errors.length}${r.errors.length >= 100 ? '+' : ''} error${r.errors.length === 1 ? '' : 's'}; nothing was imported\n`);
        return 1;
      }
      io.out(`${dryRun ? 'dry run (nothing written)' : 'imported'} into ${db.kind} ${db.location}\n${formatChanges(r.changes)}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export default command;
