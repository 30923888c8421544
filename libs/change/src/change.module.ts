import { changeTopic } from '@itsm/contracts';
import { Clock, SystemClock } from '@itsm/platform/config';
import { contextRepository, ContextPersistenceModule, NumberSequenceRepository, outboxRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ChangeAccessService } from './application/change-access.service';
import { ChangeCommandRunner } from './application/change-command-runner';
import { ChangeReferences } from './application/change-references.service';
import { CalendarMaintenanceCoverage, ChangeCalendarService, ChangeScheduleService, ScheduleGuardedChangeStore } from './application/calendar';
import { MaintenanceCoverage } from './application/ports/maintenance-coverage.port';
import { CHANGE_COMMAND_HANDLERS } from './application/commands';
import { CALENDAR_COMMAND_HANDLERS } from './application/commands/calendar-commands';
import { BlackoutWindowStore, MaintenanceWindowStore } from './application/ports/calendar-stores.port';
import { ConfigurationItems } from './application/ports/change-references.port';
import { ChangeNumbers, ChangeReads, ChangeStore, TemplateStore } from './application/ports/change-store.port';
import { CALENDAR_QUERY_HANDLERS, CHANGE_QUERY_HANDLERS } from './application/queries';
import { CHANGE_APPROVAL_HANDLERS, CHANGE_APPROVAL_PROVIDERS, CHANGE_APPROVAL_REPOSITORIES } from './change-approvals';
import { CHANGE_PROJECTION_CONSUMERS, CHANGE_PROJECTION_PROVIDERS, CHANGE_PROJECTION_REPOSITORIES } from './change-projections';
import { CHANGE_RISK_CAB_CONSUMERS, CHANGE_RISK_CAB_HANDLERS, CHANGE_RISK_CAB_PROVIDERS, CHANGE_RISK_CAB_REPOSITORIES } from './change-risk-cab';
import type { ChangeSettings } from './change-env';
import { ChangeGateModule } from './gate-http/change-gate.module';
import { CALENDAR_RESOLVERS, CHANGE_RESOLVERS } from './graphql';
import { BlackoutWindowRepository, ChangeRepository, ChangeTemplateRepository, changeSchema, MaintenanceWindowRepository } from './persistence';
import { GATE_REPOSITORIES } from './persistence/gate';
import { UNAUTHORISED_CHANGE_PROVIDERS, unauthorisedChangeRepository } from './unauthorised-changes';

export const CHANGE_CONNECTION = Symbol('CHANGE_CONNECTION');

export interface ChangeModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: ChangeSettings;
}

/**
 * Change enablement: its own database (`<prefix>_change`), changes written with their outbox events
 * and audit chain in one document, templates, CHG numbers (the platform's number sequence), the
 * projections of the CMDB and directory it checks references against, one handler per verb, the
 * GraphQL resolvers and the consumers, the deployment gate (ChangeGateModule). Needs MessagingModule, ObservabilityModule and AuthModule.
 * Exports the command handlers (approval engine and CAB call AuthoriseChangeHandler/RejectChangeHandler),
 * the reads and the persistence (other lanes' repositories share the connection).
 */
@Module({})
export class ChangeModule {
  static forRoot(options: ChangeModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'change',
      mongo: options.mongo,
      connection: CHANGE_CONNECTION,
      repositories: [
        outboxRepository(ChangeRepository, { model: 'Change', schema: changeSchema, topic: changeTopic.name }, (model, notify) => new ChangeRepository(model, notify)),
        contextRepository(ChangeTemplateRepository, (c) => new ChangeTemplateRepository(c), ChangeTemplateRepository.indexes),
        contextRepository(NumberSequenceRepository, (c) => new NumberSequenceRepository(c), NumberSequenceRepository.indexes),
        contextRepository(MaintenanceWindowRepository, (c) => new MaintenanceWindowRepository(c), MaintenanceWindowRepository.indexes),
        contextRepository(BlackoutWindowRepository, (c) => new BlackoutWindowRepository(c), BlackoutWindowRepository.indexes),
        ...CHANGE_PROJECTION_REPOSITORIES,
        unauthorisedChangeRepository(),
        ...CHANGE_APPROVAL_REPOSITORIES,
        ...CHANGE_RISK_CAB_REPOSITORIES,
        ...GATE_REPOSITORIES,
      ],
    });
    return {
      module: ChangeModule,
      // Global within its app: the gate's module it imports uses its exports (reads, runner, clock, CMDB projection).
      global: true,
      imports: [persistence, ChangeGateModule.forRoot(options.settings)],
      controllers: [...CHANGE_PROJECTION_CONSUMERS, ...CHANGE_RISK_CAB_CONSUMERS],
      providers: [
        { provide: Clock, useClass: SystemClock },
        // Every change write goes through the calendar's guard (CHANGE.BLACKOUT) and updates the schedule index.
        {
          provide: ChangeStore,
          useFactory: (inner: ChangeRepository, calendar: ChangeCalendarService, schedule: ChangeScheduleService) => new ScheduleGuardedChangeStore(inner, calendar, schedule),
          inject: [ChangeRepository, ChangeCalendarService, ChangeScheduleService],
        },
        { provide: MaintenanceWindowStore, useExisting: MaintenanceWindowRepository },
        { provide: BlackoutWindowStore, useExisting: BlackoutWindowRepository },
        ChangeCalendarService,
        ChangeScheduleService,
        // The risk rule outside_maintenance_window asks the calendar.
        { provide: MaintenanceCoverage, useClass: CalendarMaintenanceCoverage },
        { provide: ChangeReads, useExisting: ChangeRepository },
        { provide: TemplateStore, useExisting: ChangeTemplateRepository },
        { provide: ChangeNumbers, useExisting: NumberSequenceRepository },
        ...CHANGE_PROJECTION_PROVIDERS,
        ...UNAUTHORISED_CHANGE_PROVIDERS,
        ...CHANGE_APPROVAL_PROVIDERS,
        ...CHANGE_RISK_CAB_PROVIDERS,
        ChangeReferences,
        ChangeAccessService,
        ChangeCommandRunner,
        ...CHANGE_COMMAND_HANDLERS,
        ...CHANGE_QUERY_HANDLERS,
        ...CHANGE_RESOLVERS,
        ...CALENDAR_COMMAND_HANDLERS,
        ...CALENDAR_QUERY_HANDLERS,
        ...CALENDAR_RESOLVERS,
      ],
      exports: [ChangeStore, ChangeReads, ChangeCommandRunner, ChangeReferences, Clock, ConfigurationItems, ...CHANGE_COMMAND_HANDLERS, ...CHANGE_QUERY_HANDLERS, ...CHANGE_APPROVAL_HANDLERS, ...CHANGE_RISK_CAB_HANDLERS, persistence],
    };
  }
}
