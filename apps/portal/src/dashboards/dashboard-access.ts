/** Staff who read the incident, SLA and backlog reports and any supplier's scorecard (the reporting context's REPORT_READERS but supplier agents). */
const INCIDENT_REPORT_STAFF = ['agent', 'incident-manager', 'problem-manager', 'change-manager', 'admin'];
/** Who read every change's figures (the change context's overseers; reporting's change-request-access). */
const CHANGE_OVERSEERS = ['admin', 'change-manager', 'cab-member'];

/** Which dashboards a person sees, report by report, as the reporting context allows them. */
export interface DashboardAccess {
  /** MTTA/MTTR, SLA compliance, backlog. */
  readonly incidents: boolean;
  /** Change success: overseers every change; a supplier agent its organisation's (the server forces the filter). */
  readonly changes: boolean;
  /** Supplier scorecards: any (staff), the person's organisation's only (a supplier agent), or none. */
  readonly scorecards: 'all' | 'own' | 'none';
}

export function dashboardAccess(roles: readonly string[]): DashboardAccess {
  const staff = roles.some((role) => INCIDENT_REPORT_STAFF.includes(role));
  const supplier = roles.includes('supplier-agent');
  return {
    incidents: staff,
    changes: supplier || roles.some((role) => CHANGE_OVERSEERS.includes(role)),
    scorecards: staff ? 'all' : supplier ? 'own' : 'none',
  };
}

/** Whether the person sees the dashboards at all (the navigation's entry). */
export const seesDashboards = (roles: readonly string[]): boolean => {
  const access = dashboardAccess(roles);
  return access.incidents || access.changes || access.scorecards !== 'none';
};
