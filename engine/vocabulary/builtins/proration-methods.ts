// The five built-in proration methods (engine/proration), registered through
// the PluginApi like any plugin's method.
import { builtinProrationMethods as METHODS } from '../../proration/builtin-methods.js';
import type { PluginApi, ProvisoPlugin } from '../plugin-api.js';

const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  daily: ['prorate daily'],
  'monthly-daily': ['prorate monthly-daily rounding half-even'],
  'whole-months': ['prorate whole-months'],
  'thirty-360': ['prorate thirty-360'],
  none: ['prorate none'],
};

export const builtinProrationMethods: ProvisoPlugin = (api: PluginApi) => {
  for (const m of METHODS) api.addProrationMethod({ name: m.name, doc: m.doc, fn: m.fn, examples: EXAMPLES[m.name] ?? [] });
};
