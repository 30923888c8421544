import { hostname } from 'node:os';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { toKafkaConsumerTiming, toKafkaSettings } from '@itsm/platform/config';
import type { KafkaEnv } from '@itsm/platform/config';
import type { EventBus } from '@itsm/platform/messaging';
import { KafkaEventBus } from '@itsm/platform/messaging';
import { GatewayErrorCode, gatewayError } from '../gateway.errors';
import type { LiveEvent } from './live-feeds';
import type { RequeryOutcome } from './live-hub';
import { LIVE_ID_VARIABLE } from './live-operation';
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

/** `given` is the secret (compared in constant time). */
export function sameSecret(given: string | null, secret: string): boolean {
  if (given === null || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
}

/**
 * Re-queries through the gateway's own HTTP handling (`handle`, in process: the edge authenticates
 * the subscriber's token again, so an expired one ends the subscription; limits; breakers) with the
 * subscriber's headers. 4xx answers end the subscription with their errors; others are answers.
 */
export function runtimeRequery(handle: (request: Request) => Promise<Response>, url: string, marker: string) {
  return (operation: LiveOperation, headers: Readonly<Record<string, string>>) =>
    async (id: string): Promise<RequeryOutcome> => {
      const { 'x-correlation-id': _connectionCorrelation, ...forwarded } = headers;
      let response: Response;
      let result: ExecutionResult;
      try {
        response = await handle(
          new Request(url, {
            method: 'POST',
            headers: { ...forwarded, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', [LIVE_REQUERY_HEADER]: marker },
            body: JSON.stringify({ query: operation.query, operationName: operation.operationName, variables: { ...operation.variables, [LIVE_ID_VARIABLE]: id } }),
          }),
        );
        result = (await response.json()) as ExecutionResult;
      } catch (error: unknown) {
        return { kind: 'answer', result: { data: null, errors: [gatewayError(GatewayErrorCode.SubgraphUnavailable, `the change of ${id} could not be read: ${error instanceof Error ? error.message : String(error)}`)] } };
      }
      return response.status >= 400 && response.status < 500 ? { kind: 'end', result } : { kind: 'answer', result };
    };
}
