import { changeScope, mayAccess } from './change-access.policy';
import type { ChangeAccess, ChangeViewer } from './change-access.policy';
import { changeIn } from './test-fixtures/changes';

const viewer = (userId: string, roles: string[], orgId?: string): ChangeViewer => ({ userId, roles, orgId });
const ACCESS: ChangeAccess[] = ['view', 'edit', 'work', 'manage'];
const granted = (v: ChangeViewer, change = changeIn('new'), member = false) => ACCESS.filter((a) => mayAccess(v, change, a, member));

describe('who may do what with a change', () => {
  it('gives each role its share', () => {
    expect(granted(viewer('p-x', ['change-manager']))).toEqual(ACCESS);
    expect(granted(viewer('p-x', ['admin']))).toEqual(ACCESS);
    expect(granted(viewer('p-x', ['cab-member']))).toEqual(['view']);
    expect(granted(viewer('p-requester', ['requester']))).toEqual(['view', 'edit', 'manage']);
    expect(granted(viewer('p-requester', ['requester']), changeIn('assess'))).toEqual(['view']);
    expect(granted(viewer('p-other', ['requester']))).toEqual([]);
    expect(granted(viewer('p-implementer', ['implementer']), changeIn('scheduled'), true)).toEqual(['view', 'edit', 'work']);
    expect(granted(viewer('p-implementer', ['implementer']), changeIn('scheduled'), false)).toEqual([]);
    expect(granted(viewer('p-s', ['supplier-agent'], 'fabrikam'), changeIn('scheduled', 'normal', { assignedOrgId: 'fabrikam' }))).toEqual(['view', 'work']);
    expect(granted(viewer('p-s', ['supplier-agent'], 'fabrikam'), changeIn('scheduled'))).toEqual([]);
  });

  it('scopes lists to what the viewer may see', () => {
    expect(changeScope(viewer('p', ['cab-member']), undefined)).toEqual({ kind: 'all' });
    expect(changeScope(viewer('p', ['implementer']), { id: 'g-network', member: true })).toEqual({ kind: 'group', groupId: 'g-network' });
    expect(changeScope(viewer('p', ['implementer']), { id: 'g-network', member: false })).toEqual({ kind: 'assignee', assigneeId: 'p' });
    expect(changeScope(viewer('p', ['supplier-agent'], 'fabrikam'), undefined)).toEqual({ kind: 'assigned-org', orgId: 'fabrikam' });
    expect(changeScope(viewer('p', ['requester']), undefined)).toEqual({ kind: 'requester', requesterId: 'p' });
  });
});
