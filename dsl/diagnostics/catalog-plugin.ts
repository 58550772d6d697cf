// PV29xx: diagnostics a plugin's own static check reports on a call of its
// word (engine/plugin/word-check.ts runs the checks after the DSL checker).
// The plugin supplies the text; the code and severity come from here, so a
// plugin's findings look, sort and document like every other diagnostic.
import type { CatalogEntry } from './diagnostic-types.js';

export const PLUGIN_CHECK_DIAGNOSTICS = {
  PV2901: {
    severity: 'error',
    message: '{word}: {message}',
    example: 'policy "Bank holidays" {\n  override billing date to nextBusinessDay(billingDate, "XX")\n}',
    fix: "Follow the plugin's message; `proviso check` and the editor show it where the call is written. Without the plugin the word is unknown (PV2003).",
  },
  PV2902: {
    severity: 'warning',
    message: '{word}: {message}',
    example: 'policy "Old calendar" {\n  when isBusinessDay(2019-01-02, "EMEA")\n  hold billing\n}',
    fix: "Follow the plugin's message; a warning does not stop publishing.",
  },
} as const satisfies Record<string, CatalogEntry>;

export type PluginCheckCode = keyof typeof PLUGIN_CHECK_DIAGNOSTICS;
