export * from './domain';
export * from './application/incident-projection.ports';
export { IncidentProjector, IncidentRollups } from './application/incident-projector';
export { IncidentReports } from './application/incident-reports';
export type { IncidentReportQuery, SupplierScorecard } from './application/incident-reports';
export { IncidentFactRepository } from './persistence/incident-fact.repository';
export { IncidentRollupRepository } from './persistence/incident-rollup.repository';
export { ReportingModule } from './reporting.module';
export { REPORTING_CONSUMER_GROUP, reportingContext } from './reporting.context';
