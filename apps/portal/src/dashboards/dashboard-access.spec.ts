import { dashboardAccess, seesDashboards } from './dashboard-access';

describe('dashboardAccess', () => {
  it('shows each report only to whom the reporting context answers it', () => {
    expect(dashboardAccess(['agent'])).toEqual({ incidents: true, changes: false, scorecards: 'all' });
    expect(dashboardAccess(['incident-manager'])).toEqual({ incidents: true, changes: false, scorecards: 'all' });
    expect(dashboardAccess(['change-manager'])).toEqual({ incidents: true, changes: true, scorecards: 'all' });
    expect(dashboardAccess(['cab-member'])).toEqual({ incidents: false, changes: true, scorecards: 'none' });
    expect(dashboardAccess(['supplier-agent'])).toEqual({ incidents: false, changes: true, scorecards: 'own' });
    expect(dashboardAccess(['supplier-agent', 'admin'])).toEqual({ incidents: true, changes: true, scorecards: 'all' });
    expect(dashboardAccess(['requester'])).toEqual({ incidents: false, changes: false, scorecards: 'none' });
  });

  it('lists the dashboards for anyone with one report', () => {
    expect(seesDashboards(['cab-member'])).toBe(true);
    expect(seesDashboards(['requester'])).toBe(false);
  });
});
