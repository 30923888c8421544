import type { Static, TSchema } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ContractError, ContractErrorCode } from './contract.errors';
import type { EventEnvelope } from './event-envelope';

/**
 * One topic per aggregate stream (e.g. `itsm.incident.v1`), keyed by aggregate id. Its event types
 * map to versioned JSON Schemas (TypeBox builds them, so an AsyncAPI document can be generated from
 * the same source). An incompatible change is a new event type version, never an edit.
 */
export interface TopicDefinition<
  TName extends string = string,
  TEvents extends Record<string, TSchema> = Record<string, TSchema>,
> {
  readonly name: TName;
  /** The aggregate whose stream this topic carries (documentation and AsyncAPI). */
  readonly aggregate: string;
  /** Partitions in production (Strimzi KafkaTopic) and in the in-process bus. */
  readonly partitions: number;
  readonly events: TEvents;
}

export function defineTopic<const TName extends string, const TEvents extends Record<string, TSchema>>(
  definition: TopicDefinition<TName, TEvents>,
): TopicDefinition<TName, TEvents> {
  for (const type of Object.keys(definition.events)) {
    if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v[1-9][0-9]*$/.test(type)) {
      throw new Error(`event type "${type}" on ${definition.name} must be dotted lower-case ending in .v<N>`);
    }
  }
  if (!/^itsm\.[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*\.v[1-9][0-9]*$/.test(definition.name)) {
    throw new Error(`topic "${definition.name}" must look like itsm.<aggregate>.v<N>`);
  }
  return definition;
}

/**
 * A family of topics of one shape, one topic per party: `itsm.supplier.{supplierId}.out.v1` gives each
 * supplier organisation topics of its own, so a Kafka ACL on the prefix `itsm.supplier.<id>.` grants
 * it its topics and nobody else's (a shared topic cannot be read per key). Members are created when a
 * party is connected, not by deploy/ from the list; a registry resolves a member's name to a topic of
 * the family's events and partitions.
 */
export interface TopicFamilyDefinition<TEvents extends Record<string, TSchema> = Record<string, TSchema>> {
  /** The member names: exactly one `{<parameter>}` placeholder in a topic name. */
  readonly template: string;
  readonly parameter: {
    readonly name: string;
    /** What a value must match: lower-case words and digits joined by single dashes (a topic name part). */
    readonly description: string;
  };
  /**
   * Who writes the members: `platform` (the platform sends, the party reads, e.g. a supplier's outbound
   * topic) or `party` (the party sends, the platform receives: the AsyncAPI document shows a receive
   * operation and the signature the party's records carry).
   */
  readonly writer: 'platform' | 'party';
  readonly aggregate: string;
  readonly partitions: number;
  readonly events: TEvents;
}

/** A value a family's placeholder takes: 2-40 characters, lower-case words and digits joined by single dashes. */
export const TOPIC_FAMILY_VALUE_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const FAMILY_VALUE = new RegExp(TOPIC_FAMILY_VALUE_PATTERN);
const PLACEHOLDER = /\{([a-z][a-zA-Z0-9]*)\}/g;

