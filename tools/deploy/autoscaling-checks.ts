import type { CheckResult, DeployModel, GroupConsumer, ManifestDoc } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, isWebApp, nameOf, recordAt, result, stringAt, stringMap, where } from './deploy-model';
import { containerEnv, containersOf, podSources } from './pod-env';

const deployments = (model: DeployModel) => docsOfKind(model, 'apps/v1', 'Deployment');
const scaledObjects = (model: DeployModel) => docsOfKind(model, 'keda.sh/v1alpha1', 'ScaledObject');
const autoscalers = (model: DeployModel) => docsOfKind(model, 'autoscaling/v2', 'HorizontalPodAutoscaler');

/** The ScaledObjects and HorizontalPodAutoscalers that scale a Deployment. */
function scalersOf(model: DeployModel, deployment: ManifestDoc): { keda: ManifestDoc[]; hpa: ManifestDoc[] } {
  const name = nameOf(deployment);
  const keda = scaledObjects(model).filter((doc) => stringAt(doc.obj, 'spec', 'scaleTargetRef', 'name') === name
    && (stringAt(doc.obj, 'spec', 'scaleTargetRef', 'kind') ?? 'Deployment') === 'Deployment');
  const hpa = autoscalers(model).filter((doc) => stringAt(doc.obj, 'spec', 'scaleTargetRef', 'name') === name
    && stringAt(doc.obj, 'spec', 'scaleTargetRef', 'kind') === 'Deployment');
  return { keda, hpa };
}

/** The fewest replicas a Deployment runs: its autoscaler's minimum, else its `replicas`. */
export function minReplicas(model: DeployModel, deployment: ManifestDoc): number | undefined {
  const { keda, hpa } = scalersOf(model, deployment);
  const min = keda[0] !== undefined ? at(keda[0].obj, 'spec', 'minReplicaCount') : hpa[0] !== undefined ? at(hpa[0].obj, 'spec', 'minReplicas') ?? 1 : at(deployment.obj, 'spec', 'replicas');
  return typeof min === 'number' ? min : undefined;
}

/** Partitions of each KafkaTopic of deploy/ (kafka-topics.yaml). */
function topicPartitions(model: DeployModel): Map<string, number> {
  const partitions = new Map<string, number>();
  for (const doc of docsOfKind(model, 'kafka.strimzi.io/v1beta2', 'KafkaTopic')) {
    const count = at(doc.obj, 'spec', 'partitions');
    if (typeof count === 'number') partitions.set(stringAt(doc.obj, 'spec', 'topicName') ?? nameOf(doc), count);
  }
  return partitions;
}

/** The KEDA `sasl` value of a KAFKA_SASL_MECHANISM. */
const KEDA_SASL: Readonly<Record<string, string>> = { 'scram-sha-512': 'scram_sha512', 'scram-sha-256': 'scram_sha256', plain: 'plaintext' };

/** True when an ACL of the KafkaUser grants `operation` on the resource (literal or prefix pattern). */
export function aclGrants(user: ManifestDoc | undefined, type: string, name: string, operation: string): boolean {
  return arrayAt(user?.obj, 'spec', 'authorization', 'acls').filter(isRecord).some((acl) => {
    const resource = recordAt(acl, 'resource');
    const pattern = stringAt(resource, 'name') ?? '';
    const matches = stringAt(resource, 'patternType') === 'prefix' ? name.startsWith(pattern) : pattern === name || pattern === '*';
    return resource['type'] === type && matches && arrayAt(acl, 'operations').some((op) => op === operation || op === 'All');
  });
}

/** What a TriggerAuthentication hands KEDA for one parameter: a Secret key, or a container variable. */
function authParameter(auth: ManifestDoc, parameter: string): { secret?: string; key?: string; env?: string; container?: string } | undefined {
  const secret = arrayAt(auth.obj, 'spec', 'secretTargetRef').filter(isRecord).find((ref) => ref['parameter'] === parameter);
  if (secret !== undefined) return { secret: stringAt(secret, 'name') ?? '', key: stringAt(secret, 'key') ?? '' };
  const env = arrayAt(auth.obj, 'spec', 'env').filter(isRecord).find((ref) => ref['parameter'] === parameter);
  if (env !== undefined) return { env: stringAt(env, 'name') ?? '', container: stringAt(env, 'containerName') ?? '' };
  return undefined;
}

