// Invoice and credit-note numbers: sequential and gapless per series.
//
// A series is identified by its prefix (`INV-2026-`); the prefix comes from a
// configured template where `{yyyy}` is the year of the document's date. The
// counter row (`number_series`) is incremented inside the posting transaction:
// the row lock orders concurrent posters (any instance), and a rolled-back
// post gives its numbers back, so the series never has a gap or a duplicate.
import type { Prisma } from '../generated/prisma/client.js';

export type SeriesKind = 'invoice' | 'credit-note';
export type Sql = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

export interface NumberingConfig {
  /** Template of invoice numbers' prefix, e.g. `INV-{yyyy}-`. */
  readonly invoicePrefix: string;
  /** Template of credit-note numbers' prefix, e.g. `CN-{yyyy}-`. */
  readonly creditNotePrefix: string;
}

export const DEFAULT_NUMBERING: NumberingConfig = { invoicePrefix: 'INV-{yyyy}-', creditNotePrefix: 'CN-{yyyy}-' };

export class NumberingConfigError extends Error {}

const TEMPLATE = /^(?:[A-Za-z0-9_./-]|\{yyyy\}){1,40}$/;

/** Reads `PROVISO_INVOICE_PREFIX` and `PROVISO_CREDIT_NOTE_PREFIX`; a bad value names the variable. */
export function readNumberingConfig(env: Readonly<Record<string, string | undefined>> = process.env): NumberingConfig {
  const read = (name: string, fallback: string): string => {
    const raw = (env[name] ?? '').trim();
    if (raw === '') return fallback;
    if (!TEMPLATE.test(raw)) {
      throw new NumberingConfigError(
        `${name}: '${raw}' is not a number prefix (1-40 of letters, digits, - _ . / and {yyyy} for the year, e.g. 'INV-{yyyy}-')`,
      );
    }
    return raw;
  };
  const config = {
    invoicePrefix: read('PROVISO_INVOICE_PREFIX', DEFAULT_NUMBERING.invoicePrefix),
    creditNotePrefix: read('PROVISO_CREDIT_NOTE_PREFIX', DEFAULT_NUMBERING.creditNotePrefix),
  };
  if (config.invoicePrefix === config.creditNotePrefix) {
    throw new NumberingConfigError(
      `PROVISO_CREDIT_NOTE_PREFIX: '${config.creditNotePrefix}' is also the invoice prefix; credit notes need their own series`,
    );
  }
  return config;
}

/** The series prefix of a document dated `date` (`YYYY-MM-DD`). */
export function seriesPrefix(template: string, date: string): string {
  return template.replaceAll('{yyyy}', date.slice(0, 4));
}

/**
 * Takes the next `count` numbers of the series `prefix` (created on first
 * use) and returns the first; the caller uses first .. first + count - 1.
 * Must run inside the transaction that writes the numbers.
 */
export async function takeNumbers(tx: Sql, prefix: string, kind: SeriesKind, count: number): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ last: number }[]>(
    `INSERT INTO number_series (prefix, kind, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (prefix) DO UPDATE SET last_value = number_series.last_value + EXCLUDED.last_value
       WHERE number_series.kind = EXCLUDED.kind
     RETURNING last_value AS last`,
    prefix,
    kind,
    count,
  );
  if (rows.length === 0) throw new NumberingConfigError(`the number series '${prefix}' belongs to the other kind of document than ${kind}`);
  return rows[0].last - count + 1;
}
