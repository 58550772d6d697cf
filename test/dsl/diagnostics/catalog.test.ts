// The catalog's invariants: unique well-formed codes across every catalog
// (including the engine's configuration and evaluation codes), an example and
// a fix for each, and each example really produces its code.
import { CATALOG, createDiagnostic, isDiagnosticCode, type DiagnosticCode } from '../../../dsl/diagnostics/catalog.js';
import { SYNTAX_DIAGNOSTICS } from '../../../dsl/diagnostics/catalog-syntax.js';
import { SEMANTIC_DIAGNOSTICS } from '../../../dsl/diagnostics/catalog-semantic.js';
import { PLUGIN_CHECK_DIAGNOSTICS } from '../../../dsl/diagnostics/catalog-plugin.js';
import { CONFIG_CODES } from '../../../engine/vocabulary/config-codes.js';
import { EVAL_CODES } from '../../../engine/evaluate/eval-codes.js';
import { PLAN_CODES, PLAN_CODE_DOCS } from '../../../engine/plan/plan-codes.js';
import { INTEROP_CODES, INTEROP_CODE_DOCS } from '../../../engine/interop/jre-export.js';
import { RUN_WRITE_CODES } from '../../../api/billing-runs/run-write-codes.js';
import { check } from '../check/check-helpers.js';

const SOURCES: [string, Record<string, unknown>][] = [
  ['syntax', SYNTAX_DIAGNOSTICS],
  ['semantic', SEMANTIC_DIAGNOSTICS],
  ['plugin check', PLUGIN_CHECK_DIAGNOSTICS],
  ['config', CONFIG_CODES],
  ['evaluation', EVAL_CODES],
  ['planning', PLAN_CODE_DOCS],
  ['interop', INTEROP_CODE_DOCS],
  ['run write', RUN_WRITE_CODES],
];

test.each([
  ['planning', PLAN_CODES, PLAN_CODE_DOCS],
  ['interop', INTEROP_CODES, INTEROP_CODE_DOCS],
] as const)('every %s code the engine reports is documented', (_name, used, documented) => {
  expect(Object.values(used).sort()).toEqual(Object.keys(documented).sort());
});

test('every code is unique across all catalogs', () => {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const [name, catalog] of SOURCES) {
    for (const code of Object.keys(catalog)) {
      if (seen.has(code)) clashes.push(`${code} in ${seen.get(code)} and ${name}`);
      seen.set(code, name);
    }
  }
  expect(clashes).toEqual([]);
});

test.each(SOURCES)('%s codes match PV[1-6]ddd and sit in their range', (name, catalog) => {
  const range = { syntax: '1', semantic: '2', 'plugin check': '2', config: '3', evaluation: '4', planning: '4', interop: '5', 'run write': '6' }[name];
  for (const code of Object.keys(catalog)) {
    expect(code).toMatch(/^PV[1-6]\d{3}$/);
    expect(code[2]).toBe(range);
  }
});

test('the merged catalog holds exactly the syntax, semantic and plugin-check codes', () => {
  expect(Object.keys(CATALOG).sort()).toEqual([...Object.keys(SYNTAX_DIAGNOSTICS), ...Object.keys(SEMANTIC_DIAGNOSTICS), ...Object.keys(PLUGIN_CHECK_DIAGNOSTICS)].sort());
});

test.each(Object.entries(CATALOG))('%s has a severity, a message, an example and a fix', (_code, entry) => {
  expect(['error', 'warning', 'info']).toContain(entry.severity);
  expect(entry.message.trim().length).toBeGreaterThan(5);
  expect(entry.example.trim().length).toBeGreaterThan(0);
  expect(entry.fix.trim().length).toBeGreaterThan(10);
});

// Examples that stand for inputs too large to write down are produced by generated text.
const GENERATED_EXAMPLES: Partial<Record<DiagnosticCode, () => string>> = {
  PV1090: () => `policy "Big" {\n  description "${'x'.repeat(1024 * 1024)}"\n}\n`,
  PV1091: () => `policy "Many" {\n  when ${Array.from({ length: 110_000 }, () => 'true').join(' or ')}\n  hold billing\n}\n`,
  PV1092: () => `policy "Deep" {\n  when ${'('.repeat(5000)}true${')'.repeat(5000)}\n  hold billing\n}\n`,
  // The catalog example writes `\t`, which is a valid escape (tab); an invalid one shows the code is reachable.
  PV1004: () => 'policy "Path C:\\q" {\n  hold billing\n}\n',
};

// Internal errors have no input that triggers them by design.
// PV29xx come from a plugin's own check; test/engine/plugin/word-check.test.ts produces them.
const UNREACHABLE: ReadonlySet<string> = new Set(['PV1099', 'PV2901', 'PV2902']);

test.each(Object.entries(CATALOG).filter(([code]) => !UNREACHABLE.has(code)))('the example of %s produces it', (code, entry) => {
  const text = GENERATED_EXAMPLES[code as DiagnosticCode]?.() ?? entry.example;
  const model = check(text);
  expect(model.diagnostics.map((d) => d.code)).toContain(code);
  for (const d of model.diagnostics) expect(d.message).not.toMatch(/\{\w+\}/);
});

describe('createDiagnostic', () => {
  test('fills placeholders and takes severity from the catalog', () => {
    const d = createDiagnostic('PV2027', { start: 3, end: 5 }, { value: '32' }, { file: 'a.policy' });
    expect(d).toEqual({
      code: 'PV2027',
      severity: 'error',
      message: "The billing day of month must be a whole number from 1 to 31 or 'last', not 32",
      span: { start: 3, end: 5 },
      file: 'a.policy',
    });
  });

  test('keeps related locations and fix data, drops an empty related list', () => {
    const related = [{ span: { start: 0, end: 1 }, message: 'first set here' }];
    const data = { kind: 'replace', span: { start: 3, end: 5 }, candidates: ['daily'] } as const;
    expect(createDiagnostic('PV2032', { start: 3, end: 5 }, { setting: 'a proration' }, { related, data })).toMatchObject({ related, data });
    expect(createDiagnostic('PV2034', { start: 0, end: 0 }, { name: 'x' }, { related: [] })).not.toHaveProperty('related');
  });

  test('warning codes are warnings', () => {
    expect(createDiagnostic('PV2034', { start: 0, end: 0 }, { name: 'x' }).severity).toBe('warning');
  });

  test.each([
    ['a catalog code', 'PV2001', true],
    ['an engine code is not in the DSL catalog', 'PV4001', false],
    ['a made-up code', 'PV9999', false],
    ['a prototype key', 'toString', false],
  ])('isDiagnosticCode: %s', (_name, code, expected) => {
    expect(isDiagnosticCode(code)).toBe(expected);
  });
});
