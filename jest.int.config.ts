import type { Config } from 'jest';
import { preset } from './jest.preset';

/** Integration tier: real kafkajs and mongoose against the Kafka and MongoDB peers, started once per run. */
const config: Config = {
  ...preset,
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
  globalTeardown: '<rootDir>/tools/jest/global-teardown.cjs',
  // Every spec records the shapes of its queries; the index check (declared-indexes.int-spec.ts) runs last and reads them.
  setupFilesAfterEnv: ['<rootDir>/tools/jest/record-query-shapes.ts'],
  testSequencer: '<rootDir>/tools/jest/int-sequencer.cjs',
  testTimeout: 120_000,
};

export default config;
