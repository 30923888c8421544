import { changeSubject, changeTopic, createEnvelope, TopicRegistry } from '@itsm/contracts';
import { randomUUID } from 'node:crypto';
import type { ClosedChange } from '../../domain';
import type { ChangeStreamEvent } from '../projections/closed-change';

const registry = new TopicRegistry([changeTopic]);

/**
 * A change's `state-changed` event to `closed` as the change context publishes it (checked against
 * the contract), at `sequence` of its stream: what the success score's projection follows.
 */
export function changeClosedEvent(closed: ClosedChange, sequence = 9, source = '/itsm/change'): ChangeStreamEvent {
  const data = {
    changeId: closed.changeId,
    number: `CHG${String(1_000_000 + sequence).padStart(7, '0')}`,
    model: closed.model,
    state: 'closed' as const,
    title: `change ${closed.changeId}`,
    templateId: null,
    requesterId: 'p-requester',
    assignmentGroupId: closed.assignmentGroupId,
    assignedOrgId: null,
    assigneeId: null,
    configurationItemIds: [],
    serviceIds: [...closed.serviceIds],
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: closed.closedAt.toISOString(),
    risk: null,
    closeCode: closed.closeCode,
    retrospectivelyAuthorised: false,
    previousState: 'review' as const,
    reason: null,
    by: 'p-manager',
    at: closed.closedAt.toISOString(),
  };
  registry.validatePayload(changeTopic.name, 'itsm.change.state-changed.v1', data);
  const envelope = createEnvelope({ id: randomUUID(), source, type: 'itsm.change.state-changed.v1', subject: changeSubject('change', closed.changeId), time: closed.closedAt, data, sequence, correlationid: randomUUID() });
  // Checked against the contract just above.
  return envelope as unknown as ChangeStreamEvent;
}
