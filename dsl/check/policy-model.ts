import type {
  BillingDayStatement,
  Expr,
  FieldPath,
  HoldStatement,
  OverrideStatement,
  Policy,
  PolicyFile,
  Span,
} from '../ast/ast-types.js';
import type { Diagnostic } from '../diagnostics/diagnostic-types.js';
import type { DslType, FactSignature, FunctionSignature } from '../vocabulary/vocabulary-types.js';

/** One input file (or editor buffer). */
export interface SourceDocument {
  readonly file: string;
  readonly text: string;
}

export type RoundingModeName = 'half-up' | 'half-even' | 'up' | 'down' | (string & {});

/** A policy after binding and checking: its settings pulled out of the item list. */
export interface CheckedPolicy {
  readonly name: string;
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly description?: string;
  /** Default 0. */
  readonly priority: number;
  /** Undefined: applies to every line. */
  readonly when?: Expr;
  readonly holds: readonly HoldStatement[];
  readonly billingDay?: BillingDayStatement;
  readonly override?: OverrideStatement;
  readonly align?: 'own' | 'original';
  readonly prorate?: {
    readonly method: string;
    readonly rounding?: RoundingModeName;
    readonly precision?: number;
  };
  readonly node: Policy;
  /** True when the policy reads a period-scoped fact (`billingDate`), so the
   * engine must evaluate it once per billing period rather than once per line. */
  readonly usesPeriodFacts?: boolean;
}

/** The output of `checkDocuments`: the trees, the checked policies and every
 * diagnostic (parse, bind, check), sorted by file then position. */
export interface PolicyModel {
  readonly documents: readonly { readonly file: string; readonly text: string; readonly ast: PolicyFile }[];
  readonly policies: readonly CheckedPolicy[];
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /** Static type of an expression, when the checker could type it. */
  typeOf(expr: Expr): DslType | undefined;
  /** The fact a field path resolved to. */
  factOf(path: FieldPath): FactSignature | undefined;
  /** The function a call resolved to. */
  functionOf(call: Expr): FunctionSignature | undefined;
}
