import type { EventOf, incidentTopic } from '@itsm/contracts';

export type IncidentEvent = EventOf<typeof incidentTopic>;
export type IncidentFactState = IncidentEvent['data']['state'];

/** One organisation's time holding the ticket (its groups had it): from an assignment to the next one elsewhere, or still. */
export interface OrgHold {
  readonly orgId: string;
  /** Its group that had the ticket last (a handover counts for it). */
  readonly groupId: string | null;
  readonly from: number;
  /** When the ticket went to another organisation (or was canceled); null while it holds it. */
  readonly to: number | null;
}

/**
 * What reporting keeps of one incident, folded from its events alone (never the incident
 * context's database): its classification now, the instants its measures count at, and the
 * organisations that held it. `sequence` is the last event applied: an event at or below it (a
 * redelivery, a replay) changes nothing.
 */
export interface IncidentFact {
  readonly id: string;
  readonly number: string;
  readonly priority: number;
  readonly serviceId: string | null;
  readonly groupId: string | null;
  /** The first group it was assigned to (first-time fix: resolved there, never passed on, never reopened). */
  readonly firstGroupId: string | null;
  /** The organisation of its assignment group now (the provider: internal or a supplier). */
  readonly supplierOrgId: string | null;
  /** The caller's organisation (the customer). */
  readonly customerOrgId: string | null;
  readonly state: IncidentFactState;
  readonly openedAt: number;
  /** First acknowledged: work started, or assigned to a person (at opening too). */
  readonly acknowledgedAt: number | null;
  /** Its resolution while resolved or closed (the last one after a reopen); null while open or canceled. */
  readonly resolvedAt: number | null;
  readonly canceledAt: number | null;
  readonly reopenCount: number;
  /** Times it went from one group to another (the first assignment is not one). */
  readonly groupChanges: number;
  readonly holds: readonly OrgHold[];
  readonly sequence: number;
}

const instant = (event: IncidentEvent): number => Date.parse(event.data.at);

/** The holds after the ticket went to group `groupId` of `orgId` (null: nobody) at `at`: the current hold ends unless it is the same organisation. */
function handOver(holds: readonly OrgHold[], orgId: string | null, groupId: string | null, at: number): readonly OrgHold[] {
  const current = holds.at(-1);
  if (current !== undefined && current.to === null && current.orgId === orgId) return [...holds.slice(0, -1), { ...current, groupId }];
  const closed = current !== undefined && current.to === null ? [...holds.slice(0, -1), { ...current, to: at }] : [...holds];
  return orgId === null ? closed : [...closed, { orgId, groupId, from: at, to: null }];
}

/**
 * The fact after `event`: created by `opened`, changed by the events that move a measure (assignment,
 * work started, resolution, reopening, cancellation, priority); any other event only advances the
 * sequence. Answers `fact` itself for an event already applied, and undefined for an event of an
 * incident whose opening was never seen (its history starts before what the topic keeps).
 */
export function evolveIncidentFact(fact: IncidentFact | undefined, event: IncidentEvent): IncidentFact | undefined {
  if (fact !== undefined && event.sequence <= fact.sequence) return fact;
  const at = instant(event);
  if (event.type === 'itsm.incident.opened.v1') {
    if (fact !== undefined) return fact;
    const d = event.data;
    return {
      id: event.subject,
      number: d.number,
      priority: d.priority,
      serviceId: d.serviceId,
      groupId: d.assignmentGroupId,
      firstGroupId: d.assignmentGroupId,
      supplierOrgId: d.assignedOrgId,
      customerOrgId: d.callerOrgId,
      state: d.state,
      openedAt: at,
      acknowledgedAt: d.assigneeId !== null ? at : null,
      resolvedAt: null,
      canceledAt: null,
      reopenCount: 0,
      groupChanges: 0,
      holds: handOver([], d.assignedOrgId, d.assignmentGroupId, at),
      sequence: event.sequence,
    };
  }
  if (fact === undefined) return undefined;
  const next = { ...fact, state: event.data.state, sequence: event.sequence };
  switch (event.type) {
    case 'itsm.incident.assigned.v1': {
      const d = event.data;
      const moved = fact.groupId !== null && d.groupId !== fact.groupId;
      return {
        ...next,
        groupId: d.groupId,
        firstGroupId: fact.firstGroupId ?? d.groupId,
        supplierOrgId: d.orgId,
        groupChanges: fact.groupChanges + (moved ? 1 : 0),
        acknowledgedAt: fact.acknowledgedAt ?? (d.assigneeId !== null ? at : null),
        holds: handOver(fact.holds, d.orgId, d.groupId, at),
      };
    }
    case 'itsm.incident.work-started.v1':
      return { ...next, acknowledgedAt: fact.acknowledgedAt ?? at };
    case 'itsm.incident.resolved.v1':
      return { ...next, resolvedAt: at };
    case 'itsm.incident.reopened.v1':
      return { ...next, resolvedAt: null, reopenCount: event.data.reopenCount };
    case 'itsm.incident.canceled.v1':
      return { ...next, resolvedAt: null, canceledAt: at, holds: handOver(fact.holds, null, null, at) };
    case 'itsm.incident.reprioritised.v1':
      return { ...next, priority: event.data.priority };
    default:
      return next;
  }
}

/** Whether the incident is still being worked on (part of the backlog). */
export const isOpenIncident = (fact: Pick<IncidentFact, 'state'>): boolean => fact.state === 'new' || fact.state === 'in_progress' || fact.state === 'on_hold';
