import type { TopicDefinition, TopicRegistry } from '@itsm/contracts';
import { HealthRegistry, MetricsRegistry, PINO_LOGGER } from '@itsm/platform/observability';
import { OUTBOX_REGISTRY } from '@itsm/platform/persistence';
import type { OutboxStore } from '@itsm/platform/persistence';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, DynamicModule, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventBus } from '../event-bus';
import { InProcessEventBus } from '../in-process/in-process-event-bus';
import { KafkaEventBus } from '../kafka/kafka-event-bus';
import type { KafkaConnectionSettings, KafkaConsumerSettings } from '../kafka/kafka-event-bus';
import { messagingMetrics, withEventCorrelation } from '../messaging-observability';
import { DEFAULT_OUTBOX_RELAY_SETTINGS, OutboxRelay } from '../outbox/outbox-relay';
import type { OutboxRelaySettings } from '../outbox/outbox-relay';

export const EVENT_BUS = Symbol('EVENT_BUS');
const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingModuleOptions {
  readonly registry: TopicRegistry;
  /** Kafka when brokers are configured (microservices mode); the in-process bus otherwise. */
  readonly kafka?: KafkaConnectionSettings;
  readonly consumer?: Partial<KafkaConsumerSettings>;
  readonly outbox?: OutboxRelaySettings;
  /**
   * A bus owned by the caller (the all-in-one mode shares one in-process bus among its services):
   * used instead of building one, and closed by its owner, not by this module.
   */
  readonly bus?: EventBus<readonly TopicDefinition[]>;
}

/**
 * The outbox relay of this process: context modules register their aggregate collections' stores
 * and hand `notify` to their repositories; it runs from bootstrap until shutdown begins.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly stores: OutboxStore[] = [];
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus<readonly TopicDefinition[]>,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  register(store: OutboxStore): void {
    if (this.relay !== undefined) throw new Error('outbox stores must be registered before the application starts');
    this.stores.push(store);
  }

  /** Wakes the relay after a commit (pass to repositories as their afterCommit). */
  readonly notify = (): void => this.relay?.notify();

  onApplicationBootstrap(): void {
    this.relay = new OutboxRelay(this.stores, this.bus, this.options.outbox ?? DEFAULT_OUTBOX_RELAY_SETTINGS, (error) =>
      this.logger.error({ err: error }, 'outbox relay round failed; retrying at the next poll'),
      this.options.registry,
    );
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

@Injectable()
class MessagingLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus<readonly TopicDefinition[]>,
    private readonly health: HealthRegistry,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  onModuleInit(): void {
    this.health.register({ name: 'event-bus', check: () => this.bus.isHealthy() });
  }

  /** Last: consumers finish in-flight events, commit, and disconnect. */
  async onApplicationShutdown(): Promise<void> {
    if (this.options.bus === undefined) await this.bus.close();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: EVENT_BUS,
          inject: [MetricsRegistry, PINO_LOGGER],
          useFactory: (metrics: MetricsRegistry, logger: Logger): EventBus<readonly TopicDefinition[]> => {
            if (options.bus) return options.bus;
            const common = {
              observer: messagingMetrics(metrics),
              around: withEventCorrelation,
              onError: (error: unknown, context: string) => logger.error({ err: error }, context),
            };
            return options.kafka
              ? new KafkaEventBus(options.registry, { connection: options.kafka, ...(options.consumer ? { consumer: options.consumer } : {}), ...common })
              : new InProcessEventBus(options.registry, common);
          },
        },
        OutboxRelayService,
        { provide: OUTBOX_REGISTRY, useExisting: OutboxRelayService },
        MessagingLifecycle,
      ],
      exports: [EVENT_BUS, OutboxRelayService, OUTBOX_REGISTRY],
    };
  }
}
