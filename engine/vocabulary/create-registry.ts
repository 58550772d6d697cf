// A registry with the built-in vocabulary, then declared attributes, then
// plugins, each through the public PluginApi (origin `builtin`, `attribute`,
// or the plugin's name).
import { builtinDateFunctions } from './builtins/date-functions.js';
import { builtinFacts } from './builtins/facts.js';
import { builtinOperators } from './builtins/operators.js';
import { builtinProrationMethods } from './builtins/proration-methods.js';
import { builtinRoundingModes } from './builtins/rounding-modes.js';
import { builtinStringFunctions } from './builtins/string-functions.js';
import { attributeFacts, type AttributeDeclarations } from './config.js';
import type { ProvisoPlugin } from './plugin-api.js';
import { Registry } from './registry.js';

export const BUILTIN_PLUGINS: readonly ProvisoPlugin[] = [
  builtinFacts,
  builtinDateFunctions,
  builtinStringFunctions,
  builtinOperators,
  builtinProrationMethods,
  builtinRoundingModes,
];

export interface CreateRegistryOptions {
  /** Declared custom attributes (proviso.config.json `attributes`). */
  readonly attributes?: AttributeDeclarations;
  /** Plugins to register after the built-ins, each with its origin name (a
   * bare function takes its function name, or `plugin`, as origin). */
  readonly plugins?: readonly (ProvisoPlugin | { readonly name: string; readonly plugin: ProvisoPlugin; readonly options?: unknown })[];
}

/** Throws RegistrationError when a plugin or attribute reuses a name. */
export function createRegistry(options: CreateRegistryOptions = {}): Registry {
  const registry = new Registry();
  for (const p of BUILTIN_PLUGINS) registry.use(p, 'builtin');
  if (options.attributes) {
    const facts = attributeFacts({ attributes: options.attributes, plugins: [] });
    registry.use((api) => facts.forEach((f) => api.addFact(f)), 'attribute');
  }
  for (const p of options.plugins ?? []) {
    if (typeof p === 'function') registry.use(p, p.name || 'plugin');
    else registry.use(p.plugin, p.name, p.options);
  }
  return registry;
}
