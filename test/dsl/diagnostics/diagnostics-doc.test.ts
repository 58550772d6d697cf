// docs/diagnostics.md is generated from the catalogs by `npm run docs`
// (scripts/docs.js); the committed file must be current. Tests never write it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsDoc } from '../../../dsl/diagnostics/docs-generator.js';
import { CATALOG } from '../../../dsl/diagnostics/catalog.js';
import { CONFIG_CODES } from '../../../engine/vocabulary/config-codes.js';
import { EVAL_CODES } from '../../../engine/evaluate/eval-codes.js';
import { PLAN_CODE_DOCS } from '../../../engine/plan/plan-codes.js';
import { INTEROP_CODE_DOCS } from '../../../engine/interop/jre-export.js';
import { ENGINE_DOC_SECTIONS } from '../../../engine/docs/reference-docs.js';
import { API_DOC_SECTIONS, renderDiagnosticsReference } from '../../../api/docs/diagnostics-reference.js';
import { RUN_WRITE_CODES } from '../../../api/billing-runs/run-write-codes.js';

const DOC = join(process.cwd(), 'docs', 'diagnostics.md');

test('docs/diagnostics.md is current (regenerate with `npm run docs`)', () => {
  expect(existsSync(DOC)).toBe(true);
  expect(readFileSync(DOC, 'utf8')).toBe(renderDiagnosticsReference());
});

test('every code has its own heading with message and fix', () => {
  const doc = renderDiagnosticsDoc([...ENGINE_DOC_SECTIONS, ...API_DOC_SECTIONS]);
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
