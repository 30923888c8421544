/** The operations of operations.graphql, by name (the build refuses a file that names others). */
export const OPERATION_NAMES = ['Incidents', 'MyGroups', 'Incident', 'OpenIncident', 'AssignIncident', 'HoldIncident', 'ResumeIncident', 'ResolveIncident', 'IncidentChanged',
  // Self-service: catalogue, requests, comments, approvals
  'Categories', 'CatalogItems', 'CatalogItem', 'OrderCatalogItems', 'Requests', 'Request', 'AddRequestComment', 'CancelRequest', 'AddIncidentNote', 'MyApprovals', 'DecideRequestApproval', 'MyPendingApprovals',
  // Change, calendar and CAB
  'Changes', 'Change', 'AssessChangeRisk', 'DecideApproval', 'SubmitForAssessment', 'RequestAuthorisation', 'StartImplementation', 'CompleteImplementation', 'CloseChange', 'CancelChange', 'RevertChangeToNew', 'ChangeCalendar', 'CabMeetings', 'CabOccurrences', 'CabItemChange', 'RecordCabDecision', 'FlagChangeForCab', 'CalendarChanges', 'ChangeApprovalDelegations', 'CabMyGroups',
  // Agent workspace
  'QueueIncidents', 'IncidentImpact', 'StartIncidentWork', 'ReopenIncident', 'CancelIncident', 'CloseIncident', 'ChangeIncidentImpactUrgency', 'Problems', 'Problem', 'AdvanceProblem', 'RecordKnownError', 'ResolveProblem', 'CloseProblem', 'BreachingSoon',
  // Dashboards (reporting)
  'DashboardIncidentReport', 'DashboardSlaCompliance', 'DashboardBacklog', 'DashboardChangeReport', 'DashboardSuppliers', 'DashboardSupplierScorecard',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/** One operation as registered: its document (the operation and the fragments it uses) and that text's SHA-256. */
export interface RegisteredOperation {
  readonly text: string;
  readonly id: string;
}
