// Jest runs the TypeScript sources directly as ES modules (SWC transform,
// node --experimental-vm-modules). Relative imports keep their `.js` suffix in
// source, as Node's ESM resolver needs; the mapper strips it for Jest.
const swc = {
  sourceMaps: 'inline',
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'es6' },
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  // `proviso/plugin` (the package's plugin-kit export) maps to its source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^proviso/plugin$': '<rootDir>/engine/plugin/index.ts' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  watchPathIgnorePatterns: ['/.proviso/', '/test-artifacts/'],
  testTimeout: 120000,
  // Most suites wait on PostgreSQL, PGlite or Chromium; two workers keep both cores busy.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.js',
};
