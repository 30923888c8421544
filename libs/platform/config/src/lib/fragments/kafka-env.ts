import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { CommaList, Secret } from '../env-schema';

const HOST_PORT = '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):[0-9]{1,5}$';

export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export const KafkaEnv = Type.Object(
  {
    /** Unset: the in-process event bus is used instead of Kafka. */
    KAFKA_BROKERS: Type.Optional(CommaList(Type.String({ pattern: HOST_PORT, expected: 'host:port' }))),
    KAFKA_CLIENT_ID: Type.String({ default: 'itsm', minLength: 1 }),
    KAFKA_SSL: Type.Boolean({ default: false }),
    KAFKA_SASL_MECHANISM: Type.Optional(
      Type.Union([Type.Literal('plain'), Type.Literal('scram-sha-256'), Type.Literal('scram-sha-512')]),
    ),
    KAFKA_SASL_USERNAME: Type.Optional(Type.String({ minLength: 1 })),
    KAFKA_SASL_PASSWORD: Type.Optional(Secret(Type.String({ minLength: 1 }))),
    /** Production producers are idempotent; tests against a minimal broker turn it off. */
    KAFKA_IDEMPOTENT: Type.Boolean({ default: true }),
    /**
     * How long the group waits for a silent member before giving its partitions to another (kafkajs
     * default 30 s): after a crash, the partitions' work (SLA timers) resumes on a replica after this.
     */
    KAFKA_SESSION_TIMEOUT_MS: Type.Integer({ minimum: 3_000, maximum: 300_000, default: 30_000 }),
    KAFKA_HEARTBEAT_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 3_000 }),
  },
  { dependencies: { KAFKA_SASL_MECHANISM: ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] } },
);
export type KafkaEnv = Static<typeof KafkaEnv>;

export interface KafkaSasl {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: string;
}

export interface KafkaSettings {
  readonly brokers: string[] | undefined;
  readonly clientId: string;
  readonly ssl: boolean;
  readonly sasl?: KafkaSasl;
  readonly idempotent: boolean;
}

/** Consumer-group timing (the rest of the consumer settings keep the bus defaults). */
export function toKafkaConsumerTiming(env: KafkaEnv): { sessionTimeoutMs: number; heartbeatIntervalMs: number } {
  return { sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: Math.min(env.KAFKA_HEARTBEAT_INTERVAL_MS, Math.floor(env.KAFKA_SESSION_TIMEOUT_MS / 3)) };
}

export function toKafkaSettings(env: KafkaEnv): KafkaSettings {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  // loadConfig has already required username and password whenever a mechanism is set.
  const sasl = mechanism && username !== undefined && password !== undefined ? { mechanism, username, password } : undefined;
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    ssl: env.KAFKA_SSL,
    ...(sasl ? { sasl } : {}),
    idempotent: env.KAFKA_IDEMPOTENT,
  };
}
