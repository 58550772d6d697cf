// Shared by the CLI commands that read policies (simulate, export, check):
// expand files and directories into .policy documents, load the project
// (proviso.config.json: attributes and plugins -> the vocabulary registry),
// check the documents and print every diagnostic as
// `path:line:col: error|warning CODE message`, then compile.
// Bad input never throws out of here: it is printed and becomes an exit code.
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { PolicyModel, SourceDocument } from '../../dsl/check/policy-model.js';
import { isIsoDate } from '../../dsl/dates/iso-date.js';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { formatDiagnosticLine, LineIndex } from '../../dsl/index.js';
import { checkWithWords } from '../../engine/plugin/word-check.js';
import { compilePolicies, type CompiledPolicySet } from '../../engine/evaluate/compile-policies.js';
import type { Registry } from '../../engine/vocabulary/registry.js';
import type { ProvisoConfig } from '../../engine/vocabulary/config.js';
import { CONFIG_FILE_NAME, loadProject } from '../config/load-project.js';
import type { CliIo } from './cli-types.js';
import { UsageError } from './cli-types.js';

export const POLICY_EXTENSION = '.policy';

/** A file or directory argument expanded to .policy files (directories recursively, sorted). */
export async function expandPolicyPaths(paths: readonly string[], cwd: string): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    let s;
    try {
      s = await stat(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (s.isDirectory()) files.push(...(await walk(abs)));
    else files.push(abs);
  }
  const seen = new Set<string>();
  return { files: files.filter((f) => (seen.has(f) ? false : (seen.add(f), true))), missing };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && e.name.endsWith(POLICY_EXTENSION)) out.push(full);
  }
  return out;
}

/** Display path: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : file;
}

/**
 * Without --config and without proviso.config.json in the working directory,
 * the config of the first policy directory given is used (`--policies rules/`
 * finds rules/proviso.config.json), so the sample library checks from the repo root.
 */
export async function configBesidePolicies(paths: readonly string[], cwd: string): Promise<string | undefined> {
  if (await isFile(join(cwd, CONFIG_FILE_NAME))) return undefined;
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    const dir = (await isDirectory(abs)) ? abs : dirname(abs);
    if (await isFile(join(dir, CONFIG_FILE_NAME))) return join(dir, CONFIG_FILE_NAME);
  }
  return undefined;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export interface LoadedPolicies {
  readonly model: PolicyModel;
  readonly registry: Registry;
  readonly set: CompiledPolicySet;
  readonly files: readonly string[];
  /** The project config read (its attribute declarations type CSV attribute cells). */
  readonly config: ProvisoConfig;
}

export type LoadResult = { readonly ok: true; readonly value: LoadedPolicies } | { readonly ok: false; readonly exitCode: number };

/** Prints diagnostics (errors and warnings) to stderr, one line each, sorted by file then position. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>, io: CliIo): void {
  const indexes = new Map<string, LineIndex>();
  for (const d of diagnostics) {
    const file = d.file ?? '';
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex(texts.get(file) ?? '')));
    io.err(formatDiagnosticLine(d, index) + '\n');
  }
}

/**
 * Loads, checks and compiles the policies under `paths` with the project's
 * vocabulary. Exit codes on failure: 1 for bad input (diagnostics with errors,
 * unreadable files, a bad config), 2 for usage errors (no policy found).
 */
export async function loadPolicies(paths: readonly string[], io: CliIo, options: { configPath?: string } = {}): Promise<LoadResult> {
  const { files, missing } = await expandPolicyPaths(paths, io.cwd);
  if (missing.length > 0) {
    for (const m of missing) io.err(`${m}: no such file or directory\n`);
    return { ok: false, exitCode: 1 };
  }
  if (files.length === 0) throw new UsageError(`no ${POLICY_EXTENSION} files in ${paths.join(', ')}`);

  const configPath = options.configPath ?? (await configBesidePolicies(paths, io.cwd));
  const project = await loadProject({ cwd: io.cwd, ...(configPath ? { configPath } : {}) });
  const texts = new Map<string, string>();
  if (project.diagnostics.length > 0) {
    printDiagnostics(project.diagnostics, texts, io);
    if (project.diagnostics.some((d) => d.severity === 'error')) return { ok: false, exitCode: 1 };
  }

  const docs: SourceDocument[] = [];
  for (const f of files) {
    const name = displayPath(f, io.cwd);
    try {
      const text = await readFile(f, 'utf8');
      docs.push({ file: name, text });
      texts.set(name, text);
    } catch (e) {
      io.err(`${name}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
      return { ok: false, exitCode: 1 };
    }
  }
  const model = checkWithWords(docs, project.registry);
  printDiagnostics(model.diagnostics, texts, io);
  if (model.hasErrors) return { ok: false, exitCode: 1 };
  const set = compilePolicies(model, project.registry);
  return { ok: true, value: { model, registry: project.registry, set, files, config: project.config } };
}

// ------------------------------------------------------------ argument parsing

export interface FlagSpec {
  /** Flags taking one value. */
  readonly single?: readonly string[];
  /** Flags taking every following value up to the next flag. */
  readonly multi?: readonly string[];
  /** Flags without a value. */
  readonly bool?: readonly string[];
}

export interface ParsedFlags {
  readonly values: Map<string, string>;
  readonly lists: Map<string, string[]>;
  readonly bools: Set<string>;
  readonly positional: string[];
}

/** `--flag value`, `--flag=value`, `--list a b c`; unknown flags are usage errors. */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const single = new Set(spec.single ?? []);
  const multi = new Set(spec.multi ?? []);
  const bool = new Set(spec.bool ?? []);
  const out: ParsedFlags = { values: new Map(), lists: new Map(), bools: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    if (bool.has(flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      out.bools.add(flag);
    } else if (single.has(flag)) {
      const v = inline ?? args[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      if (out.values.has(flag)) throw new UsageError(`${flag} given twice`);
      out.values.set(flag, v);
    } else if (multi.has(flag)) {
      const list = out.lists.get(flag) ?? [];
      if (inline !== undefined) list.push(inline);
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) list.push(args[++i]);
      if (list.length === 0) throw new UsageError(`${flag} needs at least one value`);
      out.lists.set(flag, list);
    } else {
      throw new UsageError(`unknown option '${flag}'`);
    }
  }
  return out;
}

export const isCalendarDate: (s: string) => boolean = isIsoDate;
