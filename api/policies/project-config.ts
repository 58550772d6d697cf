// Which proviso.config.json the service uses, and the vocabulary registry built
// from it (declared attributes and plugins).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { createRegistry } from '../../engine/vocabulary/create-registry.js';
import { parseConfig } from '../../engine/vocabulary/config.js';
import type { Registry } from '../../engine/vocabulary/registry.js';

export interface ProjectContext {
  readonly configPath: string | null;
  readonly registry: Registry;
  readonly diagnostics: readonly Diagnostic[];
}

/** The package root (where rules/ lives), found from this file in source or dist. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return process.cwd();
}

/** Explicit path, else PROVISO_CONFIG, else ./proviso.config.json, else the sample library's config. */
export function resolveConfigPath(explicit: string | undefined, cwd: string): string | null {
  const candidates = [
    explicit,
    process.env.PROVISO_CONFIG,
    join(cwd, 'proviso.config.json'),
    join(packageRoot(), 'rules', 'proviso.config.json'),
  ];
  for (const c of candidates) {
    if (c && existsSync(resolve(cwd, c))) return resolve(cwd, c);
  }
  return null;
}

export async function loadProjectContext(options: { configPath?: string; cwd?: string } = {}): Promise<ProjectContext> {
  const cwd = options.cwd ?? process.cwd();
  const configPath = resolveConfigPath(options.configPath, cwd);
  // The CLI's loader (attributes + plugins) when this build has it.
  try {
    const spec = '../config/load-project.js';
    const mod = (await import(spec)) as { loadProject?: (o: { cwd: string; configPath?: string }) => Promise<unknown> | unknown };
    if (typeof mod.loadProject === 'function') {
      const project = (await mod.loadProject({ cwd, ...(configPath ? { configPath } : {}) })) as {
        registry?: Registry;
        diagnostics?: Diagnostic[];
      };
      if (project?.registry) return { configPath, registry: project.registry, diagnostics: project.diagnostics ?? [] };
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (!(err.code === 'ERR_MODULE_NOT_FOUND' && /load-project/.test(err.message ?? ''))) throw e;
  }
  if (!configPath) return { configPath: null, registry: createRegistry(), diagnostics: [] };
  const parsed = parseConfig(JSON.parse(readFileSync(configPath, 'utf8')), configPath);
  return { configPath, registry: createRegistry({ attributes: parsed.config.attributes }), diagnostics: parsed.diagnostics };
}
