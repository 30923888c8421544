import type { Config } from 'jest';
import { preset } from './jest.preset';

/** Integration tier: real kafkajs and mongoose against the Kafka and MongoDB peers, started once per run. */
const config: Config = {
  ...preset,
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/lib/peers/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/lib/peers/global-teardown.ts',
  testTimeout: 120_000,
};

export default config;
