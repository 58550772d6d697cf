// Mutation fuzzing over the sample library and the golden syntax cases: cut,
// insert and truncate text at random and assert diagnostics, never a crash.
// The whole front end (parse, bind, check) runs on every mutant too.
// fast-check prints the seed and the shrunk mutation on failure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import { checkDocuments } from '../../../dsl/index.js';
import { createRegistry } from '../../../engine/vocabulary/create-registry.js';
import { lexText } from '../../../dsl/lexer/lexer.js';
import { expectSpansInside } from '../parser/span-invariants.js';

const root = join(import.meta.dirname, '..', '..', '..');

function policyFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? policyFiles(p) : n.endsWith('.policy') ? [p] : [];
  });
}

const sources = [...policyFiles(join(root, 'rules')), ...policyFiles(join(root, 'test', 'golden', 'ast', 'cases'))].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
const cleanSources = sources.filter((s) => parseDocument(s.text).diagnostics.length === 0 && parseDocument(s.text).ast.policies.length > 0);
const vocabulary = createRegistry().vocabulary();
const RUNS = 300;

const source = fc.constantFrom(...sources);
const cleanSource = fc.constantFrom(...cleanSources);
const noise = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.constantFrom('{', '}', '(', ')', '[', ']', '"', '\\', 'and', 'not', 'policy', '#', '\n', '-', ' between '),
);

type Mutation = { kind: 'delete' | 'insert' | 'truncate'; at: number; length: number; text: string };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'truncate'),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 40 }),
  text: noise,
});

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
  }
}

function runPipeline(file: string, text: string): void {
  const result = parseDocument(text, file);
  expectSpansInside(result, text);
  const model = checkDocuments([{ file, text }], vocabulary);
  for (const d of model.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.start).toBeLessThanOrEqual(d.span.end);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
  }
}

test('there are samples to mutate', () => {
  expect(cleanSources.length).toBeGreaterThanOrEqual(5);
});

test('random deletions, insertions and truncations never crash the front end', () => {
  fc.assert(
    fc.property(source, fc.array(mutation, { minLength: 1, maxLength: 3 }), (s, mutations) => {
      const text = mutations.reduce(mutate, s.text);
      runPipeline(s.path, text);
    }),
    { numRuns: RUNS },
  );
});

test('truncating inside a policy always gives a diagnostic inside the text', () => {
  fc.assert(
    fc.property(cleanSource, fc.nat(), fc.nat(), (s, which, where) => {
      const policies = parseDocument(s.text).ast.policies;
      const policy = policies[which % policies.length];
      // Anywhere after the keyword's first letter and before the closing brace.
      const cut = policy.span.start + 1 + (where % (policy.span.end - policy.span.start - 1));
      const text = s.text.slice(0, cut);
      const result = parseDocument(text);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expectSpansInside(result, text);
      runPipeline(s.path, text);
    }),
    { numRuns: RUNS },
  );
});

test('deleting a bracket or brace token always gives a diagnostic inside the text', () => {
  fc.assert(
    fc.property(cleanSource, fc.nat(), (s, which) => {
      const brackets = lexText(s.text).tokens.filter((t) => ['LCurly', 'RCurly', 'LParen', 'RParen', 'LBracket', 'RBracket'].includes(t.tokenType.name));
      const token = brackets[which % brackets.length];
      const text = s.text.slice(0, token.startOffset) + s.text.slice(token.startOffset + 1);
      const result = parseDocument(text);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expectSpansInside(result, text);
    }),
    { numRuns: RUNS },
  );
});

test('a stray character outside text and comments is reported where it is', () => {
  fc.assert(
    fc.property(cleanSource, fc.nat(), fc.constantFrom('&', '@', '|', '!', '$', '%', '^', '~', '?', ';', ':'), (s, which, char) => {
      const tokens = lexText(s.text).tokens;
      const at = tokens[which % tokens.length].startOffset;
      const text = s.text.slice(0, at) + char + ' ' + s.text.slice(at);
      const result = parseDocument(text);
      expect(result.diagnostics.some((d) => d.code === 'PV1002' && d.span.start === at && d.span.end === at + 1)).toBe(true);
      expectSpansInside(result, text);
    }),
    { numRuns: RUNS },
  );
});
