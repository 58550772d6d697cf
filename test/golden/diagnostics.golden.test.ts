// Golden diagnostics for invalid inputs: every case under test/golden/invalid/
// (a .policy file, or a folder of .policy files checked together) is checked
// with the fixture vocabulary (built-ins + the attributes of DESIGN §2), and
// its rendered diagnostics (excerpt with `~` under the span) are compared with
// <case>.diagnostics.txt beside it. `npm run test:accept` rewrites them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocuments } from '../../dsl/check/check-documents.js';
import { SEMANTIC_DIAGNOSTICS } from '../../dsl/diagnostics/catalog-semantic.js';
import { renderDiagnostics } from '../../dsl/diagnostics/render.js';
import { FIXTURE_VOCABULARY } from '../dsl/fixtures/vocabulary.fixture.js';
import { expectGolden } from './golden.js';

const dir = join(import.meta.dirname, 'invalid');

interface Case {
  readonly name: string;
  readonly docs: { file: string; text: string }[];
}

function loadCases(): Case[] {
  const out: Case[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const files = readdirSync(path).filter((f) => f.endsWith('.policy')).sort();
      out.push({ name: entry, docs: files.map((f) => ({ file: `${entry}/${f}`, text: readFileSync(join(path, f), 'utf8') })) });
    } else if (entry.endsWith('.policy')) {
      out.push({ name: entry.slice(0, -'.policy'.length), docs: [{ file: entry, text: readFileSync(path, 'utf8') }] });
    }
  }
  return out;
}

const cases = loadCases();

test('there are at least 45 invalid cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(45);
});

describe.each(cases)('$name', ({ name, docs }) => {
  const model = checkDocuments(docs, FIXTURE_VOCABULARY);

  test('produces at least one error or warning', () => {
    expect(model.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')).toBe(true);
  });

  test('rendered diagnostics match the golden file', () => {
    const texts = new Map(docs.map((d) => [d.file, d.text]));
    expectGolden(join(dir, `${name}.diagnostics.txt`), renderDiagnostics(model.diagnostics, (f) => texts.get(f)) + '\n');
  });
});

test('every semantic code appears in some golden case', () => {
  const seen = new Set<string>();
  for (const { docs } of cases) for (const d of checkDocuments(docs, FIXTURE_VOCABULARY).diagnostics) seen.add(d.code);
  const semantic = Object.keys(SEMANTIC_DIAGNOSTICS);
  expect(semantic.filter((c) => !seen.has(c))).toEqual([]);
});
