// The engine's public surface. api/ and bench/ import from here; nothing in
// engine/ imports this barrel (it would create cycles).

// vocabulary registry and extension API
export { Registry, RegistrationError } from './vocabulary/registry.js';
export { createRegistry, BUILTIN_PLUGINS, type CreateRegistryOptions } from './vocabulary/create-registry.js';
export type {
  DateRange as VocabularyDateRange,
  FactDef,
  FunctionDef,
  OperatorDef,
  PluginApi,
  ProrationMethodDef,
  ProvisoPlugin,
  RoundingModeDef,
} from './vocabulary/plugin-api.js';
export type {
  ManifestFact,
  ManifestFunction,
  ManifestOperator,
  ManifestParam,
  ManifestWord,
  VocabularyManifest,
} from './vocabulary/vocabulary-manifest.js';
export {
  isDecimal,
  isDuration,
  isIsoDate,
  typeText,
  valueKind,
  valueText,
  type DurationUnit,
  type DurationValue,
  type Value,
} from './vocabulary/runtime-values.js';
export {
  ATTRIBUTE_ENTITIES,
  EMPTY_CONFIG,
  attributeFacts,
  configDiagnostic,
  parseConfig,
  type AttributeDeclarations,
  type AttributeEntity,
  type AttributeType,
  type ProvisoConfig,
} from './vocabulary/config.js';
export { CONFIG_CODES, configMessage, type ConfigCode } from './vocabulary/config-codes.js';

// evaluation
export type { LineContext } from './evaluate/line-context.js';
export { EVAL_CODES, evalMessage, type EvalCode, type EvalCodeEntry } from './evaluate/eval-codes.js';
export { EvaluationFailure } from './evaluate/evaluation-failure.js';
export { compileExpr, compileCondition, CompileError, type CompiledExpr, type Evaluator } from './evaluate/compile-expr.js';
export {
  compilePolicies,
  type CompileOptions,
  type CompiledBillingDay,
  type CompiledCondition,
  type CompiledHold,
  type CompiledPolicy,
  type CompiledPolicySet,
  type ProrateSetting,
} from './evaluate/compile-policies.js';
export {
  evaluateLine,
  ORDER_PRODUCT_HOLD_REASON,
  prorateText,
  type Decided,
  type HoldDecision,
  type LineDecision,
} from './evaluate/evaluate-line.js';
export { evaluatePeriod, type PeriodDecision } from './evaluate/evaluate-period.js';