export function defineTopicFamily<const TEvents extends Record<string, TSchema>>(family: TopicFamilyDefinition<TEvents>): TopicFamilyDefinition<TEvents> {
  const placeholders = [...family.template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  if (placeholders.length !== 1 || placeholders[0] !== family.parameter.name) {
    throw new Error(`topic family "${family.template}" must hold exactly one {${family.parameter.name}} placeholder`);
  }
  defineTopic({ name: family.template.replace(PLACEHOLDER, 'x'), aggregate: family.aggregate, partitions: family.partitions, events: family.events });
  return family;
}

/** The member of a family for one value (a supplier's id): refused unless the value fits a topic name part. */
export function topicOfFamily<TEvents extends Record<string, TSchema>>(family: TopicFamilyDefinition<TEvents>, value: string): TopicDefinition<string, TEvents> {
  if (!familyValueFits(value)) {
    throw new ContractError(ContractErrorCode.UnknownTopic, `"${value}" cannot name a topic of ${family.template}: ${family.parameter.description}`);
  }
  return { name: family.template.replace(PLACEHOLDER, value), aggregate: family.aggregate, partitions: family.partitions, events: family.events };
}

/** The value a topic name gives a family's placeholder, or null when the name is not one of its members. */
export function familyValueOf(family: TopicFamilyDefinition, name: string): string | null {
  const [before, after] = family.template.split(`{${family.parameter.name}}`) as [string, string];
  if (!name.startsWith(before) || !name.endsWith(after) || name.length <= before.length + after.length) return null;
  const value = name.slice(before.length, name.length - after.length);
  return familyValueFits(value) ? value : null;
}

function familyValueFits(value: string): boolean {
  return value.length >= 2 && value.length <= 40 && FAMILY_VALUE.test(value);
}

export type EventTypeOf<T extends TopicDefinition> = keyof T['events'] & string;
export type PayloadOf<T extends TopicDefinition, E extends EventTypeOf<T>> = Static<T['events'][E]>;
/** The discriminated union of every envelope that may travel on topic T. */
export type EventOf<T extends TopicDefinition> = {
  [E in EventTypeOf<T>]: EventEnvelope<E, PayloadOf<T, E>>;
}[EventTypeOf<T>];

/** The names of a list of topics, and the definition of one of them by name. */
export type TopicNames<Ts extends readonly TopicDefinition[]> = Ts[number]['name'];
export type TopicNamed<Ts extends readonly TopicDefinition[], N extends string> = Extract<Ts[number], { name: N }>;
/** Every envelope that may travel on the topic named N (any envelope when the topics are not known statically). */
export type EventOn<Ts extends readonly TopicDefinition[], N extends string> = string extends TopicNames<Ts> ? EventEnvelope : EventOf<TopicNamed<Ts, N>>;

/** Dead-letter topic of a source topic: same key, original bytes and headers, plus the reason. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Headers added to a dead-lettered record, next to its original headers and bytes. */
export const DLQ_HEADERS = {
  code: 'dlq_reason_code',
  reason: 'dlq_reason',
  group: 'dlq_group',
  topic: 'dlq_source_topic',
  partition: 'dlq_source_partition',
  offset: 'dlq_source_offset',
  attempts: 'dlq_attempts',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * The topics a process knows (and the topic families whose members it may meet), with every payload
 * schema compiled once.
 */
export class TopicRegistry<const Ts extends readonly TopicDefinition[] = readonly TopicDefinition[]> {
  private readonly validators = new Map<string, Map<string, ValidateFunction>>();
  private readonly byName = new Map<string, TopicDefinition>();
  /** Each family's validators, compiled once and shared by its members. */
  private readonly familyValidators = new Map<TopicFamilyDefinition, Map<string, ValidateFunction>>();

  constructor(
    readonly topics: Ts,
    readonly families: readonly TopicFamilyDefinition[] = [],
  ) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const compile = (events: Record<string, TSchema>) => new Map(Object.entries(events).map(([type, schema]) => [type, ajv.compile(schema)] as const));
    for (const topic of topics) {
      if (this.byName.has(topic.name)) throw new Error(`topic ${topic.name} is registered twice`);
      this.byName.set(topic.name, topic);
      this.validators.set(topic.name, compile(topic.events));
    }
    for (const family of families) {
      if (this.familyValidators.has(family) || families.some((other) => other !== family && other.template === family.template)) throw new Error(`topic family ${family.template} is registered twice`);
      this.familyValidators.set(family, compile(family.events));
    }
  }

  /** A registered topic, or a member of a registered family by its name. */
  topic(name: string): TopicDefinition | undefined {
    const topic = this.byName.get(name);
    if (topic !== undefined) return topic;
    const family = this.familyOf(name);
    return family === undefined ? undefined : topicOfFamily(family.family, family.value);
  }

  /** The family a topic name is a member of, and its placeholder's value. */
  familyOf(name: string): { readonly family: TopicFamilyDefinition; readonly value: string } | undefined {
    for (const family of this.families) {
      const value = familyValueOf(family, name);
      if (value !== null) return { family, value };
    }
    return undefined;
  }

  /** Checks that `type` may travel on `topic` and that `data` satisfies its schema. */
  validatePayload(topic: string, type: string, data: unknown): void {
    const member = this.validators.has(topic) ? undefined : this.familyOf(topic);
    const byType = member === undefined ? this.validators.get(topic) : this.familyValidators.get(member.family);
    if (byType === undefined) throw new ContractError(ContractErrorCode.UnknownTopic, `topic ${topic} is not registered`);
    const validate = byType.get(type);
    if (validate === undefined) {
      throw new ContractError(ContractErrorCode.UnknownEventType, `event type ${type} is not allowed on ${topic}`);
    }
    if (!validate(data)) {
      const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      throw new ContractError(ContractErrorCode.InvalidPayload, `payload of ${type} fails its schema`, details);
    }
  }
}
