import { deadLetterTopicOf, familyValueOf, PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS } from '@itsm/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { CheckResult, DeployModel, ManifestDoc } from './deploy-model';
import { DEPLOYABLES, WEB_APPS } from './deployables';
import { isRecord, result } from './deploy-model';

/** The repository-relative text files to read: deploy/**, docker-compose.yml, the Dockerfile, sources. */
export interface RawRepository {
  readonly deployTexts: Readonly<Record<string, string>>;
  readonly composeText: string;
}

function walk(root: string, dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(root, path, keep);
    return keep(path) ? [path.split(sep).join('/')] : [];
  });
}

/** Every YAML document of every deploy/ file; a syntax error, a non-object document or an empty file is a problem. */
export function parseManifests(deployTexts: Readonly<Record<string, string>>): { docs: ManifestDoc[]; check: CheckResult } {
  const docs: ManifestDoc[] = [];
  const problems: string[] = [];
  const yamlFiles = Object.keys(deployTexts).filter((file) => /\.ya?ml$/.test(file)).sort();
  for (const file of yamlFiles) {
    const parsed = parseAllDocuments(deployTexts[file] ?? '');
    const documents = Array.isArray(parsed) ? parsed : [];
    if (documents.length === 0) problems.push(`${file}: holds no YAML document`);
    documents.forEach((document, index) => {
      for (const error of [...document.errors, ...document.warnings]) problems.push(`${file}#${index}: ${error.message}`);
      const obj: unknown = document.toJS();
      if (isRecord(obj)) docs.push({ file, index, obj });
      else problems.push(`${file}#${index}: is not a mapping`);
    });
  }
  return { docs, check: result(`manifests: ${yamlFiles.length} YAML files under deploy/ parse`, problems) };
}

export function parseCompose(text: string): { compose: Record<string, unknown>; check: CheckResult } {
  try {
    const compose: unknown = parse(text);
    if (isRecord(compose)) return { compose, check: result('compose: docker-compose.yml parses', []) };
    return { compose: {}, check: result('compose: docker-compose.yml parses', ['docker-compose.yml is not a mapping']) };
  } catch (error) {
    return { compose: {}, check: result('compose: docker-compose.yml parses', [error instanceof Error ? error.message : String(error)]) };
  }
}

export interface LoadedRepository {
  readonly model: DeployModel;
  readonly raw: RawRepository;
  readonly parseChecks: readonly CheckResult[];
}

/** Reads everything the checks look at from the repository at `root`. */
export function loadRepository(root: string): LoadedRepository {
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const deployFiles = walk(root, 'deploy', () => true).sort();
  const deployTexts = Object.fromEntries(deployFiles.map((file) => [file, read(file)]));
  const composeText = existsSync(join(root, 'docker-compose.yml')) ? read('docker-compose.yml') : '';
  const manifests = parseManifests(deployTexts);
  const compose = parseCompose(composeText);
  const strayDockerfiles = walk(root, 'apps', (file) => /(^|\/)Dockerfile[^/]*$/.test(file.split(sep).join('/'))).sort();
  const pkg = JSON.parse(read('package.json')) as { dependencies?: Record<string, string> };
  const tsconfig = JSON.parse(read('tsconfig.base.json')) as { compilerOptions?: { paths?: Record<string, string[]> } };
  const sourceFiles = ['apps', 'libs'].flatMap((dir) => walk(root, dir, (file) => file.endsWith('.ts')));
  const model: DeployModel = {
    deployFiles,
    docs: manifests.docs,
    compose: compose.compose,
    dockerfile: existsSync(join(root, 'Dockerfile')) ? read('Dockerfile') : undefined,
    strayDockerfiles,
    services: DEPLOYABLES.map(({ name, port, subgraph, consumers, ownsFamilies, edgeRoutes }) => ({ name, port, subgraph, consumers, ...(ownsFamilies ? { ownsFamilies } : {}), ...(edgeRoutes ? { edgeRoutes } : {}) })),
    webApps: WEB_APPS.map(({ name, port, target, entry, edgePath }) => ({ name, port, target, entry, edgePath })),
    topics: PLATFORM_TOPICS.map((topic) => ({ name: topic.name, partitions: topic.partitions })),
    families: PLATFORM_TOPIC_FAMILIES.map((family) => ({
      template: family.template,
      parameter: family.parameter.name,
      partitions: family.partitions,
      writer: family.writer,
      valueOf: (topic: string) => familyValueOf(family, topic),
    })),
    deadLetterTopicOf,
    productionDependencies: Object.keys(pkg.dependencies ?? {}),
    sources: Object.fromEntries(sourceFiles.map((file) => [file, read(file)])),
    pathAliases: Object.fromEntries(Object.entries(tsconfig.compilerOptions?.paths ?? {}).map(([alias, [target]]) => [alias, target ?? ''])),
  };
  return { model, raw: { deployTexts, composeText }, parseChecks: [manifests.check, compose.check] };
}
