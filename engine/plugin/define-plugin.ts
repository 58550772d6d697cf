// definePlugin: a named plugin with typed options. The options come from
// proviso.config.json (`{ "module": "./x.js", "options": { ... } }`) and are
// validated by the plugin's own `options` function before `register` runs; a
// bad option stops every command with a message naming the plugin (PV3111).
import type { PluginApi, ProvisoPlugin } from '../vocabulary/plugin-api.js';

export interface PluginDecl<O> {
  /** Shown in messages about the plugin (the registry's origin stays its module path). */
  readonly name: string;
  /** Validates the raw options (undefined when the config gives none) and
   * returns them typed; throw an Error naming the option to refuse them. */
  readonly options?: (raw: unknown) => O;
  /** Registers the plugin's words. */
  readonly register: (api: PluginApi, options: O) => void;
}

/** A defined plugin: a ProvisoPlugin (the default export of a plugin module). */
export interface DefinedPlugin<O> extends ProvisoPlugin {
  readonly pluginName: string;
  /** The validated options for raw config options (throws like loading would). */
  readonly parseOptions: (raw: unknown) => O;
}

export function definePlugin<O = undefined>(decl: PluginDecl<O>): DefinedPlugin<O> {
  const parseOptions = (raw: unknown): O => {
    if (!decl.options) {
      if (raw !== undefined) throw new Error(`plugin ${decl.name} takes no options`);
      return undefined as O;
    }
    try {
      return decl.options(raw);
    } catch (e) {
      throw new Error(`plugin ${decl.name}: invalid options: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const plugin = (api: PluginApi, raw?: unknown): void => decl.register(api, parseOptions(raw));
  return Object.assign(plugin, { pluginName: decl.name, parseOptions });
}
