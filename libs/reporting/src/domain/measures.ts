import { assignmentAt, groupChangesBefore } from './incident-fact';
import type { IncidentFact } from './incident-fact';

/** What a report groups or filters incidents by (each fact's value now; none is ''). */
export const DIMENSIONS = ['priority', 'service', 'group', 'supplier', 'customer'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The incident measures rolled up, each a count or a sum of milliseconds at an instant, counted for
 * the group and organisation that had the incident at that instant (priority, service and customer:
 * its values now): opened (at opening), acknowledged and ackMs (opening to the first
 * acknowledgement), resolved and resolveMs (opening to its first resolution, wall time), reopened
 * (of those, the ones later reopened) and firstTimeFix (resolved by the first group, never passed on
 * before, never reopened) at the first resolution, canceled, handedOver (an organisation passed the
 * ticket to another: the "ping-pong" of a supplier scorecard, counted for the one it left), and
 * holdsEnded and heldMs (an organisation's time with the ticket, from its assignment to the handover,
 * the resolution or the cancellation, counted when it ended).
 */
export const INCIDENT_MEASURES = ['opened', 'acknowledged', 'ackMs', 'resolved', 'resolveMs', 'reopened', 'firstTimeFix', 'canceled', 'handedOver', 'holdsEnded', 'heldMs'] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];

/** A report's filter: one dimension's value. */
export interface ReportFilter {
  readonly dimension: Dimension;
  readonly value: string;
}

export type DimensionValues = Readonly<Record<Dimension, string>>;

/** One amount a fact adds to a measure at an instant, under its dimension values. */
export interface Contribution {
  readonly measure: IncidentMeasure;
  readonly at: number;
  readonly value: number;
  readonly dims: DimensionValues;
}

/** A fact's dimension values at `at`: who had it then; its priority, service and customer now ('' for none). */
export function incidentDimensions(fact: IncidentFact, at: number = Number.MAX_SAFE_INTEGER): DimensionValues {
  const holder = assignmentAt(fact, at);
  return { priority: String(fact.priority), service: fact.serviceId ?? '', group: holder.groupId ?? '', supplier: holder.orgId ?? '', customer: fact.customerOrgId ?? '' };
}

/** The organisations' holds: maximal runs of assignments to one organisation, each ended by a handover or the settlement (or still running: end null). */
function holdsOf(fact: IncidentFact): { orgId: string; groupId: string | null; from: number; to: number | null; handedOver: boolean }[] {
  const settledAt = fact.resolvedAt ?? fact.canceledAt;
  const holds: { orgId: string; groupId: string | null; from: number; to: number | null; handedOver: boolean }[] = [];
  let current: (typeof holds)[number] | undefined;
  for (const assignment of fact.assignments) {
    if (current !== undefined && current.orgId === assignment.orgId) {
      current.groupId = assignment.groupId;
      continue;
    }
    if (current !== undefined) {
      current.to = assignment.from;
      current.handedOver = assignment.orgId !== null;
    }
    current = assignment.orgId === null ? undefined : { orgId: assignment.orgId, groupId: assignment.groupId, from: assignment.from, to: null, handedOver: false };
    if (current !== undefined) holds.push(current);
  }
  if (current !== undefined && current.to === null && settledAt !== null) current.to = settledAt;
  return holds;
}

/** Everything `fact` adds to the rollups, as it stands now (a later event moves its amounts: its days are rolled up again). */
export function incidentContributions(fact: IncidentFact): Contribution[] {
  const out: Contribution[] = [];
  const add = (measure: IncidentMeasure, at: number, value: number, dims: DimensionValues = incidentDimensions(fact, at)): void => void out.push({ measure, at, value, dims });
  add('opened', fact.openedAt, 1);
  if (fact.acknowledgedAt !== null) {
    add('acknowledged', fact.acknowledgedAt, 1);
    add('ackMs', fact.acknowledgedAt, fact.acknowledgedAt - fact.openedAt);
  }
  const resolved = fact.firstResolvedAt;
  if (resolved !== null) {
    add('resolved', resolved, 1);
    add('resolveMs', resolved, resolved - fact.openedAt);
    if (fact.reopenCount > 0) add('reopened', resolved, 1);
    else if (groupChangesBefore(fact, resolved) === 0) add('firstTimeFix', resolved, 1);
  }
  if (fact.canceledAt !== null) add('canceled', fact.canceledAt, 1);
  for (const hold of holdsOf(fact)) {
    if (hold.to === null) continue;
    const dims = { ...incidentDimensions(fact, hold.to), supplier: hold.orgId, group: hold.groupId ?? '' };
    if (hold.handedOver) add('handedOver', hold.to, 1, dims);
    add('holdsEnded', hold.to, 1, dims);
    add('heldMs', hold.to, hold.to - hold.from, dims);
  }
  return out;
}
