import { incidentTopic, slaTopic } from '@itsm/contracts';
import { Clock, SystemClock } from '@itsm/platform/config';
import type { EventBus } from '@itsm/platform/messaging';
import { EVENT_BUS } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, ContextPersistenceModule } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { TopicDefinition } from '@itsm/contracts';
import type { Logger } from 'pino';
import { ClockProjector } from './application/clock-projector';
import { ManageSlaCatalogHandler } from './application/commands/manage-catalog/manage-sla-catalog.handler';
import { RecomputeClocksHandler } from './application/commands/recompute-clocks.handler';
import { TrackTicketHandler } from './application/commands/track-ticket/track-ticket.handler';
import { DryRunHandler } from './application/queries/dry-run.handler';
import { TicketClocksHandler } from './application/queries/ticket-clocks.handler';
import { SlaCatalog } from './application/sla-catalog';
import { SLA_TIMERS } from './application/sla-timer.token';
import { SLA_CONNECTION, SLA_SETTINGS } from './application/sla-tokens';
import type { SlaSettings } from './application/sla-tokens';
import { SlaTimerService } from './application/timers/sla-timer.service';
import { IncidentSlasResolver } from './graphql/incident-slas.resolver';
import { SlaCatalogResolver } from './graphql/sla-catalog.resolver';
import { IncidentEventsConsumer } from './messaging/incident-events.consumer';
import { SlaCatalogRepository, SlaFiringRepository, SlaTicketRepository } from './persistence';

export interface SlaModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: SlaSettings;
}

/** Loads the catalogue before traffic, keeps it current, re-derives owned clocks when it changes, runs the timers. */
@Injectable()
class SlaLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private poll: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SlaCatalog) private readonly catalog: SlaCatalog,
    @Inject(SLA_TIMERS) private readonly timers: SlaTimerService,
    @Inject(RecomputeClocksHandler) private readonly recompute: RecomputeClocksHandler,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.catalog.refresh();
    this.catalog.onChange(async () => {
      const count = await this.recompute.recomputeOpen(this.timers.ownedPartitions());
      this.logger.info({ tickets: count }, 'SLA catalogue changed: open tickets re-derived');
    });
    this.timers.start();
    this.poll = setInterval(() => {
      this.catalog.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'SLA catalogue refresh failed; retrying'));
    }, this.settings.catalogPollMs);
    this.poll.unref();
  }

  /** Before the connection closes (ContextPersistenceModule's hook runs after this module's). */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.poll);
    await this.timers.stop();
  }
}

/**
 * The SLA bounded context: follows ticket events into clocks derived from history, runs warning and
 * breach timers for the partitions it owns, serves `Incident.slas` and the admin catalogue.
 * Needs MessagingModule (EVENT_BUS), ObservabilityModule and AuthModule.
 */
@Module({})
export class SlaModule {
  static forRoot(options: SlaModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'sla',
      mongo: options.mongo,
      connection: SLA_CONNECTION,
      repositories: [
        contextRepository(SlaCatalogRepository, (c) => new SlaCatalogRepository(c)),
        contextRepository(SlaTicketRepository, (c) => new SlaTicketRepository(c)),
        contextRepository(SlaFiringRepository, (c) => new SlaFiringRepository(c)),
      ],
    });
    return {
      module: SlaModule,
      imports: [persistence],
      controllers: [IncidentEventsConsumer],
      providers: [
        { provide: SLA_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        {
          provide: SLA_TIMERS,
          inject: [SlaTicketRepository, SlaFiringRepository, EVENT_BUS, Clock, PINO_LOGGER],
          useFactory: (tickets: SlaTicketRepository, firings: SlaFiringRepository, bus: EventBus<readonly TopicDefinition[]>, clock: Clock, logger: Logger) =>
            new SlaTimerService({
              tickets,
              firings,
              publish: (envelopes) => bus.publishEnvelopes(slaTopic.name, envelopes),
              clock,
              settings: options.settings,
              logger,
              ticketTopic: incidentTopic.name,
            }),
        },
        SlaCatalog,
        ClockProjector,
        TrackTicketHandler,
        RecomputeClocksHandler,
        ManageSlaCatalogHandler,
        TicketClocksHandler,
        DryRunHandler,
        SlaLifecycle,
        IncidentSlasResolver,
        SlaCatalogResolver,
      ],
      exports: [ManageSlaCatalogHandler, SLA_TIMERS, SlaCatalog, persistence],
    };
  }
}
