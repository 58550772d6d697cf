// docs/diagnostics.md: the DSL catalog, the engine's sections and those of
// codes owned by api/ (which engine/ may not import). `npm run docs`
// (scripts/docs.js) writes it; test/dsl/diagnostics checks it is current.
import { renderDiagnosticsDoc, type DocSection } from '../../dsl/diagnostics/docs-generator.js';
import { ENGINE_DOC_SECTIONS } from '../../engine/docs/reference-docs.js';

/** Sections for diagnostic codes defined in api/ (add a code's catalog here). */
export const API_DOC_SECTIONS: readonly DocSection[] = [];

export function renderDiagnosticsReference(): string {
  return renderDiagnosticsDoc([...ENGINE_DOC_SECTIONS, ...API_DOC_SECTIONS]);
}
