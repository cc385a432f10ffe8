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

/**
 * ESM-only packages the code imports, compiled for Jest's CommonJS runtime (Node itself requires
 * them natively): approx-string-match, and the HTML parsers imports use (parse5, linkedom and
 * what linkedom reads).
 */
const ESM_ONLY = [
  'approx-string-match', 'parse5', 'entities', 'linkedom', 'css-select', 'css-what', 'domutils', 'dom-serializer',
  'domhandler', 'htmlparser2', 'nth-check', 'boolbase', 'domelementtype', 'cssomnom', 'html-escaper', 'uhyphen',
  // openapi-typescript, used by the OpenAPI test
  'parse-json', 'index-to-position', 'change-case', 'supports-color',
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!\\.pnpm/(?:${ESM_ONLY.join('|')})@|(?:${ESM_ONLY.map((p) => p.replace('\\+', '/')).join('|')})/)`],
  moduleNameMapper: { '^@corroborate/contracts$': '<rootDir>/../../packages/contracts/src/index.ts' },
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  testTimeout: 30_000,
  maxWorkers: 2,
};
