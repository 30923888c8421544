import nx from '@nx/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * The module walls (ARCHITECTURE.md): every project carries one `type:*` and one `scope:*` tag
 * (tools/check-project-tags.mjs fails the build otherwise). Contexts meet only through contracts.
 */
const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:platform', 'type:contracts'] },
  // End-to-end suites run the built apps as processes; they import only what a client would need.
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing'] },
  // A bench may reuse another bench's generators (bench:change builds its CMDB with bench:cmdb's topology).
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:feature', 'type:platform', 'type:contracts', 'type:testing', 'type:bench'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:incident', onlyDependOnLibsWithTags: ['scope:incident', 'scope:shared'] },
  { sourceTag: 'scope:change', onlyDependOnLibsWithTags: ['scope:change', 'scope:shared'] },
  { sourceTag: 'scope:cmdb', onlyDependOnLibsWithTags: ['scope:cmdb', 'scope:shared'] },
  { sourceTag: 'scope:sla', onlyDependOnLibsWithTags: ['scope:sla', 'scope:shared'] },
  { sourceTag: 'scope:catalogue', onlyDependOnLibsWithTags: ['scope:catalogue', 'scope:shared'] },
  { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
  { sourceTag: 'scope:supplier-exchange', onlyDependOnLibsWithTags: ['scope:supplier-exchange', 'scope:shared'] },
  { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
  // The portal is a client of the public GraphQL API only: it imports no lib of the platform.
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:portal'] },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/*.mjs', '**/*.js'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, banTransitiveDependencies: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // An app's specs may use the testing lib (expectEventually); its other files still may not (no-restricted-imports below).
    files: ['apps/**/*.spec.ts', 'apps/**/*.int-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: depConstraints.map((c) => (c.sourceTag === 'type:app' ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] } : c)),
          banTransitiveDependencies: false,
        },
      ],
    },
  },
  {
    // No import cycles (CONVENTIONS.md 11): a circle means a missing seam (a GraphQL type naming its
    // module, say). The resolver follows the `@itsm/*` paths of tsconfig.base.json; packages are
    // not walked. `import type` does not count: it is erased at build time.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/resolver-next': [createNodeResolver({ tsconfig: { configFile: join(import.meta.dirname, 'tsconfig.base.json') }, extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Nest's DI reads constructor parameter types at runtime: `import type` would erase them.
    files: ['**/*.module.ts', '**/*.service.ts', '**/*.controller.ts', '**/*.handler.ts', '**/*.resolver.ts', '**/*.consumer.ts', '**/*.provider.ts', '**/*.repository.ts', '**/*.transport.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // `process.env` is read in config code only (CONVENTIONS.md 6); testing is imported only by specs.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/platform/config/**', 'libs/testing/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/test-fixtures/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @itsm/platform/config.' }],
      'no-restricted-imports': ['error', { paths: [{ name: '@itsm/testing', message: 'Only specs import the testing lib.' }] }],
    },
  },
  {
    // Pure domain (CONVENTIONS.md 3): no framework, driver, environment or clock. After the block
    // above so these lists win for domain files (a later block's rule replaces an earlier one's).
    files: ['libs/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@itsm/testing', message: 'Only specs import the testing lib.' }],
        patterns: ['@nestjs/*', 'mongoose', 'mongodb', 'kafkajs', '@itsm/platform/*', 'node:*'],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env' }, { object: 'Date', property: 'now' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in: the domain has no clock.' }],
    },
  },
  {
    // A domain spec may use the testing lib's pure helpers (seededRandom) instead of a copy of them.
    files: ['libs/**/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'mongoose', 'mongodb', 'kafkajs', '@itsm/platform/*', 'node:*'] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test-fixtures/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
