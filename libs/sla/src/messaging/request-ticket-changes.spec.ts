import { itemFacts, RequestFeed, taskFacts } from './test-fixtures/request-feed';
import { requestTicketChanges } from './request-ticket-changes';

const T0 = Date.UTC(2030, 0, 7, 9, 0);
const MIN = 60_000;

function feed(): RequestFeed {
  return new RequestFeed({ requestId: 'req-1', number: 'REQ0001000', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
}

describe('requestTicketChanges: request events onto the tickets the SLA engine times', () => {
  it('a submission opens the request and each of its items, for the person it is for (naming who ordered it), with the items\' service, offering and catalogue item', () => {
    const f = feed();
    const laptop = itemFacts();
    const monitor = itemFacts({ requestedItemId: 'ritm-2', number: 'RITM0001001', catalogItemId: 'item-monitor', offeringId: null });
    const changes = requestTicketChanges(f.submitted([laptop, monitor], T0));
    expect(changes).toEqual([
      { ticketType: 'request', ticketId: 'req-1', sequence: 1, at: T0, orderedById: 'p-ann', opened: { number: 'REQ0001000', callerId: 'p-bob', configurationItemIds: [] }, patch: { state: 'open', customerOrgId: 'org-contoso' } },
      {
        ticketType: 'requested_item',
        ticketId: 'ritm-1',
        sequence: 1,
        at: T0,
        orderedById: 'p-ann',
        opened: { number: 'RITM0001000', callerId: 'p-bob', configurationItemIds: [] },
        patch: { state: 'awaiting_approval', serviceId: 'svc-workplace', offeringId: 'off-standard', catalogItemId: 'item-laptop', customerOrgId: 'org-contoso' },
      },
      expect.objectContaining({ ticketType: 'requested_item', ticketId: 'ritm-2', patch: expect.objectContaining({ offeringId: null, catalogItemId: 'item-monitor' }) as unknown }),
    ]);
  });

  it('a task\'s first state change opens it with its group and, for a supplier group, the supplier organisation; later ones only move it', () => {
    const f = feed();
    f.submitted([itemFacts()], T0);
    const item = itemFacts({ state: 'in_fulfilment' });
    const supplierTask = taskFacts({ groupId: 'grp-tailspin', groupOrgId: 'org-tailspin' });
    const created = requestTicketChanges(f.taskStateChanged(item, supplierTask, null, T0 + MIN));
    expect(created.map((c) => [c.ticketType, c.ticketId, c.sequence, c.opened !== undefined])).toEqual([
      ['request', 'req-1', 2, false],
      ['requested_item', 'ritm-1', 2, false],
      ['task', 'task-1', 2, true],
    ]);
    expect(created[2]?.patch).toEqual({ state: 'open', serviceId: 'svc-workplace', offeringId: 'off-standard', catalogItemId: 'item-laptop', customerOrgId: 'org-contoso', groupId: 'grp-tailspin', supplierOrgId: 'org-tailspin' });
    const moved = requestTicketChanges(f.taskStateChanged(item, { ...supplierTask, state: 'in_progress' }, 'open', T0 + 2 * MIN));
    expect(moved[2]).toMatchObject({ ticketType: 'task', sequence: 3, patch: { state: 'in_progress' } });
    expect(moved[2]?.opened).toBeUndefined();
  });

  it('a request state change moves only the request; a comment moves nothing', () => {
    const f = feed();
    f.submitted([itemFacts()], T0);
    expect(requestTicketChanges(f.stateChanged('closed_complete', T0 + MIN))).toEqual([
      { ticketType: 'request', ticketId: 'req-1', sequence: 2, at: T0 + MIN, orderedById: 'p-ann', patch: { state: 'closed_complete', customerOrgId: 'org-contoso' } },
    ]);
    expect(requestTicketChanges(f.comment('thanks', T0 + 2 * MIN))).toEqual([]);
  });

  it('an item state change moves the request and the item', () => {
    const f = feed();
    f.submitted([itemFacts()], T0);
    const changes = requestTicketChanges(f.itemStateChanged(itemFacts({ state: 'rejected' }), 'awaiting_approval', T0 + MIN));
    expect(changes.map((c) => [c.ticketType, c.patch.state])).toEqual([
      ['request', 'open'],
      ['requested_item', 'rejected'],
    ]);
  });
});
