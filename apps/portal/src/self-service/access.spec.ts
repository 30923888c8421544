import { hasApprovals, ordersItems, readsChangeApprovals, readsRequests } from './access';

describe('self-service access', () => {
  it('a supplier agent neither orders nor reads requests', () => {
    expect(ordersItems(['supplier-agent'])).toBe(false);
    expect(readsRequests(['supplier-agent'])).toBe(false);
  });

  it('a requester, an agent and an admin order and read', () => {
    for (const role of ['requester', 'agent', 'admin', 'catalogue-admin']) {
      expect(ordersItems([role])).toBe(true);
      expect(readsRequests([role])).toBe(true);
    }
  });

  it('one role of the set is enough; none is not', () => {
    expect(readsRequests(['supplier-agent', 'cab-member'])).toBe(true);
    expect(ordersItems([])).toBe(false);
  });

  it('a supplier agent still has change approvals; an agent has only request approvals', () => {
    expect(readsChangeApprovals(['supplier-agent'])).toBe(true);
    expect(hasApprovals(['supplier-agent'])).toBe(true);
    expect(readsChangeApprovals(['agent'])).toBe(false);
    expect(hasApprovals(['agent'])).toBe(true);
    expect(hasApprovals(['problem-manager'])).toBe(true);
    expect(hasApprovals([])).toBe(false);
  });
});
