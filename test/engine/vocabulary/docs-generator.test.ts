// docs/vocabulary.md is generated from the registry (built-ins plus the
// example plugin) by `npm run docs`; the committed file must equal the
// generated one. Tests never write it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDocuments } from '../../../dsl/check/check-documents.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { renderVocabularyDocs } from '../../../engine/vocabulary/docs-generator.js';
import type { ProvisoPlugin } from '../../../engine/vocabulary/plugin-api.js';

const DOC = join(process.cwd(), 'docs', 'vocabulary.md');

async function generated(): Promise<string> {
  const mod = (await import(pathToFileURL(join(process.cwd(), 'rules', 'vocabulary', 'holidays.js')).href)) as { default: ProvisoPlugin };
  const registry = createRegistry({ plugins: [{ name: 'rules/vocabulary/holidays.js', plugin: mod.default }] });
  return renderVocabularyDocs(registry.manifest());
}

test('docs/vocabulary.md is the generated reference (regenerate with `npm run docs`)', async () => {
  const text = await generated();
  expect(existsSync(DOC)).toBe(true);
  expect(readFileSync(DOC, 'utf8')).toBe(text);
});

test('the reference names every built-in word and the plugin words with their origin', async () => {
  const text = await generated();
  const m = createRegistry().manifest();
  for (const w of [...m.facts.map((f) => f.path), ...m.functions.map((f) => f.name), ...m.prorationMethods.map((p) => p.name)]) {
    expect(text).toContain(`\`${w}`);
  }
  expect(text).toContain('### Plugin `rules/vocabulary/holidays.js`');
  expect(text).toContain('#### nextBusinessDay');
  expect(text).toContain('| `order.type` | "new" \\| "amendment" \\| "renewal" |');
});

test('every example in the reference is a policy fragment that checks clean', async () => {
  const mod = (await import(pathToFileURL(join(process.cwd(), 'rules', 'vocabulary', 'holidays.js')).href)) as { default: ProvisoPlugin };
  const registry = createRegistry({
    attributes: { account: { region: 'string' } },
    plugins: [{ name: 'holidays', plugin: mod.default }],
  });
  const m = registry.manifest();
  const examples = [...m.facts, ...m.functions, ...m.operators, ...m.prorationMethods, ...m.roundingModes].flatMap((w) => w.examples);
  expect(examples.length).toBeGreaterThan(50);
  const bad: string[] = [];
  for (const e of examples) {
    const body = /^(override|prorate|billing day|hold|align)/.test(e) ? e : `when ${e}\n  hold billing`;
    const model = checkDocuments([{ file: 'x.policy', text: `policy "Example" {\n  ${body}\n}` }], registry.vocabulary());
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) bad.push(e);
  }
  expect(bad).toEqual([]);
});
