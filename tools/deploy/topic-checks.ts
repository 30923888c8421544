import type { CheckResult, DeployModel, TopicFamilySpec, TopicSpec } from './deploy-model';
import { at, docsOfKind, expectedTopics, recordAt, result, stringAt, where } from './deploy-model';

/** The compose service that creates the topics before any app starts. */
export const COMPOSE_TOPICS_SERVICE = 'kafka-topics';
const STRIMZI = 'kafka.strimzi.io/v1beta2';
const DAY_MS = 86_400_000;

interface FoundTopic extends TopicSpec {
  readonly where: string;
}

/** A topic of a family (a connected party's), or the dead-letter topic of a member the platform reads. */
export interface FamilyMember {
  readonly family: TopicFamilySpec;
  /** The party's id (the placeholder's value). */
  readonly value: string;
  readonly deadLetter: boolean;
}

/**
 * The family a topic name belongs to, by the family's own pattern (the registry's: 2-40 lower-case
 * letters, digits and single dashes), or undefined. A `.dlq` belongs to a member the platform reads
 * (a family the parties write): the platform dead-letters its refused records there.
 */
export function familyMemberOf(families: readonly TopicFamilySpec[], name: string, deadLetterTopicOf: (topic: string) => string): FamilyMember | undefined {
  for (const family of families) {
    const value = family.valueOf(name);
    if (value !== null) return { family, value, deadLetter: false };
    const base = name.endsWith('.dlq') ? name.slice(0, -'.dlq'.length) : undefined;
    const baseValue = base !== undefined && family.writer === 'party' ? family.valueOf(base) : null;
    if (base !== undefined && baseValue !== null && deadLetterTopicOf(base) === name) return { family, value: baseValue, deadLetter: true };
  }
  return undefined;
}

/**
 * Compares the topics a deployment creates with the contracts: each registry topic exactly once, same
 * partitions; a connected party's topics (members of a family, and their dead letters) once each with
 * the family's partitions; nothing else.
 */
export function compareTopics(model: Pick<DeployModel, 'families' | 'deadLetterTopicOf'>, expected: readonly TopicSpec[], found: readonly FoundTopic[], source: string): string[] {
  const problems: string[] = [];
  for (const topic of expected) {
    const matches = found.filter((f) => f.name === topic.name);
    if (matches.length === 0) problems.push(`${source}: missing topic ${topic.name} (${topic.partitions} partitions)`);
    if (matches.length > 1) problems.push(`${source}: topic ${topic.name} is created ${matches.length} times (${matches.map((m) => m.where).join(', ')})`);
    for (const match of matches.filter((m) => m.partitions !== topic.partitions)) {
      problems.push(`${match.where}: ${topic.name} has ${match.partitions} partitions, the contract says ${topic.partitions}`);
    }
  }
  const extras = found.filter((f) => !expected.some((topic) => topic.name === f.name));
  for (const extra of extras) {
    const member = familyMemberOf(model.families, extra.name, model.deadLetterTopicOf);
    if (member === undefined) {
      problems.push(`${extra.where}: topic ${extra.name} is not in PLATFORM_TOPICS (nor a dead-letter topic of one, nor a member of ${model.families.map((f) => f.template).join(', ')})`);
      continue;
    }
    if (extra.partitions !== member.family.partitions) problems.push(`${extra.where}: ${extra.name} has ${extra.partitions} partitions, its family ${member.family.template} says ${member.family.partitions}`);
    const twice = extras.filter((f) => f.name === extra.name);
    if (twice.length > 1 && twice[0] === extra) problems.push(`${source}: topic ${extra.name} is created ${twice.length} times (${twice.map((m) => m.where).join(', ')})`);
  }
  return problems;
}

function kafkaTopics(model: DeployModel): FoundTopic[] {
  return docsOfKind(model, STRIMZI, 'KafkaTopic').map((doc) => ({
    name: stringAt(doc.obj, 'spec', 'topicName') ?? stringAt(doc.obj, 'metadata', 'name') ?? '',
    partitions: Number(at(doc.obj, 'spec', 'partitions')),
    where: where(doc),
  }));
}

/** One Strimzi KafkaTopic per contract topic and per dead-letter topic, with the contract's partitions. */
export function checkKafkaTopics(model: DeployModel): CheckResult {
  const expected = expectedTopics(model);
  return result(
    `topics: a KafkaTopic for each of ${expected.length} topics in PLATFORM_TOPICS and their .dlq, matching partitions; connected parties' topics by their family's pattern`,
    compareTopics(model, expected, kafkaTopics(model), 'deploy/'),
  );
}

