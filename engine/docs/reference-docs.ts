// The engine's parts of the generated references: its sections of
// docs/diagnostics.md (configuration PV31xx, evaluation PV40xx, planning
// PV42xx, interop PV50xx; api/docs/diagnostics-reference.ts assembles the
// whole file) and docs/vocabulary.md (the registry's manifest).
// `npm run docs` (scripts/docs.js) writes them; freshness tests compare.
import type { DocSection } from '../../dsl/diagnostics/docs-generator.js';
import { EVAL_CODES } from '../evaluate/eval-codes.js';
import { INTEROP_CODE_DOCS } from '../interop/jre-export.js';
import { PLAN_CODE_DOCS } from '../plan/plan-codes.js';
import { CONFIG_CODES } from '../vocabulary/config-codes.js';
import { createRegistry } from '../vocabulary/create-registry.js';
import { renderVocabularyDocs } from '../vocabulary/docs-generator.js';
import type { ProvisoPlugin } from '../vocabulary/plugin-api.js';

export const ENGINE_DOC_SECTIONS: readonly DocSection[] = [
  {
    title: 'Configuration (PV3xxx)',
    intro: 'Reported while reading proviso.config.json and loading plugins (`engine/vocabulary/config-codes.ts`). They point at the configuration file and name the JSON path or plugin.',
    exampleLanguage: 'json',
    entries: CONFIG_CODES,
  },
  {
    title: 'Evaluation (PV4xxx)',
    intro: 'Reported when a checked policy meets a real line during a run or simulation (`engine/evaluate/eval-codes.ts`): per policy and line, in the run report. The line is not billed while its decision has errors.',
    exampleLanguage: 'policy',
    entries: EVAL_CODES,
  },
  {
    title: 'Planning (PV42xx)',
    intro: 'Reported when a decided line is turned into periods and amounts (`engine/plan/plan-codes.ts`): per order product, in the run report. That order product bills nothing in the run.',
    exampleLanguage: 'policy',
    entries: PLAN_CODE_DOCS,
  },
  {
    title: 'json-rules-engine interop (PV5xxx)',
    intro: 'Reported by `proviso export --format json-rules-engine` (`engine/interop/jre-export.ts`) with the position of the construct that cannot be expressed.',
    exampleLanguage: 'policy',
    entries: INTEROP_CODE_DOCS,
  },
];

/** docs/vocabulary.md: the built-ins plus the sample plugins (origin = their path). */
export function renderVocabularyReference(plugins: readonly { readonly name: string; readonly plugin: ProvisoPlugin }[]): string {
  return renderVocabularyDocs(createRegistry({ plugins }).manifest());
}
