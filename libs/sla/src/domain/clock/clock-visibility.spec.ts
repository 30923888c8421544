import type { SlaClock } from './derive-clocks';
import type { SlaViewer } from './clock-visibility';
import { visibleClocks } from './clock-visibility';
import type { TicketTimeline } from './ticket-timeline';

const clock = (clockId: string, kind: SlaClock['kind'], orgId: string | null = null): SlaClock =>
  ({ clockId, kind, segment: orgId === null ? null : { index: 1, orgId, groupId: 'grp' } }) as unknown as SlaClock;

const CLOCKS = [clock('sla', 'SLA'), clock('ola', 'OLA'), clock('uc-tailspin', 'UC', 'org-tailspin'), clock('uc-fabrikam', 'UC', 'org-fabrikam')];
const request = (ticketType: TicketTimeline['ticketType'] = 'request'): Pick<TicketTimeline, 'ticketType' | 'callerId' | 'orderedById'> => ({ ticketType, callerId: 'p-bob', orderedById: 'p-ann' });
const viewer = (userId: string, roles: string[], orgId?: string): SlaViewer => ({ userId, roles, orgId });
const ids = (clocks: readonly SlaClock[]) => clocks.map((c) => c.clockId);

describe('visibleClocks: who sees which clock of a ticket', () => {
  it('internal staff see every clock of every ticket type', () => {
    for (const type of ['incident', 'request', 'requested_item', 'task'] as const) {
      expect(ids(visibleClocks(viewer('u-agent', ['agent']), request(type), CLOCKS))).toEqual(['sla', 'ola', 'uc-tailspin', 'uc-fabrikam']);
    }
  });

  it('catalogue admins see every clock of requests, items and tasks, none of an incident they are not the caller of', () => {
    expect(ids(visibleClocks(viewer('u-cat', ['catalogue-admin']), request('task'), CLOCKS))).toHaveLength(4);
    expect(visibleClocks(viewer('u-cat', ['catalogue-admin']), request('incident'), CLOCKS)).toEqual([]);
  });

  it('the person it is for and whoever ordered it for them see its SLA clocks only, whatever their roles', () => {
    expect(ids(visibleClocks(viewer('p-bob', ['requester']), request(), CLOCKS))).toEqual(['sla']);
    expect(ids(visibleClocks(viewer('p-ann', ['requester']), request('requested_item'), CLOCKS))).toEqual(['sla']);
    expect(ids(visibleClocks(viewer('p-ann', ['change-manager']), request(), CLOCKS))).toEqual(['sla']);
    expect(visibleClocks(viewer('p-eve', ['requester']), request(), CLOCKS)).toEqual([]);
    // An incident names no orderer.
    expect(visibleClocks(viewer('p-ann', ['requester']), { ...request('incident'), orderedById: null }, CLOCKS)).toEqual([]);
  });

  it("a supplier agent sees only its own organisation's UC clocks, even as the ticket's caller; without an organisation none", () => {
    expect(ids(visibleClocks(viewer('s-1', ['supplier-agent'], 'org-tailspin'), request('task'), CLOCKS))).toEqual(['uc-tailspin']);
    expect(ids(visibleClocks(viewer('p-bob', ['supplier-agent'], 'org-fabrikam'), request('task'), CLOCKS))).toEqual(['uc-fabrikam']);
    expect(visibleClocks(viewer('s-2', ['supplier-agent']), request('task'), CLOCKS)).toEqual([]);
  });
});