/** One kafka trigger against the container it scales: group, topic, brokers, auth as the service connects. */
function triggerProblems(model: DeployModel, so: ManifestDoc, trigger: Record<string, unknown>, consumer: GroupConsumer, container: Record<string, unknown>): string[] {
  const { group } = consumer;
  const label = `${where(so)} trigger ${stringAt(trigger, 'metadata', 'topic') ?? `<every topic of ${group}>`}`;
  const problems: string[] = [];
  const sources = podSources(model);
  const env = containerEnv(sources, container, label).env;
  const metadata = stringMap(trigger['metadata']);
  if (metadata['bootstrapServers'] !== env.get('KAFKA_BROKERS')) problems.push(`${label}: bootstrapServers ${metadata['bootstrapServers'] ?? '<unset>'} differ from the service's KAFKA_BROKERS ${env.get('KAFKA_BROKERS') ?? '<unset>'}`);
  if (!/^[1-9][0-9]*$/.test(metadata['lagThreshold'] ?? '')) problems.push(`${label}: lagThreshold must be a positive integer string`);
  const mechanism = env.get('KAFKA_SASL_MECHANISM');
  if (mechanism !== undefined && metadata['sasl'] !== KEDA_SASL[mechanism]) problems.push(`${label}: sasl ${metadata['sasl'] ?? '<unset>'} does not match KAFKA_SASL_MECHANISM ${mechanism} (${KEDA_SASL[mechanism] ?? '?'})`);
  if ((env.get('KAFKA_SSL') === 'true') !== (metadata['tls'] === 'enable')) problems.push(`${label}: tls ${metadata['tls'] ?? '<unset>'} does not match KAFKA_SSL ${env.get('KAFKA_SSL') ?? '<unset>'}`);
  if (mechanism === undefined) return problems;
  const authName = stringAt(trigger, 'authenticationRef', 'name');
  const auth = docsOfKind(model, 'keda.sh/v1alpha1', 'TriggerAuthentication').find((doc) => nameOf(doc) === authName);
  if (auth === undefined || (stringAt(trigger, 'authenticationRef', 'kind') ?? 'TriggerAuthentication') !== 'TriggerAuthentication') {
    return [...problems, `${label}: authenticationRef ${authName ?? '<unset>'} is no TriggerAuthentication of deploy/`];
  }
  const password = authParameter(auth, 'password');
  const passwordRef = arrayAt(container, 'env').filter(isRecord).find((entry) => entry['name'] === 'KAFKA_SASL_PASSWORD');
  const secretRef = recordAt(passwordRef, 'valueFrom', 'secretKeyRef');
  if (password?.secret === undefined || password.secret !== secretRef['name'] || password.key !== secretRef['key']) {
    problems.push(`${where(auth)}: password must come from the Secret the service reads KAFKA_SASL_PASSWORD from (${String(secretRef['name'])}/${String(secretRef['key'])})`);
  }
  const username = authParameter(auth, 'username');
  if (username?.env !== 'KAFKA_SASL_USERNAME' || username.container !== container['name']) {
    problems.push(`${where(auth)}: username must be the container ${String(container['name'])}'s KAFKA_SASL_USERNAME`);
  }
  for (const parameter of [password, authParameter(auth, 'ca')]) {
    if (parameter?.secret !== undefined && !sources.secrets.get(parameter.secret)?.has(parameter.key ?? '')) {
      problems.push(`${where(auth)}: Secret ${parameter.secret} with key ${parameter.key ?? ''} is not defined in deploy/ nor made by Strimzi`);
    }
  }
  if (metadata['tls'] === 'enable' && authParameter(auth, 'ca')?.secret === undefined) problems.push(`${where(auth)}: tls needs the cluster CA (parameter ca)`);
  const user = docsOfKind(model, 'kafka.strimzi.io/v1beta2', 'KafkaUser').find((doc) => nameOf(doc) === env.get('KAFKA_SASL_USERNAME'));
  // A trigger without a topic reads the lag of every topic the group has offsets on: the family members (a prefix ACL covers them).
  const topics = metadata['topic'] !== undefined ? [metadata['topic']] : consumer.families.map((family) => family.prefix);
  for (const [type, name] of [...topics.map((topic) => ['topic', topic] as const), ['group', group] as const]) {
    if (!aclGrants(user, type, name, 'Describe')) problems.push(`${label}: KafkaUser ${env.get('KAFKA_SASL_USERNAME') ?? ''} grants no Describe on ${type} ${name} (KEDA reads the lag with it)`);
  }
  return problems;
}

