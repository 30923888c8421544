import type { EventOf, incidentTopic } from '@itsm/contracts';

export type IncidentEvent = EventOf<typeof incidentTopic>;
export type IncidentFactState = IncidentEvent['data']['state'];

/** The actor of automatic steps (routing, cascades): its assignment to a person is no acknowledgement. */
export const SYSTEM_ACTOR = 'system';

/** One assignment: from `from` on, the ticket was with group `groupId` of organisation `orgId` (null: nobody). */
export interface Assignment {
  readonly groupId: string | null;
  readonly orgId: string | null;
  readonly from: number;
}

/**
 * What reporting keeps of one incident, folded from its events alone (never the incident
 * context's database): its classification now, the instants its measures count at, and who had
 * it when (`assignments`). `sequence` is the last event applied: an event at or below it (a
 * redelivery, a replay) changes nothing.
 */
export interface IncidentFact {
  readonly id: string;
  readonly number: string;
  readonly priority: number;
  readonly serviceId: string | null;
  /** The caller's organisation (the customer). */
  readonly customerOrgId: string | null;
  readonly state: IncidentFactState;
  readonly openedAt: number;
  /** First acknowledged: work started, or assigned to a person by someone (not the system). */
  readonly acknowledgedAt: number | null;
  /** Its first resolution (a later reopen does not move it: the period it was resolved in keeps it). */
  readonly firstResolvedAt: number | null;
  /** Its resolution while resolved or closed (the last one); null while open or canceled. */
  readonly resolvedAt: number | null;
  readonly canceledAt: number | null;
  readonly reopenCount: number;
  /** Every assignment in order, the first at opening (who had it when: measures count for the holder at their instant). */
  readonly assignments: readonly Assignment[];
  readonly sequence: number;
}

const instant = (event: IncidentEvent): number => Date.parse(event.data.at);
const byPerson = (event: IncidentEvent): boolean => event.data.by !== SYSTEM_ACTOR;

/** The assignment in force at `at` (the last one from at or before it). */
export function assignmentAt(fact: Pick<IncidentFact, 'assignments'>, at: number): Assignment {
  let current = fact.assignments[0] ?? { groupId: null, orgId: null, from: at };
  for (const assignment of fact.assignments) {
    if (assignment.from > at) break;
    current = assignment;
  }
  return current;
}

/** The assignment now. */
export const currentAssignment = (fact: Pick<IncidentFact, 'assignments'>): Assignment => fact.assignments.at(-1) ?? { groupId: null, orgId: null, from: 0 };

/** Group changes before `until` (the first assignment is not one). */
export function groupChangesBefore(fact: Pick<IncidentFact, 'assignments'>, until: number): number {
  let changes = 0;
  let group: string | null = fact.assignments[0]?.groupId ?? null;
  for (const assignment of fact.assignments.slice(1)) {
    if (assignment.from > until) break;
    if (group !== null && assignment.groupId !== group) changes += 1;
    group = assignment.groupId ?? group;
  }
  return changes;
}

/**
 * The fact after `event`: created by `opened`, changed by the events that move a measure (assignment,
 * work started, resolution, reopening, closing, cancellation, priority); any other event only
 * advances the sequence. Answers `fact` itself for an event already applied, and undefined for an
 * event of an incident whose opening was never seen (its history starts before what the topic keeps).
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
      customerOrgId: d.callerOrgId,
      state: d.state,
      openedAt: at,
      acknowledgedAt: d.assigneeId !== null && byPerson(event) ? at : null,
      firstResolvedAt: null,
      resolvedAt: null,
      canceledAt: null,
      reopenCount: 0,
      assignments: [{ groupId: d.assignmentGroupId, orgId: d.assignedOrgId, from: at }],
      sequence: event.sequence,
    };
  }
  if (fact === undefined) return undefined;
  const next = { ...fact, state: event.data.state, sequence: event.sequence };
  switch (event.type) {
    case 'itsm.incident.assigned.v1': {
      const d = event.data;
      const current = currentAssignment(fact);
      const moved = current.groupId !== d.groupId || current.orgId !== d.orgId;
      return {
        ...next,
        acknowledgedAt: fact.acknowledgedAt ?? (d.assigneeId !== null && byPerson(event) ? at : null),
        assignments: moved ? [...fact.assignments, { groupId: d.groupId, orgId: d.orgId, from: at }] : fact.assignments,
      };
    }
    case 'itsm.incident.work-started.v1':
      return { ...next, acknowledgedAt: fact.acknowledgedAt ?? at };
    case 'itsm.incident.resolved.v1':
      return { ...next, resolvedAt: at, firstResolvedAt: fact.firstResolvedAt ?? at };
    case 'itsm.incident.reopened.v1':
      return { ...next, resolvedAt: null, reopenCount: event.data.reopenCount };
    case 'itsm.incident.closed.v1':
      // Closed without a resolution seen (its resolved event lost to a dead letter): the closing is when it was settled.
      return fact.resolvedAt !== null ? next : { ...next, resolvedAt: at, firstResolvedAt: fact.firstResolvedAt ?? at };
    case 'itsm.incident.canceled.v1':
      return { ...next, resolvedAt: null, canceledAt: at };
    case 'itsm.incident.reprioritised.v1':
      return { ...next, priority: event.data.priority };
    default:
      return next;
  }
}

/** Whether the incident is still being worked on (part of the backlog). */
export const isOpenIncident = (fact: Pick<IncidentFact, 'state'>): boolean => fact.state === 'new' || fact.state === 'in_progress' || fact.state === 'on_hold';
