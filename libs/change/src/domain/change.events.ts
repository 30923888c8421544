import type { changeTopic, EventTypeOf, PayloadOf } from '@itsm/contracts';
import type { Change, ChangeState } from './change.model';

type ChangeTopic = typeof changeTopic;
export type ChangeEventType = EventTypeOf<ChangeTopic>;

/** One `itsm.change.v1` event before it is wrapped (type and payload, typed by the contract). */
export type ChangeEvent = { [E in ChangeEventType]: { readonly type: E; readonly data: PayloadOf<ChangeTopic, E> } }[ChangeEventType];

/** The change's whole state as every change event carries it (the contract's `changeFacts`). */
export type ChangeFacts = PayloadOf<ChangeTopic, 'itsm.change.requested.v1'>;

/** Who did it and when, as every event records it. */
export interface Actor {
  readonly by: string;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function changeFacts(change: Change, by: string, now: Date): ChangeFacts {
  return {
    changeId: change.id,
    number: change.number,
    model: change.model,
    state: change.state,
    title: change.title,
    templateId: change.templateId,
    requesterId: change.requesterId,
    assignmentGroupId: change.assignmentGroupId,
    assignedOrgId: change.assignedOrgId,
    assigneeId: change.assigneeId,
    configurationItemIds: [...change.configurationItemIds],
    serviceIds: [...change.serviceIds],
    plannedStart: iso(change.planned?.start ?? null),
    plannedEnd: iso(change.planned?.end ?? null),
    actualStart: iso(change.actualStart),
    actualEnd: iso(change.actualEnd),
    risk: change.risk === null ? null : { ...change.risk },
    closeCode: change.closeCode,
    retrospectivelyAuthorised: change.retrospectivelyAuthorised,
    by,
    at: now.toISOString(),
  };
}

export function requestedEvent(change: Change, by: string, now: Date): ChangeEvent {
  return { type: 'itsm.change.requested.v1', data: changeFacts(change, by, now) };
}

export function updatedEvent(change: Change, changed: readonly string[], by: string, now: Date): ChangeEvent {
  return { type: 'itsm.change.updated.v1', data: { ...changeFacts(change, by, now), changed: [...changed] } };
}

/** Every move between states; `previousState` lets the approval engine cancel pending approvals on a revert. */
export function stateChangedEvent(change: Change, previousState: ChangeState, reason: string | null, by: string, now: Date): ChangeEvent {
  return { type: 'itsm.change.state-changed.v1', data: { ...changeFacts(change, by, now), previousState, reason } };
}
