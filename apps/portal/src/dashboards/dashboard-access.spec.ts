import { dashboardScope } from './dashboard-access';

describe('dashboardScope', () => {
  it('gives staff every report, a supplier agent its own scorecard, others nothing', () => {
    expect(dashboardScope(['agent'])).toBe('all');
    expect(dashboardScope(['change-manager'])).toBe('all');
    expect(dashboardScope(['supplier-agent'])).toBe('own-scorecard');
    expect(dashboardScope(['supplier-agent', 'admin'])).toBe('all');
    expect(dashboardScope(['requester'])).toBe('none');
    expect(dashboardScope(['cab-member'])).toBe('none');
  });
});
