/**
 * The validator's input, parsed once: every YAML document under deploy/, the compose file, the
 * Dockerfile, the declared services, the topics of the contracts, and a view of the repository for path and import
 * checks. Checks are pure functions of this model, so the self-test can break an in-memory copy.
 */

/** One YAML document of a manifest file (`file` is relative to the repository root). */
export interface ManifestDoc {
  readonly file: string;
  readonly index: number;
  readonly obj: Record<string, unknown>;
}

/** A deployable app as declared: what compose, Kubernetes and the images must agree with. */
export interface DeclaredService {
  readonly name: string;
  readonly port: number;
  /** Serves a subgraph: the gateway's subgraph lists must name it. */
  readonly subgraph: boolean;
  /** The Kafka consumer groups its replicas share and what each reads (from its context declaration); KEDA scales on their lag. */
  readonly consumers: readonly GroupConsumer[];
  /** The topic families whose members it publishes (each supplier's outbound topic). */
  readonly ownsFamilies?: readonly FamilyRead[];
  /** Path prefixes it serves at the edge (its declaration's `httpRoutes`): an Ingress must route them to it. */
  readonly edgeRoutes?: readonly EdgeRoute[];
}

/** A static web app (the portal): its own image stage and server, on its declared port. */
export interface DeclaredWebApp {
  readonly name: string;
  readonly port: number;
  /** The Dockerfile stage that builds its image. */
  readonly target: string;
  /** The TypeScript entry its image runs (dist/<entry>.js). */
  readonly entry: string;
  /** The path (Prefix) an Ingress must route to it. */
  readonly edgePath: string;
}

/** The apps deploy/ runs a Deployment of: the platform's services and its web apps. */
export const deployedApps = (model: DeployModel): readonly { readonly name: string; readonly port: number }[] => [...model.services, ...model.webApps];

/** Whether `name` is a static web app (checked as a workload, not as a platform service). */
export const isWebApp = (model: DeployModel, name: string): boolean => model.webApps.some((app) => app.name === name);

/** A family of topics a group reads (one member per party, created when the party is connected). */
export interface FamilyRead {
  /** `itsm.supplier.{supplierId}.in.v1` */
  readonly template: string;
  /** The literal start of every member's name (`itsm.supplier.`): what a prefix ACL must cover. */
  readonly prefix: string;
  readonly partitions: number;
}

/** One consumer group of a service: its fixed topics, and the families whose members it reads (the list follows runtime data). */
export interface GroupConsumer {
  readonly group: string;
  readonly topics: readonly string[];
  readonly families: readonly FamilyRead[];
  /** Days its topics must keep (the context rebuilds projections from them). */
  readonly retainDays?: number;
}

/** A path prefix a context serves at the edge, and the largest body it reads there (when it declares one). */
export interface EdgeRoute {
  readonly prefix: string;
  readonly maxBodyBytes?: number;
}

/** A topic family (one topic per party): members are accepted wherever the registry's topics are. */
export interface TopicFamilySpec {
  readonly template: string;
  readonly parameter: string;
  readonly partitions: number;
  /** `party`: the platform reads the members, so each has a dead-letter topic too. */
  readonly writer: 'platform' | 'party';
  /** The value a topic name gives the placeholder, or null when it is no member (the family's own pattern). */
  readonly valueOf: (topic: string) => string | null;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
}

export interface DeployModel {
  /** Every file under deploy/ (YAML or not), relative to the repository root. */
  readonly deployFiles: readonly string[];
  readonly docs: readonly ManifestDoc[];
  readonly compose: Record<string, unknown>;
  /** The one Dockerfile (repository root) every image is built from; undefined when missing. */
  readonly dockerfile: string | undefined;
  /** Other Dockerfiles under apps/ (per-app copies the one Dockerfile replaces). */
  readonly strayDockerfiles: readonly string[];
  /** The deployable apps (deployables.ts: the context declarations and the gateway). */
  readonly services: readonly DeclaredService[];
  /** The static web apps (deployables.ts WEB_APPS: the portal). */
  readonly webApps: readonly DeclaredWebApp[];
  /** The contracts' streams (PLATFORM_TOPICS); dead-letter topics are derived from them. */
  readonly topics: readonly TopicSpec[];
  /** The contracts' topic families (PLATFORM_TOPIC_FAMILIES): members are created per connected party. */
  readonly families: readonly TopicFamilySpec[];
  readonly deadLetterTopicOf: (topic: string) => string;
  /** Production dependencies of package.json (what `npm prune --omit=dev` keeps). */
  readonly productionDependencies: readonly string[];
  /** TypeScript sources by repository-relative path, for the runtime import graph. */
  readonly sources: Readonly<Record<string, string>>;
  /** tsconfig.base.json `paths` (alias -> first target). */
  readonly pathAliases: Readonly<Record<string, string>>;
}

/** The outcome of one named check: passed when it found no problem. */
export interface CheckResult {
  readonly check: string;
  readonly problems: readonly string[];
}

export function result(check: string, problems: readonly string[]): CheckResult {
  return { check, problems };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path of plain objects, or undefined when any step is missing. */
export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function recordAt(value: unknown, ...path: string[]): Record<string, unknown> {
  const found = at(value, ...path);
  return isRecord(found) ? found : {};
}

export function arrayAt(value: unknown, ...path: string[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function stringAt(value: unknown, ...path: string[]): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/** String-valued entries of a map (labels, selectors, ConfigMap data). */
export function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}

export function kindOf(doc: ManifestDoc): string {
  return `${String(doc.obj['apiVersion'])}/${String(doc.obj['kind'])}`;
}

export function nameOf(doc: ManifestDoc): string {
  return stringAt(doc.obj, 'metadata', 'name') ?? '<unnamed>';
}

/** `deploy/base/x.yaml#2 Deployment/incident`: where a problem is. */
export function where(doc: ManifestDoc): string {
  return `${doc.file}#${doc.index} ${String(doc.obj['kind'])}/${nameOf(doc)}`;
}

export function docsOfKind(model: DeployModel, apiVersion: string, kind: string): ManifestDoc[] {
  return model.docs.filter((doc) => doc.obj['apiVersion'] === apiVersion && doc.obj['kind'] === kind);
}

/**
 * A Kubernetes label selector (matchLabels and matchExpressions) against labels: the empty selector
 * selects everything, as in NetworkPolicy and topology spread constraints.
 */
export function matchesSelector(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const byLabel = Object.entries(stringMap(at(selector, 'matchLabels'))).every(([key, value]) => labels[key] === value);
  return byLabel && arrayAt(selector, 'matchExpressions').filter(isRecord).every((expression) => {
    const key = stringAt(expression, 'key') ?? '';
    const values = arrayAt(expression, 'values').map(String);
    const value = labels[key];
    switch (expression['operator']) {
      case 'In': return value !== undefined && values.includes(value);
      case 'NotIn': return value === undefined || !values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: return false;
    }
  });
}

/** True when every selector label is among the labels (an empty selector selects nothing here). */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** Every topic the deployment must provide: each stream and its dead-letter topic, same partitions. */
export function expectedTopics(model: DeployModel): TopicSpec[] {
  return model.topics.flatMap((topic) => [topic, { name: model.deadLetterTopicOf(topic.name), partitions: topic.partitions }]);
}
