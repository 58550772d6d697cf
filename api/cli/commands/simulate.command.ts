// `proviso simulate`: what a billing run on a date would do, without a database.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { OrderBook } from '../../../engine/book/book-types.js';
import { parseOrderBook } from '../../../engine/book/validate-book.js';
import { simulate } from '../../../engine/plan/planner.js';
import type { SimulationResult } from '../../../engine/results/index.js';
import type { AttributeDeclarations } from '../../../engine/vocabulary/config.js';
import { loadCsvBook } from '../../book/csv/csv-book-memory.js';
import { formatCsvBookError } from '../../book/csv/csv-book-reader.js';
import { folderSource, isFolder } from '../../book/csv/csv-book-sources.js';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';
import { displayPath, isCalendarDate, loadPolicies, parseFlags } from '../policy-loading.js';

const USAGE = `usage: proviso simulate --policies <files|dirs...> --book <book.json|folder> --as-of <YYYY-MM-DD>
                        [--format text|json] [--config <proviso.config.json>]

Shows what a billing run on the date would invoice, hold and report, from an
order book in a JSON file (DESIGN §2), or a folder of CSV files (accounts.csv,
contracts.csv, orders.csv, order-products.csv, invoiced.csv; headers are the
JSON field names, attributes.<name> for custom fields), and the policies given,
without a database.
--format json prints the simulation result (invoices, holds, errors, warnings);
text (the default) prints a table per invoice (charges and credits, each with
its kind) with a one-line trace per invoice line.
Exit 0 after simulating, 1 when the policies or the book have errors, 2 on usage errors.
`;

export interface SimulateArgs {
  readonly policies: readonly string[];
  readonly book: string;
  readonly asOf: string;
  readonly format: 'text' | 'json';
  readonly configPath?: string;
}

