import type { Config } from 'jest';
import { preset } from './jest.preset';

/** Unit tier: domain and handlers, no I/O. */
const config: Config = {
  ...preset,
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
};

export default config;
