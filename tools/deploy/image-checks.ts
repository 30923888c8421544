import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { CheckResult, DeployModel } from './deploy-model';
import { result } from './deploy-model';
import { ENV_CONTRACTS } from './env-contract';

const NODE_BASE = /^FROM\s+node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?(\s+AS\s+\S+)?\s*$/i;

/** Multi-stage build on a pinned node:20 bookworm-slim, production dependencies, non-root, the app's main. */
export function checkDockerfiles(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const [app, text] of Object.entries(model.dockerfiles)) {
    const file = `apps/${app}/Dockerfile`;
    const production = ENV_CONTRACTS[app] !== undefined;
    const froms = text.split('\n').filter((line) => /^FROM\s/i.test(line));
    if (froms.length < 2) problems.push(`${file}: must be multi-stage (builder and runtime)`);
    for (const from of froms.filter((line) => !NODE_BASE.test(line.trim()))) problems.push(`${file}: "${from.trim()}" is not a pinned node:20.x.y-bookworm-slim`);
    for (const step of ['npm ci', 'node tools/build.mjs']) if (!text.includes(step)) problems.push(`${file}: the builder must run ${step}`);
    if (production && !/npm prune --omit=dev/.test(text)) problems.push(`${file}: the runtime must carry production dependencies only (npm prune --omit=dev)`);
    if (production && !/^ENV\s+NODE_ENV=production\b/m.test(text)) problems.push(`${file}: must set ENV NODE_ENV=production`);
    const user = /^USER\s+(\d+)(:\d+)?\s*$/m.exec(text)?.[1];
    if (user === undefined || user === '0') problems.push(`${file}: must switch to a numeric non-root USER (Kubernetes runAsNonRoot verifies it)`);
    if (!text.includes(`CMD ["node", "dist/apps/${app}/src/main.js"]`)) problems.push(`${file}: must CMD ["node", "dist/apps/${app}/src/main.js"]`);
  }
  for (const app of Object.keys(ENV_CONTRACTS)) if (model.dockerfiles[app] === undefined) problems.push(`apps/${app}/Dockerfile is missing`);
  return result(`images: ${Object.keys(model.dockerfiles).length} Dockerfiles build multi-stage, non-root images of their app`, problems);
}

const IMPORT_PATTERNS = [
  /^\s*import\s+(?!type\b)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm,
  /^\s*import\s+['"]([^'"]+)['"]/gm,
  /^\s*export\s+(?!type\b)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Value imports of a TypeScript source (type-only imports vanish when compiled). */
export function importsOf(source: string): string[] {
  return IMPORT_PATTERNS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? specifier;
}

/**
 * The modules each production app loads (from apps/<app>/src/main.ts through relative and @itsm/*
 * imports) use only production dependencies, so its image can `npm prune --omit=dev`. The embedded
 * MongoDB (a devDependency) is spawned as a child script, never imported.
 */
export function checkRuntimeImports(model: DeployModel): CheckResult {
  const problems = new Set<string>();
  const builtins = new Set(builtinModules);
  const resolve = (file: string, specifier: string): string | undefined => {
    const base = specifier.startsWith('.') ? posix.join(posix.dirname(file), specifier) : model.pathAliases[specifier]?.replace(/\.ts$/, '');
    if (base === undefined) return undefined;
    return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => model.sources[candidate] !== undefined);
  };
  let visited = 0;
  for (const app of Object.keys(ENV_CONTRACTS)) {
    const entry = `apps/${app}/src/main.ts`;
    if (model.sources[entry] === undefined) problems.add(`${entry} does not exist (its Dockerfile runs it)`);
    const queue = [entry];
    const seen = new Set<string>();
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (seen.has(file) || model.sources[file] === undefined) continue;
      seen.add(file);
      for (const specifier of importsOf(model.sources[file] ?? '')) {
        const local = specifier.startsWith('.') || specifier.startsWith('@itsm/');
        const target = local ? resolve(file, specifier) : undefined;
        if (target !== undefined) queue.push(target);
        else if (local && !/\.(json|mjs|js|graphql)$/.test(specifier)) problems.add(`${file}: cannot resolve ${specifier}`);
        else if (!local && !specifier.startsWith('node:') && !builtins.has(specifier) && !model.productionDependencies.includes(packageName(specifier))) {
          problems.add(`${file}: imports ${packageName(specifier)}, which is not a production dependency (${app} loads it)`);
        }
      }
    }
    visited += seen.size;
  }
  return result(`runtime imports: the ${visited} modules the apps load use production dependencies only`, [...problems]);
}