export function parseSimulateArgs(args: readonly string[]): SimulateArgs {
  const f = parseFlags(args, { single: ['--book', '--as-of', '--format', '--config'], multi: ['--policies'] });
  if (f.positional.length > 0) throw new UsageError(`unexpected argument '${f.positional[0]}' (policies go after --policies)`);
  const policies = f.lists.get('--policies');
  if (!policies) throw new UsageError('--policies <files|dirs...> is required');
  const book = f.values.get('--book');
  if (!book) throw new UsageError('--book <book.json|folder> is required');
  const asOf = f.values.get('--as-of');
  if (!asOf) throw new UsageError('--as-of <YYYY-MM-DD> is required');
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of: '${asOf}' is not a calendar date YYYY-MM-DD`);
  const format = f.values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const configPath = f.values.get('--config');
  return { policies, book, asOf, format, ...(configPath ? { configPath } : {}) };
}

/** Reads and validates the book file; prints problems and returns null on failure. */
export async function readBookFile(path: string, io: CliIo, attributes?: AttributeDeclarations): Promise<OrderBook | null> {
  const abs = isAbsolute(path) ? path : resolve(io.cwd, path);
  const name = displayPath(abs, io.cwd);
  if (await isFolder(abs)) return readCsvBookFolder(abs, name, io, attributes);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`${name}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`}\n`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.err(`${name}: not valid JSON: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
  const r = parseOrderBook(json);
  if (!r.ok) {
    for (const err of r.errors) io.err(`${name}: ${err.path}: ${err.message}\n`);
    io.err(`${name}: ${r.errors.length}${r.errors.length >= 100 ? '+' : ''} error${r.errors.length === 1 ? '' : 's'} in the order book\n`);
    return null;
  }
  return r.book;
}

/** A folder of CSV files (accounts.csv, contracts.csv, ...) read into a book. */
async function readCsvBookFolder(abs: string, name: string, io: CliIo, attributes?: AttributeDeclarations): Promise<OrderBook | null> {
  const r = await loadCsvBook(folderSource(abs), attributes ? { attributes } : {});
  if (r.ok) return r.book;
  for (const e of r.errors) io.err(`${name}/${formatCsvBookError(e)}\n`);
  io.err(`${name}: ${r.errors.length}${r.errors.length >= 100 ? '+' : ''} error${r.errors.length === 1 ? '' : 's'} in the CSV order book\n`);
  return null;
}

const command: CliCommand = {
  name: 'simulate',
  summary: 'Show what a billing run on a date would invoice and hold (no database)',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const a = parseSimulateArgs(args);
    const loaded = await loadPolicies(a.policies, io, a.configPath ? { configPath: a.configPath } : {});
    if (!loaded.ok) return loaded.exitCode;
    const book = await readBookFile(a.book, io, loaded.value.config.attributes);
    if (!book) return 1;
    const result = simulate(book, a.asOf, loaded.value.set, loaded.value.registry);
    io.out(a.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderSimulationText(result, book));
    return 0;
  },
};

export default command;

// ------------------------------------------------------------------ text table

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** A readable report: one table per invoice, then holds and errors. */
export function renderSimulationText(r: SimulationResult, book?: OrderBook): string {
  const names = new Map(book?.accounts.map((a) => [a.id, a.name]) ?? []);
  const lineCount = r.invoices.reduce((n, i) => n + i.lines.length, 0);
  const creditCount = r.invoices.reduce((n, i) => n + i.lines.filter((l) => l.kind === 'credit').length, 0);
  const out: string[] = [];
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(
    `Billing run as of ${r.asOf}: ${plural(r.invoices.length, 'invoice')}, ${plural(lineCount, 'line')}${creditCount ? ` (${plural(creditCount, 'credit')})` : ''}, ${plural(r.holds.length, 'hold')}, ${plural(r.errors.length, 'error')}${r.warnings.length ? `, ${plural(r.warnings.length, 'warning')}` : ''}`,
  );
  for (const inv of r.invoices) {
    out.push('');
    const name = names.get(inv.accountId);
    out.push(`Invoice for ${inv.accountId}${name ? ` (${name})` : ''}  ${inv.currency}  dated ${inv.invoiceDate}  total ${inv.total} ${inv.currency}`);
    const rows = inv.lines.map((l) => [
      l.orderProductId,
      l.kind,
      `${l.periodStart}..${l.periodEnd}`,
      l.billingDate,
      l.quantity,
      l.unitPrice,
      l.prorationFactor,
      l.amount,
    ]);
    const head = ['order product', 'kind', 'period', 'billing date', 'qty', 'unit price', 'factor', 'amount'];
    const right = [false, false, false, false, true, true, true, true];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    out.push('  ' + head.map((h, i) => pad(h, widths[i], right[i])).join('  '));
    inv.lines.forEach((l, k) => {
      out.push('  ' + rows[k].map((c, i) => pad(c, widths[i], right[i])).join('  '));
      if (l.corrects) out.push(`      corrects: ${l.corrects.periodStart}..${l.corrects.periodEnd} billed ${l.corrects.amount}`);
      if (l.trace.length > 0) out.push('      why: ' + l.trace.map((t) => `${t.set} ${t.value} (${t.policy})`).join('; '));
    });
  }
  if (r.holds.length > 0) {
    out.push('', 'Held (not invoiced in this run):');
    for (const h of r.holds) {
      out.push(`  ${h.orderProductId}  ${h.reasons.join('; ')}${h.policies.length ? `  [${h.policies.join(', ')}]` : ''}`);
    }
  }
  if (r.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(`  ${w.orderProductId}  ${w.code}  ${w.message}`);
  }
  if (r.errors.length > 0) {
    out.push('', 'Errors (these order products were not billed):');
    for (const e of r.errors) {
      const named = e.policy && !e.message.startsWith(e.policy) ? `  [${e.policy}]` : '';
      out.push(`  ${e.orderProductId}  ${e.code}  ${e.message}${named}`);
    }
  }
  return out.join('\n') + '\n';
}
