// The plugin kit, published as `proviso/plugin` (package.json `exports`,
// compiled to dist/engine/plugin with .d.ts). docs/plugins.md is the guide.
export { definePlugin, type DefinedPlugin, type PluginDecl } from './define-plugin.js';
export {
  defineFact,
  defineFunction,
  defineOperator,
  defineProrationMethod,
  defineRoundingMode,
  type DecimalRounding,
  type FactDecl,
  type FunctionDecl,
  type OperatorDecl,
  type RoundingModeDecl,
} from './define-words.js';
export { t, type ArgsOf, type IsoDate, type ParamDecl, type ValueOf } from './word-types.js';
export { checkWordCalls, checkWithWords, type WordCall, type WordCallArg, type WordCheck, type WordProblem } from './word-check.js';
export { testPlugin, type TestPluginInput, type TestPluginResult } from './test-plugin.js';
export type { FactDef, FunctionDef, OperatorDef, PluginApi, ProrationMethodDef, ProvisoPlugin, RoundingModeDef } from '../vocabulary/plugin-api.js';
export type { LineContext } from '../results/line-context.js';
export type { DateRange } from '../calendar/periods.js';
export type { DurationValue, Value } from '../vocabulary/runtime-values.js';
export type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
export type { SimulationResult } from '../results/plan-results.js';
export { Dec } from '../money/decimal.js';
