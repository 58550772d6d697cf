// The public surface of dsl/: parse, check, render diagnostics, convert
// positions. engine/, api/ and editor/ import from here.

// syntax
export { parseDocument, type ParseResult } from './parse/parse-document.js';
export type * from './ast/ast-types.js';

// printing
export { formatDocument, printFile, type FormatResult } from './print/printer.js';

// meaning
export { checkDocuments, type CheckOptions } from './check/check-documents.js';
export type { CheckedPolicy, PolicyModel, RoundingModeName, SourceDocument } from './check/policy-model.js';
export type * from './vocabulary/vocabulary-types.js';
export { compatible, typeName } from './check/dsl-types.js';
export { dateLiteralProblem } from './check/literal-values.js';
export { daysInMonth, isIsoDate, isLeapYear, isoDateProblem, parseIsoDate, type CivilParts } from './dates/iso-date.js';
export { editDistance, suggestNames } from './bind/did-you-mean.js';
export { ALIGN_MODES, pathText, type AlignMode } from './bind/bind-names.js';

// diagnostics
export type { CatalogEntry, Diagnostic, FixData, RelatedLocation, Severity } from './diagnostics/diagnostic-types.js';
export { CATALOG, createDiagnostic, isDiagnosticCode, type DiagnosticArgs, type DiagnosticCode, type DiagnosticExtras } from './diagnostics/catalog.js';
export { SYNTAX_DIAGNOSTICS, type SyntaxCode } from './diagnostics/catalog-syntax.js';
export { SEMANTIC_DIAGNOSTICS, type SemanticCode } from './diagnostics/catalog-semantic.js';
export { formatDiagnosticLine, renderDiagnosticExcerpt, renderDiagnostics, type RenderOptions, type SourceText } from './diagnostics/render.js';
export { renderDiagnosticsDoc, DSL_DOC_SECTIONS, type DocEntry, type DocSection } from './diagnostics/docs-generator.js';

// positions
export { LineIndex, type MonacoRange, type Position } from './spans/spans.js';
