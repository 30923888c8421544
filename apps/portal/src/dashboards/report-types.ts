/** The dashboards' rows, as their operations (operations.graphql, "Dashboards") select them. */
export interface IncidentReportRow {
  readonly period: string;
  readonly periodStart: string;
  readonly opened: number;
  readonly acknowledged: number;
  readonly resolved: number;
  readonly mttaMs: number | null;
  readonly mttrMs: number | null;
}

export interface SlaComplianceRow {
  readonly period: string;
  readonly met: number;
  readonly breached: number;
  readonly compliance: number | null;
}

export interface BacklogRow {
  readonly group: string | null;
  readonly open: number;
  readonly oldestAgeMs: number;
  readonly meanAgeMs: number;
}

export interface ChangeReportRow {
  readonly period: string;
  readonly requested: number;
  readonly closed: number;
  readonly successful: number;
  readonly successfulWithIssues: number;
  readonly failed: number;
  readonly backedOut: number;
  readonly successRate: number | null;
}

export interface ScorecardPeriodRow {
  readonly period: string;
  readonly opened: number;
  readonly resolved: number;
  readonly handedOver: number;
  readonly mttrMs: number | null;
  readonly meanHoldMs: number | null;
}

export interface SupplierScorecard {
  readonly orgId: string;
  readonly periods: readonly ScorecardPeriodRow[];
  readonly backlog: { readonly open: number; readonly oldestAgeMs: number } | null;
  readonly ucCompliance: readonly SlaComplianceRow[];
}
