import type { changeTopic, EventOf } from '@itsm/contracts';
import type { ClosedChange } from '../../domain';

/** An event of the change context's own stream (`itsm.change.v1`). */
export type ChangeStreamEvent = EventOf<typeof changeTopic>;

/** The closed change a `state-changed` event to `closed` reports (with its close code), else null: what the success score counts. */
export function closedChangeOf(event: ChangeStreamEvent): ClosedChange | null {
  if (event.type !== 'itsm.change.state-changed.v1') return null;
  const d = event.data;
  if (d.state !== 'closed' || d.closeCode === null) return null;
  return { changeId: d.changeId, model: d.model, assignmentGroupId: d.assignmentGroupId, serviceIds: [...d.serviceIds], closeCode: d.closeCode, closedAt: new Date(d.at) };
}
