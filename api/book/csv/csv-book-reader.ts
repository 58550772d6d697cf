// Reads a CSV order book (csv-book-layout.ts) file by file, row by row, with
// csv-parse, and passes every row through the book validator of
// engine/book/validate-book.ts. Rows are handed to a sink as they are read, so
// a million-row file never sits in memory; the validator keeps only ids, or
// none at all when the caller checks references itself (the import, in SQL).
// Every problem names file, row (as a spreadsheet numbers it: the header is
// row 1), column and value.
import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { Account, Contract, InvoicedPeriod, Order, OrderProduct } from '../../../engine/book/book-types.js';
import { BookValidator, MAX_ERRORS } from '../../../engine/book/validate-book.js';
import { storageProblemsOf } from '../storage-limits.js';
import {
  ATTRIBUTE_PREFIX,
  CSV_BOOK_FILES,
  headerProblems,
  readAttributeCell,
  readCell,
  type AttributeDeclarations,
  type CsvFileLayout,
} from './csv-book-layout.js';

export interface CsvBookError {
  readonly file: string;
  /** Spreadsheet row: 1 is the header, 2 the first data row; null for the file as a whole. */
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

/** Where the files come from: a folder, or uploaded files. null = the file is absent. */
export interface CsvBookSource {
  open(file: string): Promise<Readable | null>;
}

/** Each row with the spreadsheet row it came from (2 = the first data row). */
export interface CsvRowSink {
  account?(row: Account, at: number): Promise<void> | void;
  contract?(row: Contract, at: number): Promise<void> | void;
  order?(row: Order, at: number): Promise<void> | void;
  orderProduct?(row: OrderProduct, at: number): Promise<void> | void;
  invoiced?(row: InvoicedPeriod, at: number): Promise<void> | void;
  /** After the last row of a file (flush a batch). */
  endOfFile?(layout: CsvFileLayout): Promise<void> | void;
}

export interface CsvReadOptions {
  readonly attributes?: AttributeDeclarations;
  /** Told as soon as the first problem is found (a writer stops writing). */
  readonly onError?: () => void;
  /**
   * false: duplicates and references are not checked here and no id is kept
   * (memory does not grow with the book); the sink then receives every row
   * that has an id, bad rows too, so the caller can check references over all
   * of them (the import does, in SQL). Default true: checked in memory.
   */
  readonly references?: boolean;
}

export interface CsvReadResult {
  readonly errors: readonly CsvBookError[];
  /** Data rows read per file name. */
  readonly rows: Readonly<Record<string, number>>;
  /** True when reading stopped at MAX_ERRORS problems (later rows were not read). */
  readonly stopped: boolean;
}

const ROW_PATH = /^(.+?\.csv) row (\d+)(?:\.(.+))?$/;

/**
 * Reads every file in order and calls the sink for each valid row. Stops
 * reading (but keeps the errors) after MAX_ERRORS problems. The sink keeps
 * being called after a bad row: it is the caller's job to refuse the whole
 * book when errors is not empty (nothing half-written).
 */
export async function readCsvBook(source: CsvBookSource, sink: CsvRowSink, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const keepAll = options.references === false;
  const v = new BookValidator({ references: !keepAll });
  const extra: CsvBookError[] = [];
  const rows: Record<string, number> = {};
  const total = (): number => v.errors.length + extra.length;
  for (const layout of CSV_BOOK_FILES) {
    if (total() >= MAX_ERRORS) break;
    const stream = await source.open(layout.file);
    if (!stream) {
      if (!layout.optional) extra.push({ file: layout.file, row: null, column: null, value: null, message: 'is missing (a CSV book needs accounts.csv, contracts.csv and orders.csv)' });
      continue;
    }
    const failing = (): number => {
      const n = total();
      if (n > 0) options.onError?.();
      return n;
    };
    rows[layout.file] = await readFile(layout, stream, v, extra, sink, options.attributes ?? {}, failing, keepAll);
    await sink.endOfFile?.(layout);
  }
  v.finish();
  const mapped = v.errors.map(toCsvError);
  return { errors: [...extra, ...mapped].slice(0, MAX_ERRORS), rows, stopped: total() >= MAX_ERRORS };
}

async function readFile(
  layout: CsvFileLayout,
  stream: Readable,
  v: BookValidator,
  extra: CsvBookError[],
  sink: CsvRowSink,
  declared: AttributeDeclarations,
  total: () => number,
  keepAll: boolean,
): Promise<number> {
  const parser = stream.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: false }));
  let header: string[] | null = null;
  let row = 1;
  const attributeTypes = layout.attributesOf ? declared[layout.attributesOf] ?? {} : {};
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record.map((h) => h.trim());
        const problems = headerProblems(layout, header);
        for (const p of problems) extra.push({ file: layout.file, row: 1, column: p.column, value: null, message: p.message });
        if (problems.length > 0) {
          stream.destroy();
          return 0;
        }
        continue;
      }
      row++;
      if (total() >= MAX_ERRORS) {
        stream.destroy();
        break;
      }
      const json: Record<string, unknown> = {};
      const attributes: Record<string, unknown> = {};
      let cellsOk = true;
      header.forEach((column, i) => {
        const text = record[i];
        const cell = column.startsWith(ATTRIBUTE_PREFIX)
          ? readAttributeCell(attributeTypes[column.slice(ATTRIBUTE_PREFIX.length)], text)
          : readCell(layout.columns[column], text);
        if (!cell.ok) {
          cellsOk = false;
          extra.push({ file: layout.file, row, column, value: text, message: cell.message });
          return;
        }
        if (column.startsWith(ATTRIBUTE_PREFIX)) {
          if (cell.value !== null) attributes[column.slice(ATTRIBUTE_PREFIX.length)] = cell.value;
        } else {
          json[column] = cell.value;
        }
      });
      if (layout.attributesOf) json.attributes = attributes;
      const before = v.errors.length;
      const value = feed(layout, v, json, `${layout.file} row ${row}`);
      const valueOf = (column: string): string | null => {
        const i = header!.indexOf(column);
        return i >= 0 ? record[i] : null;
      };
      if (v.errors.length > before) {
        // keep the raw cell with each new error (the mapping below reads it back)
        for (let k = before; k < v.errors.length; k++) rawValues.set(v.errors[k], valueOf(columnOf(v.errors[k].path)));
        if (!keepAll) continue;
      }
      if (value === null) continue;
      if (cellsOk && total() === 0) {
        const limits = storageProblemsOf(layout.entity, value);
        if (limits.length > 0) {
          for (const l of limits) extra.push({ file: layout.file, row, column: l.field, value: l.field === null ? null : valueOf(l.field), message: l.message });
          if (!keepAll) continue;
        }
      } else if (!keepAll) continue;
      await deliver(layout, sink, value, row);
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const info = e as CsvError & { records?: number; lines?: number; record?: unknown[] };
      const at = typeof info.records === 'number' ? info.records + 1 : row + 1;
      const message =
        e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && Array.isArray(info.record)
          ? `has ${info.record.length} cells, the header has ${/expect (\d+)/.exec(e.message)?.[1] ?? 'another number'}`
          : `is not readable as CSV (line ${info.lines ?? '?'}): ${e.message}`;
      extra.push({ file: layout.file, row: at, column: null, value: null, message });
      return Math.max(0, row - 1);
    } else {
      throw e;
    }
  }
  if (header === null) extra.push({ file: layout.file, row: null, column: null, value: null, message: 'is empty (it needs a header row)' });
  return Math.max(0, row - 1);
}

