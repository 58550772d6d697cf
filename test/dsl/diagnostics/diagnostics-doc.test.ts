// docs/diagnostics.md is generated from the catalogs; the committed file must
// be current. `npm run test:accept -- test/dsl/diagnostics` rewrites it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsDoc, type DocSection } from '../../../dsl/diagnostics/docs-generator.js';
import { CATALOG } from '../../../dsl/diagnostics/catalog.js';
import { CONFIG_CODES } from '../../../engine/vocabulary/config-codes.js';
import { EVAL_CODES } from '../../../engine/evaluate/eval-codes.js';
import { PLAN_CODE_DOCS } from '../../../engine/plan/plan-codes.js';
import { INTEROP_CODE_DOCS } from '../../../engine/interop/jre-export.js';
import { RUN_WRITE_CODES } from '../../../api/billing-runs/run-write-codes.js';

const ENGINE_SECTIONS: DocSection[] = [
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
  {
    title: 'Run writes (PV6xxx)',
    intro: 'Reported when a billing run cannot store what was planned for an order product (`api/billing-runs/run-write-codes.ts`): per order product, in the run report. That order product bills nothing in the run; the rest of the book is billed.',
    exampleLanguage: 'policy',
    entries: RUN_WRITE_CODES,
  },
];

const DOC = join(process.cwd(), 'docs', 'diagnostics.md');

test('docs/diagnostics.md is generated from the catalogs', () => {
  const generated = renderDiagnosticsDoc(ENGINE_SECTIONS);
  if (process.env.PROVISO_ACCEPT === '1') writeFileSync(DOC, generated);
  expect(existsSync(DOC)).toBe(true);
  expect(readFileSync(DOC, 'utf8')).toBe(generated);
});

test('every code has its own heading with message and fix', () => {
  const doc = renderDiagnosticsDoc(ENGINE_SECTIONS);
  for (const code of [...Object.keys(CATALOG), ...Object.keys(CONFIG_CODES), ...Object.keys(EVAL_CODES), ...Object.keys(PLAN_CODE_DOCS), ...Object.keys(INTEROP_CODE_DOCS), ...Object.keys(RUN_WRITE_CODES)]) {
    const at = doc.indexOf(`### ${code}`);
    expect(at).toBeGreaterThan(-1);
    const next = doc.indexOf('\n### ', at + 1);
    const body = doc.slice(at, next < 0 ? undefined : next);
    expect(body).toContain('**Message:**');
    expect(body).toContain('**Fix:**');
  }
});

test('DSL codes show their severity and example', () => {
  const doc = renderDiagnosticsDoc();
  expect(doc).toContain('### PV2027 (error)');
  expect(doc).toContain('### PV2035 (warning)');
  expect(doc).toContain('billing day of month 32');
});
