import type { TSchema } from '@sinclair/typebox';
import type { TopicDefinition, TopicFamilyDefinition } from '../topic-registry';
import { deadLetterTopicOf, TOPIC_FAMILY_VALUE_PATTERN } from '../topic-registry';
import type { JsonObject, JsonValue } from './asyncapi-components';
import {
  CLOUD_EVENTS_HEADERS,
  cloudEventsHeadersSchema,
  DEAD_LETTER_HEADERS,
  deadLetterHeadersSchema,
  SIGNATURE_HEADERS,
  SIGNATURE_TRAIT,
  signatureHeadersSchema,
  signatureTrait,
} from './asyncapi-components';

export interface AsyncApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

/** The Kafka bindings' version this document uses (AsyncAPI bindings repository). */
const KAFKA_BINDING_VERSION = '0.5.0';
const DEAD_LETTER_CHANNEL = 'deadLetter';

interface ChannelSource {
  readonly address: string;
  readonly aggregate: string;
  readonly partitions: number;
  readonly events: Record<string, TSchema>;
  readonly family?: TopicFamilyDefinition;
}

/**
 * The platform's event contract as an AsyncAPI 3.0.0 document: one channel per topic (address = topic
 * name, one message per event type whose payload is its JSON Schema), one parameterised channel per
 * topic family, a generic dead-letter channel; a send operation for what the platform writes and a
 * receive operation for what parties write. Pure and plain: the result survives a JSON round trip
 * unchanged (TypeBox's symbol keys are dropped here).
 */
export function asyncApiDocument(topics: readonly TopicDefinition[], families: readonly TopicFamilyDefinition[], info: AsyncApiInfo): JsonObject {
  const sources: ChannelSource[] = [
    ...topics.map((topic) => ({ address: topic.name, aggregate: topic.aggregate, partitions: topic.partitions, events: topic.events })),
    ...families.map((family) => ({ address: family.template, aggregate: family.aggregate, partitions: family.partitions, events: family.events, family })),
  ];
  const channels: Record<string, JsonValue> = {};
  const operations: Record<string, JsonValue> = {};
  for (const source of sources) {
    const id = channelId(source.address);
    if (id in channels) throw new RangeError(`two topics map to the AsyncAPI channel id ${id}`);
    channels[id] = channelOf(source);
    const receives = source.family?.writer === 'party';
    operations[`${id}.${receives ? 'receive' : 'send'}`] = {
      action: receives ? 'receive' : 'send',
      summary: receives ? `The platform consumes what each party writes on ${source.address}.` : `The platform publishes ${source.aggregate} events on ${source.address}.`,
      channel: { $ref: `#/channels/${id}` },
      messages: Object.keys(source.events).map((type) => ({ $ref: `#/channels/${id}/messages/${type}` })),
    };
  }
  channels[DEAD_LETTER_CHANNEL] = deadLetterChannel();
  operations[`${DEAD_LETTER_CHANNEL}.send`] = {
    action: 'send',
    summary: 'A consumer writes a record it could not process after its retries here, so it never blocks its partition.',
    channel: { $ref: `#/channels/${DEAD_LETTER_CHANNEL}` },
    messages: [{ $ref: `#/channels/${DEAD_LETTER_CHANNEL}/messages/deadLetter` }],
  };
  return plain({
    asyncapi: '3.0.0',
    info: { title: info.title, version: info.version, description: info.description },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: '{bootstrap}',
        protocol: 'kafka',
        description: 'The deployment\'s Kafka cluster (KAFKA_BROKERS).',
        variables: { bootstrap: { default: 'localhost:9092', description: 'A bootstrap broker, host:port.' } },
      },
    },
    channels,
    operations,
    components: {
      schemas: { [CLOUD_EVENTS_HEADERS]: cloudEventsHeadersSchema(), [SIGNATURE_HEADERS]: signatureHeadersSchema(), [DEAD_LETTER_HEADERS]: deadLetterHeadersSchema() },
      messageTraits: { [SIGNATURE_TRAIT]: signatureTrait() },
    },
  });
}

/** A channel id and component key: AsyncAPI allows `[A-Za-z0-9.\-_]` (a family's braces are dropped). */
export function channelId(address: string): string {
  return address.replace(/[{}]/g, '').replace(/[^A-Za-z0-9.\-_]/g, '_');
}

function channelOf(source: ChannelSource): JsonObject {
  const signed = source.family?.writer === 'party';
  const messages: Record<string, JsonValue> = Object.fromEntries(
    Object.entries(source.events).map(([type, schema]): [string, JsonObject] => [
      type,
      {
        name: type,
        title: type,
        contentType: 'application/json',
        headers: {
          allOf: [{ $ref: `#/components/schemas/${CLOUD_EVENTS_HEADERS}` }, ...(signed ? [{ $ref: `#/components/schemas/${SIGNATURE_HEADERS}` }] : []), { type: 'object', properties: { ce_type: { const: type } } }],
        },
        payload: plain(schema as unknown as JsonValue),
        bindings: { kafka: { key: { type: 'string', description: `The ${source.aggregate} id (= ce_subject).` }, bindingVersion: KAFKA_BINDING_VERSION } },
        ...(signed ? { traits: [{ $ref: `#/components/messageTraits/${SIGNATURE_TRAIT}` }] } : {}),
      },
    ]),
  );
  const family = source.family;
  return {
    address: source.address,
    title: source.address,
    description: family
      ? `One topic per ${family.parameter.name} (${family.writer === 'party' ? 'the party writes, the platform reads' : 'the platform writes, the party reads'}), keyed by ${source.aggregate} id; members are created when a party is connected.`
      : `The ${source.aggregate} stream, keyed by ${source.aggregate} id.`,
    messages,
    ...(family ? { parameters: { [family.parameter.name]: { description: `${family.parameter.description} (pattern ${TOPIC_FAMILY_VALUE_PATTERN}).` } } } : {}),
    // A family's members are named at connection time, so its binding names no topic.
    bindings: { kafka: { ...(family ? {} : { topic: source.address }), partitions: source.partitions, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function deadLetterChannel(): JsonObject {
  return {
    address: deadLetterTopicOf('{topic}'),
    title: 'Dead letters',
    description: 'Each topic\'s dead-letter topic: a failed record\'s key, value and headers as they were, plus the reason headers.',
    parameters: { topic: { description: 'The name of the topic the record failed on (a channel address above).' } },
    messages: {
      deadLetter: {
        name: 'deadLetter',
        title: 'A record that failed its consumer',
        headers: { $ref: `#/components/schemas/${DEAD_LETTER_HEADERS}` },
        payload: { description: 'The original record value, unchanged (usually the JSON data of one of its topic\'s event types, but it may be what failed to parse).' },
      },
    },
    bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

/** The value as JSON has it: symbol keys (TypeBox's Kind) and undefined members dropped. */
function plain<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
