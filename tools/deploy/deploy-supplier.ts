import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { NAMESPACE, SupplierIdError, supplierResources, supplierTopics, supplierUserName } from './supplier-connection';

/**
 * `npm run deploy:supplier -- <supplierId> [--dir <folder>]`: writes the Kubernetes resources that
 * connect one supplier over Kafka (its topics and its KafkaUser, supplier-connection.ts) to
 * `<folder>/<supplierId>.yaml` (default deploy/suppliers) and lists the file in that folder's
 * kustomization.yaml. Run it again: same output (idempotent). Then `npm run validate:deploy` and
 * `kubectl apply -k deploy/suppliers` (deploy/README.md).
 */
const USAGE = 'usage: npm run deploy:supplier -- <supplierId> [--dir <folder>]';

function parseArgs(argv: readonly string[]): { supplierId: string; dir: string } {
  const rest = [...argv];
  let dir = join(__dirname, '..', '..', 'deploy', 'suppliers');
  const at = rest.indexOf('--dir');
  if (at >= 0) {
    const value = rest[at + 1];
    if (value === undefined) throw new SupplierIdError(`--dir needs a folder\n${USAGE}`);
    dir = resolve(value);
    rest.splice(at, 2);
  }
  const [supplierId, ...extra] = rest;
  if (supplierId === undefined || extra.length > 0) throw new SupplierIdError(USAGE);
  return { supplierId, dir };
}

function listInKustomization(dir: string, file: string): void {
  const path = join(dir, 'kustomization.yaml');
  const existing: unknown = existsSync(path) ? parse(readFileSync(path, 'utf8')) : undefined;
  const current = typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
  const resources = Array.isArray(current['resources']) ? current['resources'].map(String) : [];
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: NAMESPACE,
    ...current,
    resources: [...new Set([...resources, file])].sort(),
  };
  const header = '# The connected suppliers: one file per supplier, written by `npm run deploy:supplier -- <supplierId>`.\n# kubectl apply -k deploy/suppliers (after the base: the Strimzi cluster itsm-kafka must exist).\n';
  writeFileSync(path, header + stringify(kustomization));
}

function main(): void {
  const { supplierId, dir } = parseArgs(process.argv.slice(2));
  const topics = supplierTopics(supplierId);
  const file = `${supplierId}.yaml`;
  const header = [
    `# Supplier connection "${supplierId}" (written by \`npm run deploy:supplier -- ${supplierId}\`; edit the generator, not this file).`,
    `# Its topics: ${topics.outbound} (tickets out, it reads), ${topics.inbound} (its signed updates, it writes),`,
    `# ${topics.inboundDeadLetter} (refused updates, the exchange writes). Its KafkaUser ${supplierUserName(supplierId)} reaches those`,
    `# and nothing else; Strimzi writes its password to the Secret ${supplierUserName(supplierId)} (hand it to the supplier).`,
    '',
  ].join('\n');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), header + supplierResources(supplierId).map((doc) => stringify(doc)).join('---\n'));
  listInKustomization(dir, file);
  process.stdout.write(`wrote ${relative(process.cwd(), join(dir, file))} and listed it in ${relative(process.cwd(), join(dir, 'kustomization.yaml'))}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
