/** Who reads the reporting context's reports (its REPORT_READERS). */
const REPORT_READERS = ['agent', 'incident-manager', 'problem-manager', 'change-manager', 'admin', 'supplier-agent'];

/**
 * What the dashboards show a person: nothing (no report reader), their organisation's supplier
 * scorecard only (a supplier agent and no staff role), or every report and any supplier's scorecard.
 */
export function dashboardScope(roles: readonly string[]): 'none' | 'own-scorecard' | 'all' {
  if (!roles.some((role) => REPORT_READERS.includes(role))) return 'none';
  return roles.some((role) => role !== 'supplier-agent' && REPORT_READERS.includes(role)) ? 'all' : 'own-scorecard';
}
