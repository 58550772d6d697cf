#!/usr/bin/env node
// `npm run docs`: writes the generated references from the compiled sources
// (run after `npm run build`; the npm script does both):
//   docs/diagnostics.md  every diagnostic catalog (api/docs/diagnostics-reference.ts)
//   docs/vocabulary.md   the registry's words plus the sample plugin rules/vocabulary/holidays.js
//   docs/openapi.json    the OpenAPI description of the routes (api/docs/openapi-document.ts)
//   editor/src/api/generated/openapi.ts  its TypeScript types for the editor's client
// With --check it writes nothing and exits 1 when a committed file is stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const docs = await import(pathToFileURL(join(root, 'dist', 'engine', 'docs', 'reference-docs.js')).href);
const diagnostics = await import(pathToFileURL(join(root, 'dist', 'api', 'docs', 'diagnostics-reference.js')).href);
const holidays = await import(pathToFileURL(join(root, 'rules', 'vocabulary', 'holidays.js')).href);
const openapi = await import(pathToFileURL(join(root, 'dist', 'api', 'docs', 'openapi-document.js')).href);
const openapiTypes = await import(pathToFileURL(join(root, 'dist', 'api', 'docs', 'openapi-types.js')).href);
const description = await openapi.currentOpenApiDocument();
const outputs = {
  'docs/diagnostics.md': diagnostics.renderDiagnosticsReference(),
  'docs/vocabulary.md': docs.renderVocabularyReference([{ name: 'rules/vocabulary/holidays.js', plugin: holidays.default }]),
  'docs/openapi.json': openapi.openApiText(description),
  'editor/src/api/generated/openapi.ts': openapiTypes.renderOpenApiTypes(description, openapi.GENERATED_TYPES_HEADER),
};
let stale = 0;
for (const [file, text] of Object.entries(outputs)) {
  const path = join(root, file);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    /* missing: stale */
  }
  if (current === text) continue;
  stale += 1;
  if (check) console.error(`${file} is stale: run npm run docs`);
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${file}`);
  }
}
if (stale === 0) console.log('docs are current');
process.exit(check && stale > 0 ? 1 : 0);
