// `proviso check <files|dirs...> [--format text|json] [--config <file>]`
// (DESIGN §5): checks policy files against the project's vocabulary and prints
// every diagnostic. Exit 0 without errors (warnings allowed), 1 with errors,
// 2 on usage errors. Bad input never produces a stack trace.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceDocument } from '../../../dsl/check/policy-model.js';
import type { Diagnostic } from '../../../dsl/diagnostics/diagnostic-types.js';
import { formatDiagnosticLine, LineIndex } from '../../../dsl/index.js';
import { checkWithWords } from '../../../engine/plugin/word-check.js';
import { loadProject } from '../../config/load-project.js';
import { configBesidePolicies, displayPath, expandPolicyPaths, POLICY_EXTENSION } from '../policy-loading.js';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';

const USAGE = `usage: proviso check <files|dirs...> [--format text|json] [--config <file>]

Checks billing policies: syntax, names, types, values, duplicate names and
equal-priority conflicts. Directories are searched recursively for ${POLICY_EXTENSION}
files. The vocabulary comes from proviso.config.json (declared attributes and
plugins) in the working directory, or beside the first policy folder given, or
from --config <file>.
  --format text   one line per diagnostic: path:line:col: error|warning CODE message
                  (default; a summary line goes to stderr)
  --format json   {"files", "errors", "warnings", "diagnostics": [{file, line, column,
                  endLine, endColumn, severity, code, message, related, data}]}
  --config <file> the project configuration to use
Exit 0 when there are no errors (warnings allowed), 1 with errors, 2 on usage errors.
`;

export interface CheckArgs {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly configPath?: string;
}

export function parseCheckArgs(args: readonly string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { format: { type: 'string' }, config: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e));
  }
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  if (parsed.positionals.length === 0) throw new UsageError('give at least one policy file or directory');
  const config = parsed.values.config;
  if (config === '') throw new UsageError('--config needs a file');
  return { paths: parsed.positionals, format, ...(config !== undefined ? { configPath: config } : {}) };
}

/** Diagnostic as JSON: 1-based positions, related locations resolved to line/column. */
export interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly related: readonly { readonly file: string; readonly line: number; readonly column: number; readonly message: string }[];
  readonly data?: unknown;
}

/** Files named on the command line, and directories expanded; a missing path or a folder without policies is a usage error. */
async function expandPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const { files: found, missing } = await expandPolicyPaths([p], cwd);
    if (missing.length > 0) throw new UsageError(`${p}: no such file or directory`);
    if (found.length === 0) throw new UsageError(`${p}: no ${POLICY_EXTENSION} files in this directory`);
    files.push(...found);
  }
  return [...new Set(files)];
}

/** --config, else proviso.config.json in cwd, else one beside the first policy path that has one. */
async function findConfig(paths: readonly string[], cwd: string, explicit: string | undefined): Promise<string | undefined> {
  if (explicit === undefined) return configBesidePolicies(paths, cwd);
  const isFile = await stat(resolve(cwd, explicit)).then((s) => s.isFile(), () => false);
  if (!isFile) throw new UsageError(`--config ${explicit}: no such file`);
  return explicit;
}

function toJson(d: Diagnostic, file: string, index: LineIndex, indexOf: (file: string) => LineIndex | undefined): JsonDiagnostic {
  const start = index.positionAt(d.span.start);
  const end = index.positionAt(d.span.end);
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
    related: (d.related ?? []).map((r) => {
      const rFile = r.file ?? file;
      const at = (indexOf(rFile) ?? index).positionAt(r.span.start);
      return { file: rFile, line: at.line, column: at.column, message: r.message };
    }),
    ...(d.data !== undefined ? { data: d.data } : {}),
  };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseCheckArgs(args);
  const files = await expandPaths(options.paths, io.cwd);
  const configPath = await findConfig(options.paths, io.cwd, options.configPath);
  const project = await loadProject({ cwd: io.cwd, ...(configPath !== undefined ? { configPath } : {}) });

  const indexes = new Map<string, LineIndex>();
  const docs: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let unreadable = 0;
  for (const d of project.diagnostics) diagnostics.push(d.file !== undefined ? { ...d, file: displayPath(d.file, io.cwd) } : d);
  const configBroken = project.diagnostics.some((d) => d.severity === 'error');
  if (!configBroken) {
    for (const f of files) {
      const name = displayPath(f, io.cwd);
      try {
        const text = await readFile(f, 'utf8');
        docs.push({ file: name, text });
      } catch (e) {
        unreadable++;
        io.err(`${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      }
    }
    const model = checkWithWords(docs, project.registry);
    for (const d of model.diagnostics) diagnostics.push(d);
  }
  for (const doc of docs) indexes.set(doc.file, new LineIndex(doc.text));
  const empty = new LineIndex('');
  const indexOf = (file: string) => indexes.get(file);

  const errors = diagnostics.filter((d) => d.severity === 'error').length + unreadable;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (options.format === 'json') {
    const out = diagnostics.map((d) => {
      const file = d.file ?? '<input>';
      return toJson(d, file, indexOf(file) ?? empty, indexOf);
    });
    io.out(JSON.stringify({ files: docs.length, errors, warnings, diagnostics: out }, null, 2) + '\n');
  } else {
    for (const d of diagnostics) io.out(formatDiagnosticLine(d, indexOf(d.file ?? '') ?? empty) + '\n');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const scope = configBroken ? 'configuration has errors; policies not checked' : `checked ${plural(docs.length, 'file')}`;
    io.err(`${scope}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  }
  return errors > 0 ? 1 : 0;
}

const command: CliCommand = { name: 'check', summary: 'check policy files and print diagnostics', usage: USAGE, run };
export default command;