/**
 * The kafka triggers of one consumer group: one per fixed topic it reads; for the families whose
 * members it reads (their list follows the connected parties), one trigger without a topic, which
 * KEDA reads as the lag of every topic the group has offsets on.
 */
function groupTriggerProblems(so: ManifestDoc, consumer: GroupConsumer, triggers: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const { group, topics, families } = consumer;
  const triggered = triggers.map((t) => stringAt(t, 'metadata', 'topic')).filter((topic) => topic !== undefined);
  for (const topic of topics.filter((t) => !triggered.includes(t))) problems.push(`${where(so)}: no kafka trigger on ${topic}, which the group ${group} reads`);
  for (const topic of triggered.filter((t) => !topics.includes(t))) problems.push(`${where(so)}: kafka trigger on ${topic}, which the group ${group} does not read`);
  const groupWide = triggers.length - triggered.length;
  if (families.length > 0 && groupWide !== 1) {
    problems.push(`${where(so)}: the group ${group} reads the members of ${families.map((f) => f.template).join(', ')}: expected one kafka trigger of that group without a topic, found ${groupWide}`);
  }
  if (families.length === 0 && groupWide > 0) problems.push(`${where(so)}: a kafka trigger of ${group} names no topic, but the group reads fixed topics (${topics.join(', ')})`);
  return problems;
}

/**
 * Every Kafka consumer Deployment has exactly one ScaledObject: for each consumer group it declares
 * (its context's group, and the group over the topic families it reads), the kafka triggers
 * groupTriggerProblems asks for, with that group, the service's brokers and credentials; at least 2
 * and at most as many replicas as the largest of those topics has partitions (kafka-topics.yaml;
 * a family member's from the contract).
 */
export function checkConsumerScaling(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const partitions = topicPartitions(model);
  for (const app of model.services) {
    const deployment = deployments(model).find((doc) => nameOf(doc) === app.name);
    if (deployment === undefined) continue;
    const { keda } = scalersOf(model, deployment);
    if (app.consumers.length === 0) {
      problems.push(...keda.map((so) => `${where(so)}: scales ${app.name}, which declares no Kafka consumer group`));
      continue;
    }
    const groups = app.consumers.map((consumer) => consumer.group);
    const [so] = keda;
    if (so === undefined || keda.length > 1) {
      problems.push(`${where(deployment)}: consumer of ${groups.join(', ')} is scaled by ${keda.length} ScaledObjects, expected 1`);
      continue;
    }
    const container = containersOf(deployment).find((c) => c['name'] === app.name) ?? {};
    const triggers = arrayAt(so.obj, 'spec', 'triggers').filter(isRecord).filter((t) => t['type'] === 'kafka');
    for (const trigger of triggers) {
      const group = stringAt(trigger, 'metadata', 'consumerGroup');
      if (group === undefined || !groups.includes(group)) {
        problems.push(`${where(so)} trigger ${stringAt(trigger, 'metadata', 'topic') ?? '<no topic>'}: consumerGroup ${group ?? '<unset>'} is not a declared group of ${app.name} (${groups.join(', ')})`);
      }
    }
    const counts: number[] = [];
    for (const consumer of app.consumers) {
      const mine = triggers.filter((t) => stringAt(t, 'metadata', 'consumerGroup') === consumer.group);
      problems.push(...groupTriggerProblems(so, consumer, mine));
      for (const trigger of mine) problems.push(...triggerProblems(model, so, trigger, consumer, container));
      for (const topic of mine.map((t) => stringAt(t, 'metadata', 'topic')).filter((topic) => topic !== undefined)) {
        const count = partitions.get(topic);
        if (count === undefined) problems.push(`${where(so)}: topic ${topic} has no KafkaTopic in deploy/`);
        else counts.push(count);
      }
      counts.push(...consumer.families.map((family) => family.partitions));
    }
    const most = Math.max(0, ...counts);
    const max = at(so.obj, 'spec', 'maxReplicaCount');
    const min = at(so.obj, 'spec', 'minReplicaCount');
    if (typeof max !== 'number' || max > most) problems.push(`${where(so)}: maxReplicaCount ${String(max)} must be set and at most ${most}, the most partitions of a topic its groups read (a replica beyond them would own no partition)`);
    if (typeof min !== 'number' || min < 2 || (typeof max === 'number' && min > max)) problems.push(`${where(so)}: minReplicaCount ${String(min)} must be set, >= 2 and <= maxReplicaCount`);
  }
  return result('keda: each Kafka consumer is scaled by one ScaledObject on the lag of each group it declares, up to its topics\' partitions', problems);
}

