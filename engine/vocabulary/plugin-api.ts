// The extension API: what a plugin module (listed in proviso.config.json
// `plugins`) and the built-ins use to add words to the vocabulary.
//
// A plugin is a module whose default export (or named export `register`) is a
// `ProvisoPlugin`. It receives a `PluginApi` and calls its add* methods; each
// definition is a signature (types and docs, which the DSL checker and the
// editor see) plus its implementation (which compiled policies call):
//
//   export default function holidays(api) {
//     api.addFunction({
//       name: 'isHoliday', params: [{ name: 'date', type: { kind: 'date' } }],
//       returns: { kind: 'boolean' }, doc: 'True on a company holiday.',
//       examples: ['isHoliday(billingDate)'],
//       impl: (date) => HOLIDAYS.has(date),
//     });
//   }
//
// Runtime values (what `get`, `impl`, `test` receive and return):
//   string -> string; decimal -> Decimal (decimal.js, never a JS number);
//   date -> 'YYYY-MM-DD' string; duration -> { amount: number, unit:
//   'day'|'week'|'month'|'year' }; boolean -> boolean; list -> array;
//   enum -> string; absent -> null.
// Implementations must be pure and total (no I/O, no clock): the same facts
// always give the same decision. A thrown error becomes an evaluation error
// (PV4004) for that policy on that line, never a crash of the run.
// Registering a name that already exists throws (names are never replaced).
import type {
  FactSignature,
  FunctionSignature,
  OperatorSignature,
  ProrationMethodSignature,
} from '../../dsl/vocabulary/vocabulary-types.js';
import type { DateRange } from '../calendar/periods.js';
import type { LineContext } from '../results/index.js';
import type { ProrationFn } from '../proration/proration-types.js';
import type { Value } from './runtime-values.js';

export type { DateRange, ProrationFn };

interface Documented {
  /** Policy snippets shown in docs and editor hover. */
  readonly examples?: readonly string[];
}

export interface FactDef extends FactSignature, Documented {
  /** Reads the fact for a line; returns null when absent. */
  get(ctx: LineContext): Value;
}

export interface FunctionDef extends FunctionSignature {
  /** Called with one value per parameter (null only for optional parameters). */
  impl(...args: Value[]): Value;
}

export interface OperatorDef extends OperatorSignature {
  /** `left <name> right`; never called with an absent operand. */
  test(left: Value, right: Value): boolean;
}

export interface ProrationMethodDef extends ProrationMethodSignature, Documented {
  readonly fn: ProrationFn;
}

export interface RoundingModeDef extends Documented {
  readonly name: string;
  readonly doc: string;
  readonly origin?: string;
  /** decimal.js rounding constant (Decimal.ROUND_HALF_UP ...) the money module applies. */
  readonly decimalRounding?: number;
}

export interface PluginApi {
  addFact(def: FactDef): void;
  addFunction(def: FunctionDef): void;
  addOperator(def: OperatorDef): void;
  addProrationMethod(def: ProrationMethodDef): void;
  addRoundingMode(def: RoundingModeDef): void;
}

export type ProvisoPlugin = (api: PluginApi) => void;
