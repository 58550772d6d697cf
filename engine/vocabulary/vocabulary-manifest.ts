// The JSON the browser editor loads for completion and hover, and that
// docs/vocabulary.md is generated from: every word with its type as text, its
// docs, examples, allowed values and origin. Plain data, JSON-serialisable.

export interface ManifestParam {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly values?: readonly string[];
}

export interface ManifestFact {
  readonly path: string;
  readonly type: string;
  readonly optional: boolean;
  readonly scope: 'line' | 'period';
  readonly doc: string;
  readonly origin: string;
  readonly examples: readonly string[];
  /** Allowed values when the type is a closed set. */
  readonly values?: readonly string[];
}

export interface ManifestFunction {
  readonly name: string;
  /** `nextWeekday(date: date) -> date` */
  readonly signature: string;
  readonly params: readonly ManifestParam[];
  readonly returns: string;
  readonly doc: string;
  readonly origin: string;
  readonly examples: readonly string[];
  /** True when the word has its own static check (a plugin's `check`): the
   * editor then asks the service (POST /api/check) for its diagnostics. */
  readonly checked?: true;
}

export interface ManifestOperator {
  readonly name: string;
  readonly left: string;
  readonly right: string;
  readonly doc: string;
  readonly origin: string;
  readonly examples: readonly string[];
}

export interface ManifestWord {
  readonly name: string;
  readonly doc: string;
  readonly origin: string;
  readonly examples: readonly string[];
}

export interface VocabularyManifest {
  readonly version: 1;
  readonly facts: readonly ManifestFact[];
  readonly functions: readonly ManifestFunction[];
  readonly operators: readonly ManifestOperator[];
  readonly prorationMethods: readonly ManifestWord[];
  readonly roundingModes: readonly ManifestWord[];
}
