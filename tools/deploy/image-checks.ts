import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { CheckResult, DeployModel } from './deploy-model';
import { result } from './deploy-model';

const NODE_BASE = /^FROM\s+node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?(\s+AS\s+\S+)?\s*$/i;

/** The Dockerfile's stages: `FROM ... [AS name]` and the lines up to the next FROM. */
function stagesOf(text: string): { from: string; name: string | undefined; body: string }[] {
  const stages: { from: string; name: string | undefined; body: string }[] = [];
  for (const line of text.split('\n')) {
    if (/^FROM\s/i.test(line)) stages.push({ from: line.trim(), name: /\s+AS\s+(\S+)\s*$/i.exec(line)?.[1], body: '' });
    else if (stages.length > 0) (stages.at(-1) as { body: string }).body += `${line}\n`;
  }
  return stages;
}

/**
 * One parameterised Dockerfile (ARG SERVICE, ARG PORT) for every app: multi-stage on a pinned
 * node:20 bookworm-slim, production dependencies, NODE_ENV=production, non-root, running the app
 * SERVICE names, as its default (last) stage; each web app's own stage (its `target`) production,
 * non-root, running its server. No per-app copies under apps/.
 */
export function checkDockerfiles(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const file = 'Dockerfile';
  const text = model.dockerfile;
  for (const stray of model.strayDockerfiles) problems.push(`${stray}: images are built from the one ${file} (build args SERVICE and PORT), not per-app copies`);
  if (text === undefined) return result('images: the one Dockerfile builds every app', [...problems, `${file} is missing`]);
  const stages = stagesOf(text);
  if (stages.length < 2) problems.push(`${file}: must be multi-stage (builder and runtime)`);
  for (const stage of stages.filter((s) => /^FROM\s+node:/i.test(s.from) && !NODE_BASE.test(s.from))) problems.push(`${file}: "${stage.from}" is not a pinned node:20.x.y-bookworm-slim`);
  for (const step of ['npm ci', 'node tools/build.mjs', 'npm prune --omit=dev']) if (!text.includes(step)) problems.push(`${file}: the build must run ${step}`);
  const body = stages.at(-1)?.body ?? '';
  for (const arg of ['SERVICE', 'PORT']) if (!new RegExp(`^ARG\\s+${arg}\\b`, 'm').test(body)) problems.push(`${file}: the default (last) stage must declare ARG ${arg}`);
  problems.push(...imageStageProblems(body, `${file}: the default (last) stage`, /^CMD\s.*dist\/apps\/\$\{?SERVICE\}?\/src\/main\.js/m, 'dist/apps/$SERVICE/src/main.js'));
  for (const app of model.webApps) {
    const stage = stages.find((s) => s.name === app.target);
    const label = `${file}: the stage ${app.target} (${app.name}'s image)`;
    if (stage === undefined) problems.push(`${file}: no stage ${app.target} builds ${app.name}'s image`);
    const runs = `dist/${app.entry.replace(/\.ts$/, '.js')}`;
    if (stage !== undefined) problems.push(...imageStageProblems(stage.body, label, new RegExp(`^CMD\\s.*"${runs.replace(/[./-]/g, '\\$&')}"`, 'm'), runs));
  }
  return result(`images: the one Dockerfile builds a multi-stage, non-root image of each of the ${model.services.length} apps and the ${model.webApps.length} web apps' stages`, problems);
}

/** A runnable image stage: NODE_ENV=production, production dependencies only, a numeric non-root USER, running `runs`. */
function imageStageProblems(body: string, label: string, cmd: RegExp, runs: string): string[] {
  const problems: string[] = [];
  if (!/^ENV\s+(.*\s)?NODE_ENV=production\b/m.test(body)) problems.push(`${label} must set ENV NODE_ENV=production`);
  if (/COPY\s+--from=builder\s+\S*node_modules/.test(body)) problems.push(`${label} must carry production dependencies only (node_modules after npm prune --omit=dev)`);
  const user = /^USER\s+(\d+)(:\d+)?\s*$/m.exec(body)?.[1];
  if (user === undefined || user === '0') problems.push(`${label} must switch to a numeric non-root USER (Kubernetes runAsNonRoot verifies it)`);
  if (!cmd.test(body)) problems.push(`${label} must run ${runs}`);
  return problems;
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
 * The modules each production app loads (from apps/<app>/src/main.ts, a web app's server entry, through relative and @itsm/*
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
  const entries = [...model.services.map((service) => ({ app: service.name, entry: `apps/${service.name}/src/main.ts` })), ...model.webApps.map(({ name, entry }) => ({ app: name, entry }))];
  for (const { app, entry } of entries) {
    if (model.sources[entry] === undefined) problems.add(`${entry} does not exist (its image runs it)`);
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
