import type { EventOn, requestTopic } from '@itsm/contracts';
import type { TicketChange } from '../application/commands/track-ticket/track-ticket.command';

export type RequestEvent = EventOn<readonly [typeof requestTopic], 'itsm.request.v1'>;
type ItemFacts = Extract<RequestEvent, { type: 'itsm.request.item-state-changed.v1' }>['data']['item'];
type TaskFacts = Extract<RequestEvent, { type: 'itsm.request.task-state-changed.v1' }>['data']['task'];

/**
 * How the SLA engine times service requests (`itsm.request.v1`):
 *
 * - Three ticket types: `request` (REQ), `requested_item` (RITM), `task` (fulfilment TASK). Their
 *   states are the contract's own (TICKET_STATES), so a definition's start, pause, resume, stop,
 *   cancel and reset name them; a ticket is over in its FINAL_TICKET_STATES.
 * - A request and its items open on `submitted` (their clocks start then, in the state they open
 *   in); a task opens on its first `task-state-changed` (previous state null, `pending` or `open`).
 * - Every event moves the request (its state, the requested-for person's organisation); an event
 *   about an item or a task moves that item or task too (a task event also its item). All take the
 *   event's sequence: the request's stream numbers them, so each ticket's inbox stays ordered.
 *   Comments move no state and are not followed.
 * - Facts: the caller is the person the request is for (whoever ordered it for them is kept too:
 *   both see its SLA clocks), the customer organisation theirs; an item
 *   adds its service, offering and catalogue item; a task adds its item's, its group and, for a
 *   supplier group, the supplier organisation (`groupOrgId`): supplier-segment UC clocks then run
 *   on it as on a supplier-assigned incident. Requests carry no priority (definitions for them may
 *   not name one; the facts keep the lowest, 5).
 *
 * Typical conditions: a request's resolution starts on `open`, stops on `closed_complete` and
 * `closed_incomplete`, cancels on `canceled`; an item's fulfilment starts on `approved` (approval
 * time not counted), pauses on `awaiting_approval` and stops or cancels on its final states; a
 * task's starts on `open`, stops on `closed_*`, cancels on `canceled` (`pending`: not started).
 */
export function requestTicketChanges(event: RequestEvent): TicketChange[] {
  const d = event.data;
  const at = Date.parse(d.at);
  const common = { sequence: event.sequence, at, orderedById: d.requestedById };
  const request: TicketChange = {
    ...common,
    ticketType: 'request',
    ticketId: d.requestId,
    ...(event.type === 'itsm.request.submitted.v1' ? { opened: opening(d.number, d.requestedForId) } : {}),
    patch: { state: d.state, customerOrgId: d.organisationId },
  };
  const itemChange = (item: ItemFacts, opens: boolean): TicketChange => ({
    ...common,
    ticketType: 'requested_item',
    ticketId: item.requestedItemId,
    ...(opens ? { opened: opening(item.number, d.requestedForId) } : {}),
    patch: { state: item.state, ...itemAttributes(item, d.organisationId) },
  });
  const taskChange = (item: ItemFacts, task: TaskFacts, opens: boolean): TicketChange => ({
    ...common,
    ticketType: 'task',
    ticketId: task.taskId,
    ...(opens ? { opened: opening(task.number, d.requestedForId) } : {}),
    patch: { state: task.state, ...itemAttributes(item, d.organisationId), groupId: task.groupId, supplierOrgId: task.groupOrgId },
  });
  switch (event.type) {
    case 'itsm.request.submitted.v1':
      return [request, ...event.data.items.map((item) => itemChange(item, true))];
    case 'itsm.request.approval-requested.v1':
    case 'itsm.request.approval-decided.v1':
    case 'itsm.request.item-state-changed.v1':
      return [request, itemChange(event.data.item, false)];
    case 'itsm.request.task-state-changed.v1':
      return [request, itemChange(event.data.item, false), taskChange(event.data.item, event.data.task, event.data.previousState === null)];
    case 'itsm.request.task-assigned.v1':
      return [request, itemChange(event.data.item, false), taskChange(event.data.item, event.data.task, false)];
    case 'itsm.request.state-changed.v1':
      return [request];
    case 'itsm.request.comment-added.v1':
      return [];
  }
}

function opening(number: string, callerId: string): NonNullable<TicketChange['opened']> {
  return { number, callerId, configurationItemIds: [] };
}

function itemAttributes(item: ItemFacts, customerOrgId: string | null) {
  return { serviceId: item.serviceId, offeringId: item.offeringId, catalogItemId: item.catalogItemId, customerOrgId };
}
