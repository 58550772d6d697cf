// `proviso fmt`: rewrites .policy files in the canonical layout (dsl/print).
// Files with syntax errors are reported and left untouched; `--check` writes
// nothing and lists the files that would change (for CI).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatDiagnosticLine } from '../../../dsl/diagnostics/render.js';
import { LineIndex } from '../../../dsl/spans/spans.js';
import { formatDocument } from '../../../dsl/print/printer.js';
import type { CliCommand, CliIo } from '../cli-types.js';
import { UsageError } from '../cli-types.js';
import { displayPath, expandPolicyPaths, POLICY_EXTENSION } from '../policy-loading.js';

const USAGE = `usage: proviso fmt <files|dirs...> [--check]

Rewrites policy files in the canonical layout: two-space indent, one statement
per line, a blank line between policies, comments kept where they were.
Directories are searched recursively for ${POLICY_EXTENSION} files.
Files with syntax errors are reported as path:line:col: error CODE message and
left unchanged.
  --check   write nothing; list the files that would change
Exit 0 when every file is (or now is) formatted, 1 when --check finds files to
change or a file has syntax errors or cannot be read, 2 on usage errors.
`;

export interface FmtArgs {
  readonly paths: readonly string[];
  readonly check: boolean;
}

export function parseFmtArgs(args: readonly string[]): FmtArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { check: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e));
  }
  if (parsed.positionals.length === 0) throw new UsageError('give at least one policy file or directory');
  return { paths: parsed.positionals, check: parsed.values.check === true };
}

/** Keeps Windows line endings for files written with them. */
function withLineEndings(formatted: string, original: string): string {
  return original.includes('\r\n') ? formatted.replace(/\n/g, '\r\n') : formatted;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.proviso-fmt-${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { paths, check } = parseFmtArgs(args);
  const { files, missing } = await expandPolicyPaths(paths, io.cwd);
  for (const m of missing) io.err(`${m}: no such file or directory\n`);
  if (files.length === 0 && missing.length === 0) throw new UsageError(`no ${POLICY_EXTENSION} files in ${paths.join(', ')}`);

  let failed = missing.length > 0;
  const changed: string[] = [];
  for (const file of files) {
    const name = displayPath(file, io.cwd);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      io.err(`${name}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      failed = true;
      continue;
    }
    const result = formatDocument(text, name);
    if (result.text === undefined) {
      const index = new LineIndex(text);
      for (const d of result.diagnostics) io.err(formatDiagnosticLine(d, index) + '\n');
      failed = true;
      continue;
    }
    const formatted = withLineEndings(result.text, text);
    if (formatted === text) continue;
    changed.push(name);
    if (check) continue;
    try {
      await writeAtomically(file, formatted);
    } catch (e) {
      io.err(`${name}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      failed = true;
    }
  }
  for (const name of changed) io.out(`${name}\n`);
  if (check && changed.length > 0) {
    io.err(`${changed.length} file${changed.length === 1 ? '' : 's'} would be reformatted; run 'proviso fmt' on ${changed.length === 1 ? 'it' : 'them'}\n`);
  }
  return failed || (check && changed.length > 0) ? 1 : 0;
}

const fmtCommand: CliCommand = {
  name: 'fmt',
  summary: 'rewrite policy files in the canonical layout (--check: list files that would change)',
  usage: USAGE,
  run,
};

export default fmtCommand;
