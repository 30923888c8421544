import type { Principal, Role } from '@itsm/platform/auth';
import { ReportingErrorCode } from '../domain';
import { assertRequestReportReader, changeReportFilter, taskReportFilter } from './change-request-access';

const who = (roles: Role[], orgId?: string): Principal => ({ userId: 'u', name: 'u', roles, orgId });
const code = (run: () => unknown): unknown => {
  try {
    run();
    return 'allowed';
  } catch (error: unknown) {
    return (error as { code?: unknown }).code;
  }
};

describe('who reads change, request and task reports', () => {
  it('lets change overseers read every change, a supplier agent its organisation only, nobody else', () => {
    const asked = { dimension: 'model' as const, value: 'normal' };
    for (const role of ['admin', 'change-manager', 'cab-member'] as Role[]) expect(changeReportFilter(who([role]), asked)).toBe(asked);
    expect(changeReportFilter(who(['supplier-agent'], 'northwind'), null)).toEqual({ dimension: 'supplier', value: 'northwind' });
    expect(code(() => changeReportFilter(who(['supplier-agent'], 'northwind'), asked))).toBe(ReportingErrorCode.Forbidden);
    expect(code(() => changeReportFilter(who(['supplier-agent'], 'northwind'), { dimension: 'supplier', value: 'contoso' }))).toBe(ReportingErrorCode.Forbidden);
    for (const role of ['agent', 'incident-manager', 'implementer', 'requester'] as Role[]) expect(code(() => changeReportFilter(who([role]), null))).toBe(ReportingErrorCode.Forbidden);
  });

  it('lets admins and catalogue admins read requests; a supplier agent its groups’ tasks only', () => {
    expect(code(() => assertRequestReportReader(who(['catalogue-admin'])))).toBe('allowed');
    expect(code(() => assertRequestReportReader(who(['supplier-agent'], 'northwind')))).toBe(ReportingErrorCode.Forbidden);
    expect(code(() => assertRequestReportReader(who(['agent'])))).toBe(ReportingErrorCode.Forbidden);
    expect(taskReportFilter(who(['supplier-agent'], 'northwind'), null)).toEqual({ dimension: 'supplier', value: 'northwind' });
    expect(code(() => taskReportFilter(who(['supplier-agent'], 'northwind'), { dimension: 'group', value: 'g-desk' }))).toBe(ReportingErrorCode.Forbidden);
    expect(code(() => taskReportFilter(who(['change-manager']), null))).toBe(ReportingErrorCode.Forbidden);
  });
});
