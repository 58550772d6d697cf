// docs/diagnostics.md: the DSL catalog, the engine's sections and those of
// codes owned by api/ (which engine/ may not import). `npm run docs`
// (scripts/docs.js) writes it; test/dsl/diagnostics checks it is current.
import { renderDiagnosticsDoc, type DocSection } from '../../dsl/diagnostics/docs-generator.js';
import { ENGINE_DOC_SECTIONS } from '../../engine/docs/reference-docs.js';
import { RUN_WRITE_CODES } from '../billing-runs/run-write-codes.js';

/** Sections for diagnostic codes defined in api/ (add a code's catalog here). */
export const API_DOC_SECTIONS: readonly DocSection[] = [
  {
    title: 'Run writes (PV6xxx)',
    intro:
      'Reported when a billing run cannot store what was planned for an order product (`api/billing-runs/run-write-codes.ts`): per order product, in the run report. That order product bills nothing in the run; the rest of the book is billed.',
    exampleLanguage: 'policy',
    entries: RUN_WRITE_CODES,
  },
];

export function renderDiagnosticsReference(): string {
  return renderDiagnosticsDoc([...ENGINE_DOC_SECTIONS, ...API_DOC_SECTIONS]);
}
