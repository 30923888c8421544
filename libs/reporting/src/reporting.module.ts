import { Clock, SystemClock } from '@itsm/platform/config';
import type { TopicDefinition } from '@itsm/contracts';
import { EVENT_BUS } from '@itsm/platform/messaging';
import type { EventBus } from '@itsm/platform/messaging';
import { HealthRegistry, PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, ContextPersistenceModule } from '@itsm/platform/persistence';
import type { CollectionIndexes, MongoSettings } from '@itsm/platform/persistence';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { ChangeFactStore, IncidentChangeLinkStore, RequestFactStore, UnauthorisedChangeStore } from './application/change-request-projection.ports';
import { ChangeRequestProjector } from './application/change-request-projector';
import { ChangeRequestReports } from './application/change-request-reports';
import { IncidentFactStore, IncidentRollupStore } from './application/incident-projection.ports';
import { IncidentProjector, IncidentRollups } from './application/incident-projector';
import { IncidentReports } from './application/incident-reports';
import { SlaClockProjector, SlaDays } from './application/sla-clock-projector';
import { SlaClockStore, SlaDayStore } from './application/sla-projection.ports';
import { SlaReports } from './application/sla-reports';
import { ProposeImprovementHandler } from './application/commands/propose-improvement/propose-improvement.handler';
import { SetImprovementStatusHandler } from './application/commands/set-improvement-status/set-improvement-status.handler';
import { ImprovementMeasurer } from './application/improvement-measurer';
import { ImprovementStore } from './application/improvement-store.port';
import { ImprovementInitiativesHandler } from './application/queries/improvement-initiatives/improvement-initiatives.handler';
import { ImprovementResolver } from './graphql/improvement.resolver';
import { ChangeRequestReportResolver } from './graphql/change-request-report.resolver';
import { IncidentReportResolver } from './graphql/incident-report.resolver';
import { SlaReportResolver } from './graphql/sla-report.resolver';
import { ReportExportController } from './http/report-export.controller';
import { ChangeEventsConsumer } from './messaging/change-events.consumer';
import { IncidentEventsConsumer } from './messaging/incident-events.consumer';
import { RequestEventsConsumer } from './messaging/request-events.consumer';
import { SlaEventsConsumer } from './messaging/sla-events.consumer';
import { SupplierExchangeEventsConsumer } from './messaging/supplier-exchange-events.consumer';
import { ChangeFactRepository, IncidentChangeLinkRepository, UnauthorisedChangeRepository } from './persistence/change-fact.repository';
import { RequestFactRepository } from './persistence/request-fact.repository';
import { IncidentFactRepository } from './persistence/incident-fact.repository';
import { ImprovementRepository } from './persistence/improvement.repository';
import { IncidentRollupRepository } from './persistence/incident-rollup.repository';
import { dropEarlierGenerations, generationIndexes, generationSource, reportingConsumerGroup } from './persistence/projection-generation';
import type { CollectionSource } from './persistence/projection-generation';
import { SlaClockRepository } from './persistence/sla-clock.repository';
import { SlaDayRepository } from './persistence/sla-day.repository';
import { SupplierRejectionRepository } from './persistence/supplier-rejection.repository';
import { SupplierRejectionStore } from './application/supplier-rejection-store.port';
import { SupplierRejections } from './application/supplier-rejections';
import type { ReportingSettings } from './reporting-env';

export const REPORTING_CONNECTION = Symbol('REPORTING_CONNECTION');
export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');
const REPORTING_GENERATION = Symbol('REPORTING_GENERATION');

export interface ReportingModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: ReportingSettings;
  /** The projections' generation (PROJECTION_GENERATION): their collections' suffix. */
  readonly generation: number;
}

/** On start, drops the projection collections of generations older than the one before this one. */
@Injectable()
class EarlierGenerationsCleanup implements OnApplicationBootstrap {
  constructor(
    @Inject(REPORTING_CONNECTION) private readonly connection: Connection,
    @Inject(REPORTING_GENERATION) private readonly generation: number,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dropped = await dropEarlierGenerations(this.connection, this.generation);
    if (dropped.length > 0) this.logger.info({ dropped, generation: this.generation }, 'reporting: dropped the projections of earlier generations');
  }
}

