import react from '@vitejs/plugin-react';
import { Kind, parse, print, visit } from 'graphql';
import type { DefinitionNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { OPERATION_NAMES } from './src/api/operation-names';
import type { OperationName, RegisteredOperation } from './src/api/operation-names';
import { ROUTE_PREFIXES } from './src/routes';

/** Where `node tools/build.mjs` puts the portal: the all-in-one serves it (PLATFORM_PORTAL_DIR). */
const OUT_DIR = join(import.meta.dirname, '..', '..', 'dist', 'apps', 'portal', 'web');
const OPERATIONS_FILE = join(import.meta.dirname, 'src', 'api', 'operations.graphql');

/** The fragments `node` uses, directly or through other fragments. */
function fragmentsOf(node: DefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      const fragment = fragments.get(name);
      if (fragment === undefined) throw new Error(`${OPERATIONS_FILE}: unknown fragment ${name}`);
      if (!seen.has(name)) {
        seen.add(name);
        fragmentsOf(fragment, fragments, seen);
      }
    },
  });
  return seen;
}

/** Each operation of operations.graphql as one document (it and its fragments) with the SHA-256 of that text. */
function registeredOperations(): Record<OperationName, RegisteredOperation> {
  const document = parse(readFileSync(OPERATIONS_FILE, 'utf8'));
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const names = operations.map((operation) => operation.name?.value ?? '(anonymous)');
  if ([...names].sort().join() !== [...OPERATION_NAMES].sort().join()) {
    throw new Error(`${OPERATIONS_FILE} defines ${names.join(', ')}; src/api/operation-names.ts lists ${OPERATION_NAMES.join(', ')}`);
  }
  return Object.fromEntries(
    operations.map((operation) => {
      const used = [...fragmentsOf(operation, fragments)].sort().map((name) => fragments.get(name) as FragmentDefinitionNode);
      const text = [operation, ...used].map((node) => print(node)).join('\n\n');
      return [operation.name?.value, { text, id: createHash('sha256').update(text).digest('hex') }];
    }),
  ) as Record<OperationName, RegisteredOperation>;
}

const OPERATIONS = registeredOperations();

/**
 * Writes next to index.html: trusted-documents.json (the portal's operations as an Apollo persisted
 * query manifest, for GATEWAY_TRUSTED_DOCUMENTS) and portal-routes.json (the client routes the
 * server answers with index.html).
 */
function portalManifests(): Plugin {
  return {
    name: 'itsm-portal-manifests',
    generateBundle() {
      const operations = OPERATION_NAMES.map((name) => ({ id: OPERATIONS[name].id, name, type: /^(query|mutation|subscription)/.exec(OPERATIONS[name].text)?.[1] ?? 'query', body: OPERATIONS[name].text }));
      this.emitFile({ type: 'asset', fileName: 'trusted-documents.json', source: `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n` });
      this.emitFile({ type: 'asset', fileName: 'portal-routes.json', source: `${JSON.stringify(ROUTE_PREFIXES)}\n` });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), portalManifests()],
  define: { __PORTAL_OPERATIONS__: JSON.stringify(OPERATIONS) },
  build: { outDir: OUT_DIR, emptyOutDir: true, sourcemap: true, target: 'es2022', reportCompressedSize: false },
  logLevel: 'warn',
});
