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
import { ProposeImprovementHandler } from './application/commands/propose-improvement/propose-improvement.handler';
import { SetImprovementStatusHandler } from './application/commands/set-improvement-status/set-improvement-status.handler';
import { ImprovementMeasurer } from './application/improvement-measurer';
import { ImprovementStore } from './application/improvement-store.port';
import { ImprovementInitiativesHandler } from './application/queries/improvement-initiatives/improvement-initiatives.handler';
import { ImprovementResolver } from './graphql/improvement.resolver';
import { IncidentReportResolver } from './graphql/incident-report.resolver';
import { ReportExportController } from './http/report-export.controller';
import { IncidentEventsConsumer } from './messaging/incident-events.consumer';
import { IncidentFactRepository } from './persistence/incident-fact.repository';
import { ImprovementRepository } from './persistence/improvement.repository';
import { IncidentRollupRepository } from './persistence/incident-rollup.repository';
import type { ReportingSettings } from './reporting-env';

export const REPORTING_CONNECTION = Symbol('REPORTING_CONNECTION');
export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');

export interface ReportingModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: ReportingSettings;
}

/** Makes the rollups of the days changed facts touched, every REPORTING_ROLLUP_MS, on every replica (a day's making is idempotent). */
@Injectable()
class RollupJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;
  /** Dirty facts taken by the next round. */
  private round: number;

  constructor(rollups: IncidentRollups, @Inject(REPORTING_SETTINGS) settings: ReportingSettings, @Inject(PINO_LOGGER) logger: Logger) {
    this.round = settings.rollupBatch;
    this.job = new PeriodicJob({
      name: 'reporting rollups',
      everyMs: settings.rollupEveryMs,
      // Catching up (a round found as many dirty facts as it took): the next round takes 4 times more, up to 50,000, so a day is made once for many facts.
      run: async () => {
        const taken = await rollups.roll(this.round);
        this.round = taken === this.round ? Math.min(this.round * 4, Math.max(settings.rollupBatch, 50_000)) : settings.rollupBatch;
      },
      logger,
      failureLevel: 'warn',
      failureMessage: 'reporting: making the incident rollups failed; retrying',
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
        contextRepository(ImprovementRepository, (c) => new ImprovementRepository(c), ImprovementRepository.indexes),
      ],
    });
    return {
      module: ReportingModule,
      imports: [persistence],
      controllers: [IncidentEventsConsumer, ReportExportController],
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
        { provide: ImprovementStore, useExisting: ImprovementRepository },
        ImprovementMeasurer,
        ProposeImprovementHandler,
        SetImprovementStatusHandler,
        ImprovementInitiativesHandler,
        ImprovementResolver,
      ],
      exports: [IncidentProjector, IncidentRollups, IncidentReports, persistence],
    };
  }
}
