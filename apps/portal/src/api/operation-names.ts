/** The operations of operations.graphql, by name (the build refuses a file that names others). */
export const OPERATION_NAMES = ['Incidents', 'MyGroups', 'Incident', 'OpenIncident', 'AssignIncident', 'HoldIncident', 'ResumeIncident', 'ResolveIncident', 'IncidentChanged',
  // Dashboards (reporting)
  'DashboardIncidentReport', 'DashboardSlaCompliance', 'DashboardBacklog', 'DashboardChangeReport', 'DashboardSuppliers', 'DashboardSupplierScorecard',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/** One operation as registered: its document (the operation and the fragments it uses) and that text's SHA-256. */
export interface RegisteredOperation {
  readonly text: string;
  readonly id: string;
}