/**
 * Every platform Deployment has exactly one autoscaler (a ScaledObject for a consumer, else an
 * autoscaling/v2 HorizontalPodAutoscaler: the gateway), starting at 2 replicas, and leaves `replicas`
 * to it; a static web app (the portal) may keep fixed replicas (checkPodHardening asks for >= 2).
 */
export function checkAutoscalers(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const names = deployments(model).map(nameOf);
  for (const doc of [...scaledObjects(model), ...autoscalers(model)]) {
    if (!names.includes(stringAt(doc.obj, 'spec', 'scaleTargetRef', 'name') ?? '')) problems.push(`${where(doc)}: scales no Deployment of deploy/`);
  }
  for (const deployment of deployments(model)) {
    const { keda, hpa } = scalersOf(model, deployment);
    if (isWebApp(model, nameOf(deployment))) {
      // A static web app consumes nothing (no lag to scale on): fixed replicas, or at most one HPA.
      if (keda.length > 0 || hpa.length > 1) problems.push(`${where(deployment)}: a static web app is scaled by ${keda.length} ScaledObjects and ${hpa.length} HorizontalPodAutoscalers, expected none or one HPA`);
    } else if (keda.length + hpa.length !== 1) problems.push(`${where(deployment)}: scaled by ${keda.length} ScaledObjects and ${hpa.length} HorizontalPodAutoscalers, expected one autoscaler`);
    if (keda.length + hpa.length > 0 && at(deployment.obj, 'spec', 'replicas') !== undefined) {
      problems.push(`${where(deployment)}: sets replicas although autoscaled (every apply would reset the autoscaler's count)`);
    }
    for (const doc of hpa) {
      const min = at(doc.obj, 'spec', 'minReplicas');
      const max = at(doc.obj, 'spec', 'maxReplicas');
      if (typeof min !== 'number' || min < 2) problems.push(`${where(doc)}: minReplicas must be set and >= 2`);
      if (typeof max !== 'number' || typeof min !== 'number' || max <= min) problems.push(`${where(doc)}: maxReplicas must exceed minReplicas`);
      if (stringAt(doc.obj, 'spec', 'scaleTargetRef', 'apiVersion') !== 'apps/v1') problems.push(`${where(doc)}: scaleTargetRef.apiVersion must be apps/v1`);
      if (arrayAt(doc.obj, 'spec', 'metrics').length === 0) problems.push(`${where(doc)}: has no metric`);
    }
  }
  return result(`autoscaling: every service Deployment has one autoscaler, a web app none or an HPA (${scaledObjects(model).length} ScaledObjects, ${autoscalers(model).length} HPAs) from 2 replicas`, problems);
}