function feed(layout: CsvFileLayout, v: BookValidator, json: unknown, path: string): unknown {
  switch (layout.entity) {
    case 'accounts':
      return v.account(json, path);
    case 'contracts':
      return v.contract(json, path);
    case 'orders':
      return v.order(json, path);
    case 'orderProducts':
      return v.orderProduct(json, path);
    case 'invoiced':
      return v.invoiced(json, path);
  }
}

async function deliver(layout: CsvFileLayout, sink: CsvRowSink, value: unknown, at: number): Promise<void> {
  switch (layout.entity) {
    case 'accounts':
      return sink.account?.(value as Account, at);
    case 'contracts':
      return sink.contract?.(value as Contract, at);
    case 'orders':
      return sink.order?.(value as Order, at);
    case 'orderProducts':
      return sink.orderProduct?.(value as OrderProduct, at);
    case 'invoiced':
      return sink.invoiced?.(value as InvoicedPeriod, at);
  }
}

const rawValues = new WeakMap<object, string | null>();

function columnOf(path: string): string {
  const m = ROW_PATH.exec(path);
  return m?.[3] ?? '';
}

function toCsvError(e: { path: string; message: string }): CsvBookError {
  const m = ROW_PATH.exec(e.path);
  if (!m) return { file: '', row: null, column: null, value: null, message: `${e.path}: ${e.message}` };
  const value = rawValues.get(e) ?? null;
  return { file: m[1], row: Number(m[2]), column: m[3] ?? null, value, message: e.message };
}

/** `file:row: column "value": message` lines, as the CLI prints them. */
export function formatCsvBookError(e: CsvBookError): string {
  const where = e.row === null ? e.file : `${e.file}:${e.row}`;
  const cell = e.column === null ? '' : ` ${e.column}${e.value !== null ? ` = ${JSON.stringify(e.value)}` : ''}`;
  return `${where}:${cell}: ${e.message}`;
}
