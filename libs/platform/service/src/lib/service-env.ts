import type { TopicDefinition } from '@itsm/contracts';
import { AuthEnv, toAuthSettings } from '@itsm/platform/auth';
import type { AuthSettings } from '@itsm/platform/auth';
import { ConfigError, envSchema, httpEnv, KafkaEnv, loadConfig, MongoEnv, toHttpSettings, toKafkaConsumerTiming, toKafkaSettings, toMongoSettings } from '@itsm/platform/config';
import type { ConfigProblem, Env, HttpEnv, LogLevel, MongoSettings, NodeEnv } from '@itsm/platform/config';
import type { EventBus, KafkaConnectionSettings, KafkaConsumerSettings } from '@itsm/platform/messaging';
import type { Static, TObject } from '@sinclair/typebox';
import type { DestinationStream } from 'pino';
import type { ContextDeclaration } from './context-declaration';

/** What every service process reads besides its context's own fragment. */
export const SERVICE_ENV_FRAGMENTS = [KafkaEnv, MongoEnv, AuthEnv] as const;

/** A microservice refuses to start without these (unset, the fragments mean the all-in-one's in-process bus and embedded store). */
export const MICROSERVICE_REQUIRED_ENV = ['KAFKA_BROKERS', 'MONGO_URL'] as const;

/** What the kit's fragments give every service process. */
export type ServiceEnv = HttpEnv & KafkaEnv & MongoEnv & AuthEnv;

/**
 * Loads and validates a context's process environment: the kit's fragments and the context's own,
 * every problem of both reported at once (ConfigError). `source` defaults to the process's.
 */
export function loadServiceEnv<E extends TObject>(declaration: Pick<ContextDeclaration<E>, 'defaultPort' | 'env'>, source?: Env): ServiceEnv & Static<E> {
  const problems: ConfigProblem[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error: unknown) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const base = attempt(() => loadConfig(envSchema(httpEnv(declaration.defaultPort), ...SERVICE_ENV_FRAGMENTS), source));
  const own = attempt(() => loadConfig(declaration.env, source));
  if (base === undefined || own === undefined) throw new ConfigError(problems);
  return { ...base, ...own };
}

/** What the process gives each context it runs (the same in both modes; the all-in-one shares its bus). */
export interface ContextRuntime {
  readonly nodeEnv: NodeEnv;
  readonly logLevel: LogLevel;
  readonly mongo: MongoSettings;
  readonly auth: AuthSettings;
  /** Kafka in microservices mode; otherwise `bus` (the all-in-one's shared bus). */
  readonly kafka?: KafkaConnectionSettings;
  readonly consumer?: Partial<KafkaConsumerSettings>;
  readonly bus?: EventBus<readonly TopicDefinition[]>;
  /** Defaults to stdout. */
  readonly logDestination?: DestinationStream;
}

/** The runtime of a microservice from its validated environment (Kafka and MongoDB required before). */
export function microserviceRuntime(env: ServiceEnv): ContextRuntime {
  const http = toHttpSettings(env);
  const kafka = toKafkaSettings(env);
  return {
    nodeEnv: http.nodeEnv,
    logLevel: http.logLevel,
    mongo: toMongoSettings(env),
    auth: toAuthSettings(env, http.nodeEnv),
    kafka: { ...kafka, brokers: kafka.brokers ?? [] },
    consumer: toKafkaConsumerTiming(env),
  };
}

/** The context's own settings and demo switch from the process environment. */
export function contextSettings<E extends TObject, S>(declaration: ContextDeclaration<E, S>, env: Static<E>, host: { readonly hostname: string }): { settings: S; demo: boolean } {
  return { settings: declaration.settings(env, host), demo: declaration.demo?.enabled(env) ?? false };
}
