// The vocabulary manifest served by `GET /api/vocabulary`. It carries the
// signatures of dsl/vocabulary/vocabulary-types.ts plus what an editor shows
// (examples, enum values). Types may arrive as DslType objects or as short
// names (`"decimal"`, `"list<string>"`); manifest-to-vocabulary normalises them.
import type { DslType } from '../../../dsl/vocabulary/vocabulary-types.js';

export type ManifestType = DslType | string | { readonly kind: string; readonly [k: string]: unknown };

export interface ManifestFact {
  readonly path: string;
  readonly type: ManifestType;
  readonly optional?: boolean;
  readonly doc?: string;
  readonly scope?: 'line' | 'period';
  readonly origin?: string;
  /** Allowed values of an enum fact (also inside `type` when it is an enum). */
  readonly values?: readonly string[];
  readonly examples?: readonly string[];
}

export interface ManifestParam {
  readonly name: string;
  readonly type: ManifestType;
  readonly optional?: boolean;
  readonly values?: readonly string[];
}

export interface ManifestFunction {
  readonly name: string;
  readonly params: readonly ManifestParam[];
  readonly returns: ManifestType;
  readonly doc?: string;
  readonly examples?: readonly string[];
  readonly origin?: string;
  /** The word has its own static check, run by the service (POST /api/check). */
  readonly checked?: boolean;
}

export interface ManifestOperator {
  readonly name: string;
  readonly left: ManifestType;
  readonly right: ManifestType;
  readonly doc?: string;
  readonly examples?: readonly string[];
  readonly origin?: string;
}

export interface ManifestNamedWord {
  readonly name: string;
  readonly doc?: string;
  readonly origin?: string;
  readonly examples?: readonly string[];
}

export interface VocabularyManifest {
  readonly facts: readonly ManifestFact[];
  readonly functions: readonly ManifestFunction[];
  readonly operators: readonly ManifestOperator[];
  readonly prorationMethods: readonly (ManifestNamedWord | string)[];
  readonly roundingModes: readonly (ManifestNamedWord | string)[];
}
