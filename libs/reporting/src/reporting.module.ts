import { Clock, SystemClock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { contextRepository, ContextPersistenceModule } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
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
import { IncidentReportResolver } from './graphql/incident-report.resolver';
import { SlaReportResolver } from './graphql/sla-report.resolver';
import { ReportExportController } from './http/report-export.controller';
import { IncidentEventsConsumer } from './messaging/incident-events.consumer';
import { SlaEventsConsumer } from './messaging/sla-events.consumer';
import { IncidentFactRepository } from './persistence/incident-fact.repository';
import { ImprovementRepository } from './persistence/improvement.repository';
import { IncidentRollupRepository } from './persistence/incident-rollup.repository';
import { SlaClockRepository } from './persistence/sla-clock.repository';
import { SlaDayRepository } from './persistence/sla-day.repository';
import type { ReportingSettings } from './reporting-env';

export const REPORTING_CONNECTION = Symbol('REPORTING_CONNECTION');
export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');

export interface ReportingModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: ReportingSettings;
}

/** Makes the rollups of the days changed facts touched (incidents, then SLA compliance days), every REPORTING_ROLLUP_MS, on every replica (a day's making is idempotent). */
@Injectable()
class RollupJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(rollups: IncidentRollups, slaDays: SlaDays, @Inject(REPORTING_SETTINGS) settings: ReportingSettings, @Inject(PINO_LOGGER) logger: Logger) {
    this.job = new PeriodicJob({
      name: 'reporting rollups',
      everyMs: settings.rollupEveryMs,
      // Each independent of the other's failure (the first failure is reported).
      run: async () => {
        const failed = (await Promise.allSettled([rollups.roll(settings.rollupBatch), slaDays.roll(settings.rollupBatch)])).find((r) => r.status === 'rejected');
        if (failed !== undefined) throw failed.reason;
      },
      logger,
      failureLevel: 'warn',
      failureMessage: 'reporting: making the incident rollups or SLA compliance days failed; retrying',
    });
  }

  onApplicationBootstrap(): void {
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
    const persistence = ContextPersistenceModule.forRoot({
      context: 'reporting',
      mongo: options.mongo,
      connection: REPORTING_CONNECTION,
      repositories: [
        contextRepository(IncidentFactRepository, (c) => new IncidentFactRepository(c), IncidentFactRepository.indexes),
        contextRepository(IncidentRollupRepository, (c) => new IncidentRollupRepository(c), IncidentRollupRepository.indexes),
        contextRepository(SlaClockRepository, (c) => new SlaClockRepository(c), SlaClockRepository.indexes),
        contextRepository(SlaDayRepository, (c) => new SlaDayRepository(c), SlaDayRepository.indexes),
        contextRepository(ImprovementRepository, (c) => new ImprovementRepository(c), ImprovementRepository.indexes),
      ],
    });
    return {
      module: ReportingModule,
      imports: [persistence],
      controllers: [IncidentEventsConsumer, SlaEventsConsumer, ReportExportController],
      providers: [
        { provide: REPORTING_SETTINGS, useValue: options.settings },
        { provide: Clock, useClass: SystemClock },
        { provide: IncidentFactStore, useExisting: IncidentFactRepository },
        { provide: IncidentRollupStore, useExisting: IncidentRollupRepository },
        IncidentProjector,
        IncidentRollups,
        IncidentReports,
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
      ],
      exports: [IncidentProjector, IncidentRollups, IncidentReports, SlaClockProjector, SlaDays, SlaReports, persistence],
    };
  }
}
