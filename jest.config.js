// Tests import the TypeScript sources directly (`.ts` specifiers), compiled on the fly by swc as ESM.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  // A timeout only catches a hang: the suite must pass on a loaded 2-core machine, where building
  // the bundled site or running a whole cycle can take minutes. No test sets its own.
  testTimeout: 900_000,
  maxWorkers: 2,
};
