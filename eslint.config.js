// ESLint flat config: the layer import boundaries (lint/import-boundaries.js)
// plus a small set of correctness rules. Deliberately no style rules: the
// rules here each protect a promise of ARCHITECTURE.md or catch a real bug
// (CONTRIBUTING.md, "Lint", lists what each rule protects).
import tseslint from 'typescript-eslint';
import importBoundaries from './lint/import-boundaries.js';

const correctness = {
  'no-debugger': 'error',
  'no-dupe-keys': 'error',
  'no-duplicate-case': 'error',
  'no-dupe-else-if': 'error',
  'no-self-assign': 'error',
  'no-self-compare': 'error',
  'no-unreachable': 'error',
  'no-unsafe-finally': 'error',
  'no-unsafe-negation': 'error',
  'no-constant-binary-expression': 'error',
  'no-compare-neg-zero': 'error',
  'no-cond-assign': ['error', 'except-parens'],
  'no-sparse-arrays': 'error',
  'use-isnan': 'error',
  'valid-typeof': 'error',
  'no-async-promise-executor': 'error',
  'no-loss-of-precision': 'error',
  'no-control-regex': 'error',
};

/** Honest tests: a skipped or focused test silently shrinks the suite. */
const noSkippedTests = {
  'no-restricted-properties': [
    'error',
    ...['describe', 'it', 'test'].flatMap((object) =>
      ['skip', 'only', 'todo'].map((property) => ({ object, property, message: `${object}.${property} leaves tests out of the suite; delete or fix the test instead.` })),
    ),
  ],
  'no-restricted-globals': [
    'error',
    ...['xit', 'xtest', 'xdescribe', 'fit', 'fdescribe'].map((name) => ({ name, message: `${name} leaves tests out of the suite.` })),
  ],
};

export default [
  {
    ignores: ['dist/**', 'node_modules/**', 'api/generated/**', 'coverage/**', '.proviso/**', 'test-artifacts/**', 'test/lint/fixtures/**', '**/*.d.ts'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { proviso: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { ...correctness, 'proviso/import-boundaries': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: noSkippedTests,
  },
];
