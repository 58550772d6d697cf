// Which proviso.config.json the service uses, and the vocabulary registry built
// from it (declared attributes and plugins).
import type { AttributeDeclarations } from '../../engine/vocabulary/config.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { loadProject } from '../config/load-project.js';
import type { Registry } from '../../engine/vocabulary/registry.js';

export interface ProjectContext {
  readonly configPath: string | null;
  readonly registry: Registry;
  readonly diagnostics: readonly Diagnostic[];
  /** Declared attributes (CSV books read attribute cells by them). */
  readonly attributes: AttributeDeclarations;
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
  const configPath = options.configPath ? resolve(cwd, options.configPath) : resolveConfigPath(undefined, cwd);
  const project = await loadProject({ cwd, ...(configPath ? { configPath } : {}) });
  return { configPath, registry: project.registry, diagnostics: project.diagnostics, attributes: project.config.attributes };
}
