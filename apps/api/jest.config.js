/** Unit specs sit beside the code (src/**\/*.spec.ts); integration specs in test/ use a real PostgreSQL. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const esmOnly = ['approx-string-match', 'parse-json', 'index-to-position', 'change-case', 'supports-color'].join('|');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(ts|js)$': swc },
  // ESM-only packages the code imports dynamically are compiled for Jest's CommonJS runtime.
  // (openapi-typescript, used by the OpenAPI test, requires parse-json, change-case and their ESM dependencies.)
  transformIgnorePatterns: [`/node_modules/(?!\\.pnpm/(?:${esmOnly})@|(?:${esmOnly})/)`],
  moduleNameMapper: { '^@corroborate/contracts$': '<rootDir>/../../packages/contracts/src/index.ts' },
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 30_000,
  maxWorkers: 2,
};
