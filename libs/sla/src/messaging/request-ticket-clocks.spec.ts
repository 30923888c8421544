import { appendChange } from '../application/commands/track-ticket/track-ticket.handler';
import type { TicketChange } from '../application/commands/track-ticket/track-ticket.command';
import { ALWAYS_OPEN } from '../domain/calendar';
import type { TicketTimeline, TicketType } from '../domain';
import { definition, derive, HOUR, MINUTE, onlyClock } from '../domain/clock/test-fixtures/clock-fixtures';
import { requestTicketChanges } from './request-ticket-changes';
import type { RequestEvent } from './request-ticket-changes';
import { itemFacts, RequestFeed, taskFacts } from './test-fixtures/request-feed';

const T0 = Date.UTC(2030, 0, 7, 9, 0);
const ANY_TIME = { calendarId: ALWAYS_OPEN.id, timeZone: 'UTC' };

const REQUEST_RESOLUTION = definition({
  ...ANY_TIME,
  id: 'req-resolution',
  ticketType: 'request',
  targetMs: 4 * HOUR,
  conditions: { start: ['open'], pause: [], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled'] },
});
const ITEM_FULFILMENT = definition({
  ...ANY_TIME,
  id: 'ritm-standard-fulfilment',
  ticketType: 'requested_item',
  targetMs: 2 * HOUR,
  appliesTo: { offeringIds: ['off-standard'] },
  conditions: { start: ['approved', 'in_fulfilment'], pause: ['awaiting_approval'], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled', 'rejected'] },
});
const SUPPLIER_UC = definition({
  ...ANY_TIME,
  id: 'uc-tailspin-task',
  kind: 'UC',
  ticketType: 'task',
  scope: 'supplier_segment',
  targetMs: HOUR,
  appliesTo: { supplierOrgIds: ['org-tailspin'] },
  conditions: { start: ['open', 'in_progress'], pause: [], stop: ['closed_complete', 'closed_failed', 'closed_skipped'], cancel: ['canceled'] },
});
const DEFINITIONS = [REQUEST_RESOLUTION, ITEM_FULFILMENT, SUPPLIER_UC];

/** Follows the events as the engine does (every change appended to its ticket's history). */
function histories(events: readonly RequestEvent[]): Map<string, TicketTimeline> {
  const out = new Map<string, TicketTimeline>();
  const follow = (change: TicketChange): void => {
    const key = `${change.ticketType}:${change.ticketId}`;
    const existing = out.get(key);
    if (existing === undefined && change.opened === undefined) throw new Error(`${key} was never opened`);
    out.set(key, appendChange(existing, change));
  };
  for (const event of events) requestTicketChanges(event).forEach(follow);
  return out;
}

function timeline(all: Map<string, TicketTimeline>, type: TicketType, id: string): TicketTimeline {
  const found = all.get(`${type}:${id}`);
  if (found === undefined) throw new Error(`no ${type} ${id}`);
  return found;
}

describe('request, item and task clocks from itsm.request.v1', () => {
  const f = new RequestFeed({ requestId: 'req-1', number: 'REQ0001000', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
  const standard = itemFacts();
  const custom = itemFacts({ requestedItemId: 'ritm-2', number: 'RITM0001001', offeringId: 'off-custom' });
  const task = taskFacts({ groupId: 'grp-tailspin', groupOrgId: 'org-tailspin' });
  const events: RequestEvent[] = [
    f.submitted([standard, custom], T0),
    f.itemStateChanged({ ...standard, state: 'approved' }, 'awaiting_approval', T0 + 30 * MINUTE),
    f.itemStateChanged({ ...standard, state: 'in_fulfilment' }, 'approved', T0 + 30 * MINUTE),
    f.taskStateChanged({ ...standard, state: 'in_fulfilment' }, task, null, T0 + 30 * MINUTE),
    f.taskStateChanged({ ...standard, state: 'in_fulfilment' }, { ...task, state: 'in_progress' }, 'open', T0 + 50 * MINUTE),
    f.taskStateChanged({ ...standard, state: 'in_fulfilment' }, { ...task, state: 'closed_complete' }, 'in_progress', T0 + 100 * MINUTE),
    f.itemStateChanged({ ...standard, state: 'closed_complete' }, 'in_fulfilment', T0 + 110 * MINUTE),
  ];
  const all = histories(events);
  const asOf = T0 + 3 * HOUR;

  it('the request clock starts when the request is submitted and runs while it is open', () => {
    const clock = onlyClock(derive(timeline(all, 'request', 'req-1'), DEFINITIONS, asOf), 'req-resolution');
    expect(clock).toMatchObject({ startedAt: T0, stage: 'in_progress', elapsedMs: 3 * HOUR, breachAt: T0 + 4 * HOUR });
    const closed = histories([...events, f.stateChanged('closed_complete', T0 + 2 * HOUR)]);
    expect(onlyClock(derive(timeline(closed, 'request', 'req-1'), DEFINITIONS, asOf), 'req-resolution')).toMatchObject({ stage: 'achieved', stoppedAt: T0 + 2 * HOUR, elapsedMs: 2 * HOUR });
  });

  it('an item clock applies by offering, does not count the approval wait and stops when the item closes', () => {
    const clock = onlyClock(derive(timeline(all, 'requested_item', 'ritm-1'), DEFINITIONS, asOf), 'ritm-standard-fulfilment');
    expect(clock).toMatchObject({ startedAt: T0 + 30 * MINUTE, stage: 'achieved', elapsedMs: 80 * MINUTE });
    expect(derive(timeline(all, 'requested_item', 'ritm-2'), DEFINITIONS, asOf)).toEqual([]);
  });

  it('a supplier task gets an underpinning-contract clock on its supplier segment, stopped when the supplier closes it', () => {
    const clocks = derive(timeline(all, 'task', 'task-1'), DEFINITIONS, asOf);
    expect(clocks.map((c) => c.definitionId)).toEqual(['uc-tailspin-task']);
    expect(clocks[0]).toMatchObject({ kind: 'UC', segment: { index: 1, orgId: 'org-tailspin', groupId: 'grp-tailspin' }, startedAt: T0 + 30 * MINUTE, stage: 'breached', stoppedAt: T0 + 100 * MINUTE });
    expect(clocks[0]?.breachedAt).toBe(T0 + 90 * MINUTE);
  });

  it('an internal group\'s task gets no UC clock, and definitions of one ticket type never time another', () => {
    const g = new RequestFeed({ requestId: 'req-2', number: 'REQ0001001', state: 'open', requestedById: 'p-ann', requestedForId: 'p-ann', organisationId: null });
    const item = itemFacts({ requestedItemId: 'ritm-3', state: 'in_fulfilment' });
    const internal = histories([g.submitted([item], T0), g.taskStateChanged(item, taskFacts({ taskId: 'task-2', groupId: 'grp-desk', groupOrgId: 'org-contoso' }), null, T0 + MINUTE)]);
    expect(derive(timeline(internal, 'task', 'task-2'), DEFINITIONS, asOf)).toEqual([]);
    expect(derive(timeline(internal, 'request', 'req-2'), [ITEM_FULFILMENT, SUPPLIER_UC], asOf)).toEqual([]);
  });
});
