/** Unit specs sit beside the code (src/**\/*.spec.ts); they run in Node, no DOM. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.{ts,tsx}'],
  transform: { '^.+\\.(ts|tsx)$': swc },
  moduleNameMapper: { '^@corroborate/contracts$': '<rootDir>/../../packages/contracts/src/index.ts' },
};
