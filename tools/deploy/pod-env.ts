import type { DeployModel, ManifestDoc } from './deploy-model';
import { arrayAt, docsOfKind, isRecord, nameOf, recordAt, stringAt, stringMap } from './deploy-model';

/** Keys of a ConfigMap or Secret: value, or undefined when only an operator will know it. */
type KeyValues = ReadonlyMap<string, string | undefined>;

/**
 * Secrets that Strimzi's operators create, so the manifests may reference them without defining
 * them: the user operator's Secret per KafkaUser and the cluster CA certificate per Kafka cluster.
 */
function generatedSecrets(model: DeployModel): Map<string, KeyValues> {
  const secrets = new Map<string, KeyValues>();
  const strimzi = (kind: string) => docsOfKind(model, 'kafka.strimzi.io/v1beta2', kind);
  for (const user of strimzi('KafkaUser')) {
    secrets.set(nameOf(user), new Map([['password', undefined], ['sasl.jaas.config', undefined], ['user.crt', undefined], ['user.key', undefined]]));
  }
  for (const doc of [...strimzi('KafkaTopic'), ...strimzi('KafkaUser')]) {
    const cluster = stringAt(doc.obj, 'metadata', 'labels', 'strimzi.io/cluster');
    if (cluster !== undefined) secrets.set(`${cluster}-cluster-ca-cert`, new Map([['ca.crt', undefined], ['ca.p12', undefined], ['ca.password', undefined]]));
  }
  return secrets;
}

function configMaps(model: DeployModel): Map<string, KeyValues> {
  return new Map(docsOfKind(model, 'v1', 'ConfigMap').map((doc) => [nameOf(doc), new Map(Object.entries(stringMap(doc.obj['data'])))]));
}

function secrets(model: DeployModel): Map<string, KeyValues> {
  const found = generatedSecrets(model);
  for (const doc of docsOfKind(model, 'v1', 'Secret')) {
    const values = new Map<string, string | undefined>(Object.entries(stringMap(doc.obj['stringData'])));
    for (const [key, value] of Object.entries(stringMap(doc.obj['data']))) values.set(key, Buffer.from(value, 'base64').toString('utf8'));
    found.set(nameOf(doc), values);
  }
  return found;
}

/** The ConfigMaps and Secrets a pod may reference, by name. */
export interface PodSources {
  readonly configMaps: ReadonlyMap<string, KeyValues>;
  readonly secrets: ReadonlyMap<string, KeyValues>;
}

export function podSources(model: DeployModel): PodSources {
  return { configMaps: configMaps(model), secrets: secrets(model) };
}

export interface ResolvedEnv {
  readonly env: Map<string, string | undefined>;
  readonly problems: string[];
}

/** The environment one container gets (envFrom, then env), with unresolvable references as problems. */
export function containerEnv(sources: PodSources, container: Record<string, unknown>, label: string): ResolvedEnv {
  const env = new Map<string, string | undefined>();
  const problems: string[] = [];
  const set = (name: string, value: string | undefined, from: string) => {
    if (env.has(name)) problems.push(`${label}: ${name} is set twice (again from ${from})`);
    env.set(name, value);
  };
  const lookup = (kind: 'configMap' | 'secret', name: string | undefined, key?: string): KeyValues | undefined => {
    const source = (kind === 'configMap' ? sources.configMaps : sources.secrets).get(name ?? '');
    if (source === undefined) problems.push(`${label}: ${kind} ${name ?? '<unnamed>'} is not defined in deploy/`);
    else if (key !== undefined && !source.has(key)) problems.push(`${label}: ${kind} ${name ?? ''} has no key ${key}`);
    return source;
  };
  for (const from of arrayAt(container, 'envFrom').filter(isRecord)) {
    const prefix = stringAt(from, 'prefix') ?? '';
    const kind = isRecord(from['configMapRef']) ? 'configMap' : 'secret';
    const name = stringAt(from, kind === 'configMap' ? 'configMapRef' : 'secretRef', 'name');
    for (const [key, value] of lookup(kind, name) ?? []) set(`${prefix}${key}`, value, `${kind} ${name ?? ''}`);
  }
  for (const entry of arrayAt(container, 'env').filter(isRecord)) {
    const name = stringAt(entry, 'name') ?? '';
    const ref = recordAt(entry, 'valueFrom');
    if (isRecord(ref['configMapKeyRef']) || isRecord(ref['secretKeyRef'])) {
      const kind = isRecord(ref['configMapKeyRef']) ? 'configMap' : 'secret';
      const keyRef = recordAt(ref, kind === 'configMap' ? 'configMapKeyRef' : 'secretKeyRef');
      const key = stringAt(keyRef, 'key') ?? '';
      set(name, lookup(kind, stringAt(keyRef, 'name'), key)?.get(key), `${kind}KeyRef`);
    } else {
      set(name, stringAt(entry, 'value'), 'env');
    }
  }
  return { env, problems };
}

export function containersOf(doc: ManifestDoc): Record<string, unknown>[] {
  return arrayAt(doc.obj, 'spec', 'template', 'spec', 'containers').filter(isRecord);
}

export function podLabels(doc: ManifestDoc): Record<string, string> {
  return stringMap(recordAt(doc.obj, 'spec', 'template', 'metadata', 'labels'));
}

/** containerPort of the named port (probes and Services refer to ports by name). */
export function namedPort(container: Record<string, unknown>, name: string): number | undefined {
  const port = arrayAt(container, 'ports').filter(isRecord).find((p) => p['name'] === name);
  return typeof port?.['containerPort'] === 'number' ? port['containerPort'] : undefined;
}
