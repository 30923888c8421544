import { incidentTopic, slaTopic } from '@itsm/contracts';
import { Clock, SystemClock } from '@itsm/platform/config';
import type { EventBus } from '@itsm/platform/messaging';
import { EVENT_BUS } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, ContextPersistenceModule } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { TopicDefinition } from '@itsm/contracts';
import type { Logger } from 'pino';
import { ClockProjector } from './application/clock-projector';
import { ImportSlaHolidaysHandler } from './application/commands/import-sla-holidays/import-sla-holidays.handler';
import { RecomputeOpenClocksHandler } from './application/commands/recompute-open-clocks/recompute-open-clocks.handler';
import { RepairSlaClocksHandler } from './application/commands/repair-sla-clocks/repair-sla-clocks.handler';
import { SaveSlaCalendarHandler } from './application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from './application/commands/save-sla-definition/save-sla-definition.handler';
import { FollowCallerTimeZoneHandler } from './application/commands/follow-caller-time-zone/follow-caller-time-zone.handler';
import { SetSlaTimeZoneHandler } from './application/commands/set-sla-time-zone/set-sla-time-zone.handler';
import { TrackTicketHandler } from './application/commands/track-ticket/track-ticket.handler';
import { SlaCalendarsHandler } from './application/queries/sla-calendars/sla-calendars.handler';
import { SlaDefinitionsHandler } from './application/queries/sla-definitions/sla-definitions.handler';
import { SlaDryRunHandler } from './application/queries/sla-dry-run/sla-dry-run.handler';
import { TicketClocksHandler } from './application/queries/ticket-clocks/ticket-clocks.handler';
import { SlaPolicySet } from './application/sla-policy-set';
import { SLA_TIMERS } from './application/sla-timers.port';
import { SLA_CONNECTION, SLA_SETTINGS } from './application/sla.tokens';
import type { SlaSettings } from './application/sla.tokens';
import { SlaTimerService } from './application/timers/sla-timer.service';
import { FulfilmentTaskSlasResolver, FulfilmentTaskViewSlasResolver, IncidentSlasResolver, RequestedItemSlasResolver, ServiceRequestSlasResolver } from './graphql/ticket-slas.resolver';
import { RequestSlasResolver } from './graphql/request-slas.resolver';
import { SlaPolicyCommandResolver } from './graphql/sla-policy-command.resolver';
import { SlaPolicyQueryResolver } from './graphql/sla-policy-query.resolver';
import { DirectoryEventsConsumer } from './messaging/directory-events.consumer';
import { TicketEventsConsumer } from './messaging/ticket-events.consumer';
import { SlaPolicyRepository, SlaFiringRepository, SlaPolicyStore, SlaTicketRepository, slaTicketRepository, SlaTicketStore, SlaTimeZoneStore } from './persistence';

export interface SlaModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: SlaSettings;
}

/** Loads the policy set before traffic, keeps it current, re-derives owned clocks when it changes, runs the timers. */
@Injectable()
class SlaLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Notices policy changes saved through another replica. */
  private readonly policyPoll: PeriodicJob;

  constructor(
    @Inject(SlaPolicySet) private readonly policySet: SlaPolicySet,
    @Inject(SLA_TIMERS) private readonly timers: SlaTimerService,
    @Inject(RecomputeOpenClocksHandler) private readonly recompute: RecomputeOpenClocksHandler,
    @Inject(SLA_SETTINGS) settings: SlaSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    this.policyPoll = new PeriodicJob({
      name: 'SLA policy poll',
      everyMs: settings.policyPollMs,
      run: () => this.policySet.refresh(),
      logger,
      failureLevel: 'warn',
      failureMessage: 'SLA policy set refresh failed; retrying',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.policySet.refresh();
    this.policySet.onChange(async () => {
      const count = await this.recompute.execute({ partitions: this.timers.ownedPartitions() });
      this.logger.info({ tickets: count }, 'SLA policy set changed: open tickets re-derived');
    });
    this.timers.start();
    this.policyPoll.start();
  }

  /** Before the connection closes (ContextPersistenceModule's hook runs after this module's). */
  async onApplicationShutdown(): Promise<void> {
    await this.policyPoll.stop();
    await this.timers.stop();
  }
}

/**
 * The SLA bounded context: follows ticket events into clocks derived from history, runs warning and
 * breach timers for the partitions it owns, serves `Incident.slas` and the admin policy set.
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
        contextRepository(SlaPolicyRepository, (c) => new SlaPolicyRepository(c), SlaPolicyRepository.indexes),
        slaTicketRepository,
        contextRepository(SlaFiringRepository, (c) => new SlaFiringRepository(c), SlaFiringRepository.indexes),
      ],
    });
    return {
      module: SlaModule,
      imports: [persistence],
      controllers: [TicketEventsConsumer, DirectoryEventsConsumer],
      providers: [
        { provide: SLA_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        { provide: SlaPolicyStore, useExisting: SlaPolicyRepository },
        { provide: SlaTimeZoneStore, useExisting: SlaPolicyRepository },
        { provide: SlaTicketStore, useExisting: SlaTicketRepository },
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
        SlaPolicySet,
        ClockProjector,
        TrackTicketHandler,
        RecomputeOpenClocksHandler,
        RepairSlaClocksHandler,
        SaveSlaCalendarHandler,
        ImportSlaHolidaysHandler,
        SaveSlaDefinitionHandler,
        SetSlaTimeZoneHandler,
        FollowCallerTimeZoneHandler,
        TicketClocksHandler,
        SlaDryRunHandler,
        SlaCalendarsHandler,
        SlaDefinitionsHandler,
        SlaLifecycle,
        IncidentSlasResolver,
        ServiceRequestSlasResolver,
        RequestedItemSlasResolver,
        FulfilmentTaskSlasResolver,
        FulfilmentTaskViewSlasResolver,
        RequestSlasResolver,
        SlaPolicyQueryResolver,
        SlaPolicyCommandResolver,
      ],
      exports: [SaveSlaCalendarHandler, ImportSlaHolidaysHandler, SaveSlaDefinitionHandler, SLA_TIMERS, SlaPolicySet, persistence],
    };
  }
}
