import type { Config } from 'jest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface TsConfigPaths { compilerOptions: { paths: Record<string, string[]> } }

const tsconfig = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8')) as TsConfigPaths;

/** Maps the tsconfig path aliases (`@itsm/...`) to their sources, so tests run the TypeScript directly. */
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/]/g, '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

export const preset: Config = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    '/node_modules/@graphql-hive/router-runtime/dist/index\\.cjs$': '<rootDir>/tools/jest/dynamic-import-as-require.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@graphql-hive/router-runtime/dist/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