/** Makes the rollups of the days changed facts touched (incidents, then SLA compliance days), every REPORTING_ROLLUP_MS, on every replica (a day's making is idempotent). */
@Injectable()
class RollupJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;
  /** Dirty facts taken by the next round. */
  private round: number;
  /** Rounds started; the round before whose rolls the group was first seen caught up; whether a round since drained the rollups. */
  private started = 0;
  private caughtUpAfter: number | null = null;
  private made = false;

  constructor(
    rollups: IncidentRollups,
    slaDays: SlaDays,
    @Inject(REPORTING_SETTINGS) settings: ReportingSettings,
    @Inject(REPORTING_GENERATION) private readonly generation: number,
    @Inject(EVENT_BUS) private readonly bus: EventBus<readonly TopicDefinition[]>,
    private readonly health: HealthRegistry,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.round = settings.rollupBatch;
    this.job = new PeriodicJob({
      name: 'reporting rollups',
      everyMs: settings.rollupEveryMs,
      // Each independent of the other's failure (the first failure is reported). Catching up (a round found as many
      // dirty facts as it took): the next incident round takes 4 times more, up to 50,000, so a day is made once for many facts.
      run: async () => {
        const round = ++this.started;
        // Seen caught up before this round's rolls began: a drained round then means the rollups are made.
        if (this.caughtUpAfter === null && (await this.bus.caughtUp(reportingConsumerGroup(this.generation)))) this.caughtUpAfter = round;
        const taken = this.round;
        const [incidents, sla] = await Promise.allSettled([rollups.roll(taken), slaDays.roll(settings.rollupBatch)]);
        this.round = incidents.status === 'fulfilled' && incidents.value === taken ? Math.min(taken * 4, Math.max(settings.rollupBatch, 50_000)) : settings.rollupBatch;
        // Drained: a round begun after the group caught up took less than it could (what is left arrived since: live traffic).
        const drained = incidents.status === 'fulfilled' && incidents.value < taken && sla.status === 'fulfilled' && sla.value < settings.rollupBatch;
        if (drained && this.caughtUpAfter !== null) this.made = true;
        const failed = [incidents, sla].find((r) => r.status === 'rejected');
        if (failed !== undefined) throw failed.reason;
      },
      logger,
      failureLevel: 'warn',
      failureMessage: 'reporting: making the incident rollups or SLA compliance days failed; retrying',
    });
  }

  /**
   * Ready once the generation's group has read the streams AND a rollup round begun after that
   * drained the dirty facts and days: reports read the rollups, so a rebuilding generation must not
   * answer before they are made (the kit's projection-caught-up check covers the facts only).
   */
  private rollupsMade(): boolean {
    return this.made;
  }

  onApplicationBootstrap(): void {
    this.health.register({ name: 'reporting-rollups-made', check: () => this.rollupsMade() });
    this.job.start();
  }

  /** Before the connection closes (ContextPersistenceModule's hook runs after this module's). */
  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}

/**
 * Reporting: follows the incident stream into its own facts and day rollups (never another
 * context's database) and answers reports, the backlog and supplier scorecards.
 * Needs MessagingModule (the bus), ObservabilityModule and AuthModule.
 */
@Module({})
export class ReportingModule {
  static forRoot(options: ReportingModuleOptions): DynamicModule {
    // The projections' collections carry their generation (a rebuild lands beside the running one); the register does not.
    const projection = <R>(provide: abstract new (...args: never[]) => R, create: (source: CollectionSource) => R, indexes: readonly CollectionIndexes[]) =>
      contextRepository(provide, (c) => create(generationSource(c, options.generation)), generationIndexes(indexes, options.generation));
    const persistence = ContextPersistenceModule.forRoot({
      context: 'reporting',
      mongo: options.mongo,
      connection: REPORTING_CONNECTION,
      repositories: [
        projection(IncidentFactRepository, (c) => new IncidentFactRepository(c), IncidentFactRepository.indexes),
        projection(IncidentRollupRepository, (c) => new IncidentRollupRepository(c), IncidentRollupRepository.indexes),
        projection(SlaClockRepository, (c) => new SlaClockRepository(c), SlaClockRepository.indexes),
        projection(SlaDayRepository, (c) => new SlaDayRepository(c), SlaDayRepository.indexes),
        projection(SupplierRejectionStore, (c) => new SupplierRejectionRepository(c), SupplierRejectionRepository.indexes),
        contextRepository(ImprovementRepository, (c) => new ImprovementRepository(c), ImprovementRepository.indexes),
        projection(ChangeFactStore, (c) => new ChangeFactRepository(c), ChangeFactRepository.indexes),
        projection(UnauthorisedChangeStore, (c) => new UnauthorisedChangeRepository(c), UnauthorisedChangeRepository.indexes),
        projection(IncidentChangeLinkStore, (c) => new IncidentChangeLinkRepository(c), IncidentChangeLinkRepository.indexes),
        projection(RequestFactStore, (c) => new RequestFactRepository(c), RequestFactRepository.indexes),
      ],
    });
    return {
      module: ReportingModule,
      imports: [persistence],
      controllers: [IncidentEventsConsumer, SlaEventsConsumer, ChangeEventsConsumer, RequestEventsConsumer, SupplierExchangeEventsConsumer, ReportExportController],
      providers: [
        { provide: REPORTING_SETTINGS, useValue: options.settings },
        { provide: REPORTING_GENERATION, useValue: options.generation },
        EarlierGenerationsCleanup,
        { provide: Clock, useClass: SystemClock },
        { provide: IncidentFactStore, useExisting: IncidentFactRepository },
        { provide: IncidentRollupStore, useExisting: IncidentRollupRepository },
        IncidentProjector,
        IncidentRollups,
        IncidentReports,
        SupplierRejections,
        RollupJob,
        IncidentReportResolver,
        { provide: SlaClockStore, useExisting: SlaClockRepository },
        { provide: SlaDayStore, useExisting: SlaDayRepository },
        SlaClockProjector,
        SlaDays,
        SlaReports,
        SlaReportResolver,
        { provide: ImprovementStore, useExisting: ImprovementRepository },
        ImprovementMeasurer,
        ProposeImprovementHandler,
        SetImprovementStatusHandler,
        ImprovementInitiativesHandler,
        ImprovementResolver,
        ChangeRequestProjector,
        ChangeRequestReports,
        ChangeRequestReportResolver,
      ],
      exports: [IncidentProjector, IncidentRollups, IncidentReports, SlaClockProjector, SlaDays, SlaReports, ChangeRequestProjector, ChangeRequestReports, persistence],
    };
  }
}