/** Durable, ordered streams: replicated, not compacted, dead letters kept longer than the streams. */
export function checkTopicPolicy(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const resources = [...docsOfKind(model, STRIMZI, 'KafkaTopic'), ...docsOfKind(model, STRIMZI, 'KafkaUser')];
  const clusters = new Set(resources.map((doc) => stringAt(doc.obj, 'metadata', 'labels', 'strimzi.io/cluster')));
  if (clusters.size > 1) problems.push(`Strimzi resources name ${clusters.size} clusters: ${[...clusters].join(', ')}`);
  const retention = new Map<string, number>();
  for (const doc of docsOfKind(model, STRIMZI, 'KafkaTopic')) {
    const replicas = Number(at(doc.obj, 'spec', 'replicas'));
    const config = recordAt(doc.obj, 'spec', 'config');
    const minIsr = Number(config['min.insync.replicas']);
    const retentionMs = Number(config['retention.ms']);
    if (!(replicas >= 3)) problems.push(`${where(doc)}: replicas ${replicas} < 3`);
    if (!(minIsr >= 2 && minIsr < replicas)) problems.push(`${where(doc)}: min.insync.replicas must be >= 2 and < replicas`);
    if (config['cleanup.policy'] !== 'delete') problems.push(`${where(doc)}: cleanup.policy must be delete (compaction keeps only the last event of each aggregate)`);
    if (!(retentionMs > 0 || retentionMs === -1)) problems.push(`${where(doc)}: retention.ms must be a positive number of milliseconds (or -1: forever)`);
    retention.set(stringAt(doc.obj, 'spec', 'topicName') ?? stringAt(doc.obj, 'metadata', 'name') ?? '', retentionMs);
  }
  const members = [...retention.keys()].filter((name) => familyMemberOf(model.families, name, model.deadLetterTopicOf)?.deadLetter === false);
  for (const topic of [...model.topics, ...members.map((name) => ({ name }))]) {
    const stream = retention.get(topic.name);
    const dlq = retention.get(model.deadLetterTopicOf(topic.name));
    // -1: kept forever (longer than any number of milliseconds).
    const kept = (ms: number): number => (ms === -1 ? Number.POSITIVE_INFINITY : ms);
    if (stream !== undefined && dlq !== undefined && !(kept(dlq) > kept(stream) || (kept(dlq) === Number.POSITIVE_INFINITY && kept(stream) === Number.POSITIVE_INFINITY))) {
      problems.push(`${model.deadLetterTopicOf(topic.name)}: dead letters must be retained longer than ${topic.name} (${dlq} <= ${stream} ms)`);
    }
  }
  for (const service of model.services) {
    for (const consumer of service.consumers.filter((c) => c.retainDays !== undefined)) {
      const needed = (consumer.retainDays ?? 0) * DAY_MS;
      for (const topic of consumer.topics) {
        const kept = retention.get(topic);
        if (kept !== undefined && kept !== -1 && kept < needed) problems.push(`${topic}: retention.ms ${kept} < ${needed} (${consumer.retainDays} days): ${service.name} rebuilds its projections from it`);
      }
    }
  }
  return result('topics: 3 replicas, min.insync.replicas 2.., delete policy, dead letters retained longer, projected streams kept for their rebuild', problems);
}

/** The shell text a compose service runs (entrypoint and command, list or string form). */
export function composeScript(service: unknown): string {
  const part = (value: unknown) => (Array.isArray(value) ? value.map(String).join('\n') : typeof value === 'string' ? value : '');
  return `${part(at(service, 'entrypoint'))}\n${part(at(service, 'command'))}`;
}

/** `--topic <name> --partitions <n>` per line of the topic-creation script. */
export function composeTopicLines(script: string): { topics: FoundTopic[]; problems: string[] } {
  const topics: FoundTopic[] = [];
  const problems: string[] = [];
  for (const line of script.split('\n')) {
    const topic = /--topic[= ]+(\S+)/.exec(line)?.[1];
    if (topic === undefined) continue;
    const partitions = /--partitions[= ]+(\d+)/.exec(line)?.[1];
    if (partitions === undefined) problems.push(`${COMPOSE_TOPICS_SERVICE}: "${line.trim()}" sets no --partitions`);
    else topics.push({ name: topic, partitions: Number(partitions), where: `docker-compose.yml ${COMPOSE_TOPICS_SERVICE}` });
  }
  return { topics, problems };
}

/** The compose topic-creation service creates every contract topic and .dlq, idempotently. */
export function checkComposeTopics(model: DeployModel): CheckResult {
  const expected = expectedTopics(model);
  const service = at(model.compose, 'services', COMPOSE_TOPICS_SERVICE);
  const script = composeScript(service);
  const { topics, problems } = composeTopicLines(script);
  if (service === undefined) problems.push(`docker-compose.yml: no ${COMPOSE_TOPICS_SERVICE} service`);
  else if (!/kafka-topics\.sh/.test(script) || !/--create/.test(script) || !/--if-not-exists/.test(script)) {
    problems.push(`${COMPOSE_TOPICS_SERVICE}: must run kafka-topics.sh --create --if-not-exists`);
  }
  problems.push(...compareTopics(model, expected, topics, `docker-compose.yml ${COMPOSE_TOPICS_SERVICE}`));
  return result(`compose: ${COMPOSE_TOPICS_SERVICE} creates each of ${expected.length} topics with the contract's partitions`, problems);
}
