// Streams the export to a Writable (an HTTP response, stdout, a file),
// waiting for 'drain' when the reader is slower than the database.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Prisma } from '../../generated/prisma/client.js';
import { csvHeader, documentCsvRows, documentJsonLine } from './export-rows.js';
import { exportDocuments, type ExportFilter } from './invoice-export.repository.js';

export type ExportFormat = 'csv' | 'jsonl';

export async function writeExport(
  db: Pick<Prisma.TransactionClient, '$queryRawUnsafe'>,
  filter: ExportFilter,
  format: ExportFormat,
  out: Writable,
): Promise<{ documents: number; lines: number }> {
  let documents = 0;
  let lines = 0;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(csvHeader());
  for await (const d of exportDocuments(db, filter)) {
    documents++;
    lines += d.lines.length;
    await write(format === 'csv' ? documentCsvRows(d) : documentJsonLine(d));
  }
  return { documents, lines };
}

export const EXPORT_STATUSES = ['draft', 'posted', 'void'] as const;
export const EXPORT_DOCUMENTS = ['all', 'invoices', 'credit-notes'] as const;
