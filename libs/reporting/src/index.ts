export * from './domain';
export * from './application/incident-projection.ports';
export { IncidentProjector, IncidentRollups } from './application/incident-projector';
export { IncidentReports } from './application/incident-reports';
export type { IncidentReportQuery } from './application/incident-reports';
export { IncidentFactRepository } from './persistence/incident-fact.repository';
export { IncidentRollupRepository } from './persistence/incident-rollup.repository';
