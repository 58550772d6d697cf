// POST /api/book/csv: uploaded CSV files (stored on disk by multer) streamed
// into the database in one transaction with the audit row, or a dry run.
import { unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedKey } from '../auth/roles.js';
import { ValidationProblem } from '../common/problem.js';
import type { Prisma } from '../generated/prisma/client.js';
import { DATABASE } from '../persistence/persistence.module.js';
import type { Database } from '../persistence/prisma-client.factory.js';
import { PolicyLibraryService } from '../policies/policy-library.service.js';
import { importCsvBook, type ImportChanges } from './csv/csv-book-import.js';
import { CSV_BOOK_FILES } from './csv/csv-book-layout.js';
import { formatCsvBookError } from './csv/csv-book-reader.js';
import { storedFilesSource } from './csv/csv-book-sources.js';

export interface UploadedCsv {
  readonly fieldname: string;
  readonly originalname: string;
  readonly path: string;
}

const KNOWN = new Set(CSV_BOOK_FILES.map((f) => f.file));

@Injectable()
export class CsvBookService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly audit: AuditService,
    private readonly library: PolicyLibraryService,
  ) {}

  async upload(actor: AuthenticatedKey | undefined, files: readonly UploadedCsv[], dryRun: boolean): Promise<{ dryRun: boolean; changes: ImportChanges }> {
    try {
      const byName = new Map<string, string>();
      const problems: { path: string; message: string }[] = [];
      for (const f of files) {
        const name = KNOWN.has(f.fieldname) ? f.fieldname : basename(f.originalname);
        if (!KNOWN.has(name)) problems.push({ path: `files.${f.fieldname}`, message: `${JSON.stringify(f.originalname)} is not a CSV book file (expected ${[...KNOWN].join(', ')})` });
        else if (byName.has(name)) problems.push({ path: `files.${f.fieldname}`, message: `${name} was sent twice` });
        else byName.set(name, f.path);
      }
      if (problems.length > 0) throw new ValidationProblem(`invalid CSV book upload: ${problems[0].message}`, problems);
      const { attributes } = await this.library.projectContext();
      const r = await importCsvBook(this.db, storedFilesSource(byName), {
        dryRun,
        attributes,
        afterWrite: async (tx, changes) => {
          await this.audit.recordSql(tx, {
            actorKeyId: actor?.id,
            action: 'book.upload',
            subject: 'book',
            detail: { source: 'csv', changes: changes as unknown as Prisma.InputJsonObject },
          });
        },
      });
      if (!r.ok) {
        const details = r.errors.map((e) => ({ path: e.row === null ? e.file : `${e.file}:${e.row}${e.column ? `.${e.column}` : ''}`, file: e.file, row: e.row, column: e.column, value: e.value, message: e.message }));
        const head = r.errors.slice(0, 3).map(formatCsvBookError).join('; ');
        throw new ValidationProblem(`invalid CSV order book (${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}; nothing was imported): ${head}${r.errors.length > 3 ? '; ...' : ''}`, details);
      }
      return { dryRun: r.dryRun, changes: r.changes };
    } finally {
      await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
    }
  }
}
