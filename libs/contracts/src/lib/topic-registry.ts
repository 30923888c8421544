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

/** The topics a process knows, with every payload schema compiled once. */
export class TopicRegistry<const Ts extends readonly TopicDefinition[] = readonly TopicDefinition[]> {
  private readonly validators = new Map<string, Map<string, ValidateFunction>>();
  private readonly byName = new Map<string, TopicDefinition>();

  constructor(readonly topics: Ts) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    for (const topic of topics) {
      if (this.byName.has(topic.name)) throw new Error(`topic ${topic.name} is registered twice`);
      this.byName.set(topic.name, topic);
      const byType = new Map<string, ValidateFunction>();
      for (const [type, schema] of Object.entries(topic.events)) byType.set(type, ajv.compile(schema));
      this.validators.set(topic.name, byType);
    }
  }

  topic(name: string): TopicDefinition | undefined {
    return this.byName.get(name);
  }

  /** Checks that `type` may travel on `topic` and that `data` satisfies its schema. */
  validatePayload(topic: string, type: string, data: unknown): void {
    const byType = this.validators.get(topic);
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
