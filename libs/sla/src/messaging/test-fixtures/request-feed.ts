/**
 * Spec-only: writes `itsm.request.v1` events as the catalogue publishes them, each checked against
 * the contract and numbered in its request's stream, at instants the spec chooses.
 */
import { requestTopic } from '@itsm/contracts';
import { TopicFeed } from '@itsm/testing';
import type { RequestEvent } from '../request-ticket-changes';

type RequestType = RequestEvent['type'];
type EventOfType<T extends RequestType> = Extract<RequestEvent, { type: T }>;
type DataOf<T extends RequestType> = EventOfType<T>['data'];
type RequestFacts = Pick<DataOf<'itsm.request.state-changed.v1'>, 'requestId' | 'number' | 'state' | 'requestedById' | 'requestedForId' | 'organisationId'>;
export type ItemFacts = DataOf<'itsm.request.item-state-changed.v1'>['item'];
export type TaskFacts = DataOf<'itsm.request.task-state-changed.v1'>['task'];

export class RequestFeed extends TopicFeed {
  constructor(readonly request: RequestFacts) {
    super(requestTopic, '/itsm/catalogue', 'u-catalogue-test');
  }

  submitted(items: readonly ItemFacts[], at: number): EventOfType<'itsm.request.submitted.v1'> {
    return this.write('itsm.request.submitted.v1', { items: [...items] }, at);
  }

  itemStateChanged(item: ItemFacts, previousState: ItemFacts['state'], at: number): EventOfType<'itsm.request.item-state-changed.v1'> {
    return this.write('itsm.request.item-state-changed.v1', { item, previousState, reason: null }, at);
  }

  taskStateChanged(item: ItemFacts, task: TaskFacts, previousState: TaskFacts['state'] | null, at: number): EventOfType<'itsm.request.task-state-changed.v1'> {
    return this.write('itsm.request.task-state-changed.v1', { item, task, previousState, reason: null }, at);
  }

  stateChanged(state: RequestFacts['state'], at: number): EventOfType<'itsm.request.state-changed.v1'> {
    const previousState = this.request.state;
    return this.write('itsm.request.state-changed.v1', { previousState, reason: null }, at, { state });
  }

  comment(text: string, at: number): EventOfType<'itsm.request.comment-added.v1'> {
    return this.write('itsm.request.comment-added.v1', { commentId: `c-${this.sequenceOf(this.request.requestId) + 1}`, visibility: 'public', requestedItemId: null, taskId: null, text }, at);
  }

  private write<T extends RequestType>(type: T, data: object, at: number, change: Partial<RequestFacts> = {}): EventOfType<T> {
    Object.assign(this.request, change);
    const envelope = this.envelope(type, this.request.requestId, { ...this.request, ...data });
    // Checked against the contract by `envelope`; the instant is the spec's.
    return { ...envelope, data: { ...(envelope.data as object), at: new Date(at).toISOString() } } as unknown as EventOfType<T>;
  }
}

export function itemFacts(overrides: Partial<ItemFacts> = {}): ItemFacts {
  return { requestedItemId: 'ritm-1', number: 'RITM0001000', state: 'awaiting_approval', catalogItemId: 'item-laptop', catalogItemVersion: 1, name: 'Laptop', serviceId: 'svc-workplace', offeringId: 'off-standard', quantity: 1, ...overrides };
}

export function taskFacts(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return { taskId: 'task-1', number: 'TASK0001000', requestedItemId: 'ritm-1', key: 'deliver', name: 'Deliver', state: 'open', groupId: 'grp-hosting', groupOrgId: null, assigneeId: null, ...overrides };
}
