// Loads a project's vocabulary at the I/O edge: reads proviso.config.json
// (from the working directory, or an explicit --config path), validates it,
// imports each plugin module relative to the config file and registers it.
// Every problem becomes a diagnostic (PV31xx) naming the file, the JSON path
// or the plugin; nothing here throws for bad input.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import type { Vocabulary } from '../../dsl/vocabulary/vocabulary-types.js';
import { attributeFacts, configDiagnostic, EMPTY_CONFIG, parseConfig, type ProvisoConfig } from '../../engine/vocabulary/config.js';
import { createRegistry } from '../../engine/vocabulary/create-registry.js';
import type { ProvisoPlugin } from '../../engine/vocabulary/plugin-api.js';
import type { Registry } from '../../engine/vocabulary/registry.js';

export const CONFIG_FILE_NAME = 'proviso.config.json';

/** A project whose config or plugins failed to load: `serve`, `run` and the
 * service refuse to go on without a word a policy may use. The message names
 * the config file, each failing plugin and (for a clash) the word; no stack. */
export class ProjectLoadError extends Error {
  override readonly name = 'ProjectLoadError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `the project configuration could not be loaded (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((d) => `  ${d.file ?? CONFIG_FILE_NAME}: ${d.code} ${d.message}`).join('\n'),
    );
  }
}

/** Throws ProjectLoadError when the project has error diagnostics (a bad
 * config, a plugin that did not load or registered a clashing word). */
export function assertProjectLoaded(project: { readonly diagnostics: readonly Diagnostic[] }): void {
  if (project.diagnostics.some((d) => d.severity === 'error')) throw new ProjectLoadError(project.diagnostics);
}

export interface LoadedProject {
  readonly registry: Registry;
  readonly vocabulary: Vocabulary;
  readonly config: ProvisoConfig;
  /** Absolute path of the config file read, when there was one. */
  readonly configFile?: string;
  readonly diagnostics: Diagnostic[];
}

export interface LoadProjectOptions {
  readonly cwd: string;
  /** Explicit config path (`--config`), relative to cwd; a missing file is a diagnostic. */
  readonly configPath?: string;
}

export async function loadProject(opts: LoadProjectOptions): Promise<LoadedProject> {
  const diagnostics: Diagnostic[] = [];
  const explicit = opts.configPath !== undefined;
  const file = resolve(opts.cwd, opts.configPath ?? CONFIG_FILE_NAME);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (explicit || code !== 'ENOENT') {
      diagnostics.push(configDiagnostic(code === 'ENOENT' ? 'PV3108' : 'PV3113', file, { file, error: String((err as Error).message) }));
    }
  }
  if (text === undefined) {
    const registry = createRegistry();
    return { registry, vocabulary: registry.vocabulary(), config: EMPTY_CONFIG, diagnostics };
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    diagnostics.push(configDiagnostic('PV3101', file, { file, error: (err as Error).message }));
    const registry = createRegistry();
    return { registry, vocabulary: registry.vocabulary(), config: EMPTY_CONFIG, configFile: file, diagnostics };
  }
  const parsed = parseConfig(json, file);
  diagnostics.push(...parsed.diagnostics);
  const config = parsed.config;

  const registry = createRegistry();
  for (const fact of attributeFacts(config)) {
    try {
      registry.api('attribute').addFact(fact);
    } catch (err) {
      diagnostics.push(configDiagnostic('PV3112', file, { fact: fact.path, error: (err as Error).message }));
    }
  }
  const base = dirname(file);
  for (const spec of config.plugins) {
    const plugin = await importPlugin(spec, base, file, diagnostics);
    if (!plugin) continue;
    try {
      registry.use(plugin, spec, config.pluginOptions?.[spec]);
    } catch (err) {
      diagnostics.push(configDiagnostic('PV3111', file, { plugin: spec, error: err instanceof Error ? err.message : String(err) }));
    }
  }
  return { registry, vocabulary: registry.vocabulary(), config, configFile: file, diagnostics };
}

async function importPlugin(spec: string, base: string, file: string, diagnostics: Diagnostic[]): Promise<ProvisoPlugin | undefined> {
  // Paths (./x.js, ../x.js, /abs/x.js) resolve against the config file's folder;
  // bare names (a package) resolve as Node resolves them.
  const isPath = spec.startsWith('.') || isAbsolute(spec);
  const target = isPath ? pathToFileURL(resolve(base, spec)).href : spec;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(target)) as Record<string, unknown>;
  } catch (err) {
    diagnostics.push(configDiagnostic('PV3109', file, { plugin: spec, error: err instanceof Error ? err.message : String(err) }));
    return undefined;
  }
  const candidate = typeof mod.default === 'function' ? mod.default : mod.register;
  if (typeof candidate !== 'function') {
    diagnostics.push(configDiagnostic('PV3110', file, { plugin: spec }));
    return undefined;
  }
  return candidate as ProvisoPlugin;
}
