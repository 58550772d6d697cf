// Golden ASTs: every sample policy under rules/ and the cases under
// test/golden/ast/cases/ parse to the tree (and syntax diagnostics) recorded
// beside them. Valid inputs also have their canonical formatting recorded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from '../../dsl/parse/parse-document.js';
import { formatDocument } from '../../dsl/print/printer.js';
import { parseResultJson } from './ast-json.js';
import { expectGolden } from './golden.js';

const root = join(import.meta.dirname, '..', '..');
const goldenDir = join(root, 'test', 'golden', 'ast');
const casesDir = join(goldenDir, 'cases');

function policyFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : policyFiles(path);
    return name.endsWith('.policy') ? [path] : [];
  });
}

const samples = policyFiles(join(root, 'rules')).map((path) => {
  const name = relative(join(root, 'rules'), path).replace(/\.policy$/, '').split(/[\\/]/).join('__');
  return { label: `rules/${relative(join(root, 'rules'), path)}`, path, golden: join(goldenDir, name) };
});
const cases = policyFiles(casesDir).map((path) => ({
  label: `cases/${basename(path)}`,
  path,
  golden: path.replace(/\.policy$/, ''),
}));

test('there are golden inputs', () => {
  expect(cases.length).toBeGreaterThanOrEqual(10);
});

describe.each([...samples, ...cases])('$label', ({ path, golden }) => {
  const text = readFileSync(path, 'utf8');

  test('AST and syntax diagnostics match the golden file', () => {
    expectGolden(`${golden}.ast.json`, parseResultJson(parseDocument(text, relative(root, path))));
  });

  test('canonical formatting matches the golden file (valid inputs only)', () => {
    const formatted = formatDocument(text);
    if (formatted.text === undefined) {
      expect(formatted.diagnostics.length).toBeGreaterThan(0);
      return;
    }
    expectGolden(`${golden}.formatted.txt`, formatted.text);
  });
});
