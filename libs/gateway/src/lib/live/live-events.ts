import { hostname } from 'node:os';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { toKafkaConsumerTiming, toKafkaSettings } from '@itsm/platform/config';
import type { KafkaEnv } from '@itsm/platform/config';
import type { EventBus } from '@itsm/platform/messaging';
import { KafkaEventBus } from '@itsm/platform/messaging';
import type { LiveEvent } from './live-feeds';
import type { RequeryOutcome } from './live-hub';
import type { LiveOperation } from './live-operation';

/** The changes the gateway's subscriptions follow: the events of their topics. */
export interface LiveEventSource {
  /** Calls `onChange` for each event of `topics` from now on. */
  listen(topics: readonly string[], onChange: (topic: string, event: LiveEvent) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * Events from a bus, in a consumer group of this process's own: every gateway replica sees every
 * change (a shared group would split them). `owned`: the gateway started the bus and closes it;
 * otherwise (the all-in-one's shared bus) only its group leaves.
 */
export function busLiveEvents(bus: EventBus<readonly TopicDefinition[]>, group: string, owned: boolean): LiveEventSource {
  return {
    async listen(topics, onChange) {
      await bus.subscribe({ group, topics: [...topics], handle: async ({ topic, envelope }) => onChange(topic, envelope) });
      if (owned) await bus.start();
    },
    async close() {
      if (owned) await bus.close();
      else await bus.unsubscribe(group);
    },
  };
}

/** The consumer group of this gateway replica (its host name: a pod's own in Kubernetes). */
export const liveGroup = (host: string = hostname()): string => `gateway-live-${host}`;

/**
 * The gateway's own Kafka consumer for subscriptions (microservices mode), or none without
 * KAFKA_BROKERS. A replica's group starts at the newest events: a subscriber is sent changes made
 * after it subscribed, never the topic's history.
 */
export function kafkaLiveEvents(env: KafkaEnv): LiveEventSource | undefined {
  const kafka = toKafkaSettings(env);
  if (!kafka.brokers) return undefined;
  const registry = new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES);
  const bus = new KafkaEventBus(registry, { connection: { ...kafka, brokers: kafka.brokers }, consumer: { ...toKafkaConsumerTiming(env), fromBeginning: false } });
  return busLiveEvents(bus, liveGroup(), true);
}

/** The header that marks the gateway's own re-queries (a secret of this process): trusted documents let them through. */
export const LIVE_REQUERY_HEADER = 'x-itsm-live-requery';

/** A per-process secret for LIVE_REQUERY_HEADER. */
export const newRequeryMarker = (): string => randomBytes(24).toString('base64url');

/** `given` is the secret (their SHA-256 digests compared in constant time: any header value, any length). */
export function sameSecret(given: string | null, secret: string): boolean {
  if (given === null) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** An answer's errors as JSON carries them, as GraphQL errors again (graphql-ws serialises errors with `toJSON`). */
function revived(result: ExecutionResult): ExecutionResult {
  if (!Array.isArray(result.errors)) return result;
  const errors = (result.errors as unknown as GraphQLFormattedError[]).map((error) => new GraphQLError(String(error.message), { ...(error.path ? { path: error.path } : {}), extensions: error.extensions ?? {} }));
  return { ...result, errors };
}

/**
 * Re-queries through the gateway's own HTTP handling (`handle`, in process: the edge authenticates
 * the subscriber's token again, so an expired one ends the subscription; limits; breakers) with the
 * subscriber's token (each re-query its own correlation id and trace). 4xx answers end the
 * subscription with their errors; a failure to get an answer is an answer without the entity
 * (nothing is sent: whether the subscriber may see the entity is unknown).
 */
export function runtimeRequery(handle: (request: Request) => Promise<Response>, url: string, marker: string) {
  return (operation: LiveOperation, headers: Readonly<Record<string, string>>) =>
    async (id: string, filter: boolean): Promise<RequeryOutcome> => {
      const { 'x-correlation-id': _correlation, traceparent: _trace, ...forwarded } = headers;
      const body = filter
        ? { query: operation.filterQuery, variables: { [operation.idVariable]: id } }
        : { query: operation.query, operationName: operation.operationName, variables: { ...operation.variables, [operation.idVariable]: id } };
      let response: Response;
      let result: ExecutionResult;
      try {
        response = await handle(
          new Request(url, {
            method: 'POST',
            headers: { ...forwarded, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', [LIVE_REQUERY_HEADER]: marker },
            body: JSON.stringify(body),
          }),
        );
        result = revived((await response.json()) as ExecutionResult);
      } catch {
        return { kind: 'answer', result: { data: null } };
      }
      return response.status >= 400 && response.status < 500 ? { kind: 'end', result } : { kind: 'answer', result };
    };
}
