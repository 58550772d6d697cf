// The engine's public surface. api/ and bench/ import from here; nothing in
// engine/ imports this barrel (it would create cycles).

// vocabulary registry and extension API
export { Registry, RegistrationError } from './vocabulary/registry.js';
export { createRegistry, BUILTIN_PLUGINS, type CreateRegistryOptions } from './vocabulary/create-registry.js';
export type {
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
export type { LineContext } from './results/index.js';
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

// order book
export type {
  Account,
  Attributes,
  BillingFrequency,
  BillingType,
  ChargeType,
  Contract,
  InvoicedPeriod,
  Order,
  OrderBook,
  OrderProduct,
  OrderStatus,
  OrderType,
} from './book/book-types.js';
export { parseOrderBook, formatBookErrors, isDecimalString, MAX_ERRORS, type BookError, type ParseBookResult } from './book/validate-book.js';
export { generateDemoBook, iterateDemoBook, seededRandom, type DemoBookChunk, type DemoBookOptions } from './book/demo-book.js';

// billing calendar
export {
  addDays,
  addMonthsClamped,
  compareDates,
  daysInclusive,
  daysInMonth,
  isLeapYear,
  isValidIsoDate,
  toDayNumber,
  fromDayNumber,
} from './calendar/civil-date.js';
export {
  billingDayFor,
  frequencyMonths,
  iteratePeriods,
  periods,
  type BillingFrequencyName,
  type CycleSpec,
  type DateRange,
  type FrequencyMonths,
  type Period,
  type PeriodKind,
} from './calendar/periods.js';
export { naturalBillingDate } from './calendar/billing-date.js';
export { alignedPeriods, type AmendmentTerm } from './calendar/alignment.js';

// proration and money
export { builtinProrationMethods, DEFAULT_PRORATION_METHOD } from './proration/builtin-methods.js';
export type { ProrationContext, ProrationFn, ProrationMethod } from './proration/proration-types.js';
export { daily } from './proration/daily.js';
export { monthlyDaily } from './proration/monthly-daily.js';
export { wholeMonths } from './proration/whole-months.js';
export { thirty360, days360 } from './proration/thirty-360.js';
export { none } from './proration/none.js';
export { Dec, type DecInput } from './money/decimal.js';
export { formatFactor, formatMoney, minorUnits, roundMoney, ROUNDING_MODE_DOCS, ROUNDING_MODES, type RoundingMode } from './money/rounding.js';

// planner and simulation
export type { EvaluationError, HoldReport, Invoice, InvoiceLine, SimulationResult, TraceEntry } from './results/index.js';
export { groupInvoices, planBook, planOrderProducts, simulate, sortErrors, sortHolds } from './plan/planner.js';
export { compiledEvaluator, isPlanEvaluator, toPlanEvaluator, type PolicySource } from './plan/plan-adapter.js';
export {
  NO_POLICIES,
  type Decided as PlanDecided,
  type PlanError,
  type PlanEvaluator,
  type PlanLineDecision,
  type PlanPeriodDecision,
} from './plan/plan-evaluator.js';
export { PLAN_CODES } from './plan/plan-codes.js';
export { timeline, type Timeline, type TimelinePeriod } from './plan/timeline.js';
export { compareSimulations, type ImpactLine, type MoneyDelta, type SimulationImpact } from './plan/impact.js';

// json-rules-engine interop
export { exportJre, INTEROP_CODES, type JreExportResult } from './interop/jre-export.js';
export { importJre, dslString, type ImportProblem, type JreImportResult } from './interop/jre-import.js';
export { jreFacts, type JreFacts } from './interop/jre-facts.js';
export type { JreCondition, JreEvent, JreExport, JreFactRef, JreLeaf, JreRule, JreValue } from './interop/jre-types.js';
