const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Jest's default (cores - 1) runs in band on a 2-core CI box; most suites wait on DynamoDB Local and
  // the local runtime rather than compute, so two workers there finish far sooner.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig.jest.json sets isolatedModules: type-checking is `npm run typecheck`'s job.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    // Message templates, imported as their text like the functions' bundles do (contracts/function-bundling.ts).
    '^.+\\.hbs$': '<rootDir>/test/support/text-file-transform.cjs',
  },
  // middy and jose ship ES modules only; Jest's CommonJS runtime needs them transformed like our own
  // code (its native require(esm) needs --experimental-vm-modules).
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  // ...and resolved through their `import` condition, the only one they export. Our own `#…` imports
  // need no mapping: Jest resolves package.json's "imports" itself, as tsx and esbuild do.
  moduleNameMapper: { '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  setupFiles: ['<rootDir>/test/support/powertools-env.ts'],
  // Temp folders the tests make (CDK's cdk.out among them) are removed after each file.
  setupFilesAfterEnv: ['<rootDir>/test/support/remove-scratch-dirs.ts'],
  testTimeout: 30000,
};
