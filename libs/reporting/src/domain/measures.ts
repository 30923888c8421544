import type { IncidentFact } from './incident-fact';

/** What a report groups or filters incidents by (each fact's value now; none is ''). */
export const DIMENSIONS = ['priority', 'service', 'group', 'supplier', 'customer'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The incident measures rolled up, each a count or a sum of milliseconds at an instant:
 * opened (at opening), acknowledged and ackMs (time from opening to the first acknowledgement),
 * resolved, resolveMs (opening to resolution, wall time), reopened (resolved after at least one
 * reopen) and firstTimeFix (resolved by its first group, never passed on, never reopened) at the
 * resolution, canceled, and handedOver (an organisation's hold ended with the ticket going to
 * another one: the "ping-pong" of a supplier scorecard, counted for the organisation and group it left).
 */
export const INCIDENT_MEASURES = ['opened', 'acknowledged', 'ackMs', 'resolved', 'resolveMs', 'reopened', 'firstTimeFix', 'canceled', 'handedOver'] as const;
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

/** A fact's dimension values now ('' for none). */
export function incidentDimensions(fact: IncidentFact): DimensionValues {
  return { priority: String(fact.priority), service: fact.serviceId ?? '', group: fact.groupId ?? '', supplier: fact.supplierOrgId ?? '', customer: fact.customerOrgId ?? '' };
}

/** Everything `fact` adds to the rollups, as it stands now (a later event moves its amounts: its days are rolled up again). */
export function incidentContributions(fact: IncidentFact): Contribution[] {
  const dims = incidentDimensions(fact);
  const out: Contribution[] = [{ measure: 'opened', at: fact.openedAt, value: 1, dims }];
  const add = (measure: IncidentMeasure, at: number, value: number, under: DimensionValues = dims): void => void out.push({ measure, at, value, dims: under });
  if (fact.acknowledgedAt !== null) {
    add('acknowledged', fact.acknowledgedAt, 1);
    add('ackMs', fact.acknowledgedAt, fact.acknowledgedAt - fact.openedAt);
  }
  if (fact.resolvedAt !== null) {
    add('resolved', fact.resolvedAt, 1);
    add('resolveMs', fact.resolvedAt, fact.resolvedAt - fact.openedAt);
    if (fact.reopenCount > 0) add('reopened', fact.resolvedAt, 1);
    else if (fact.groupChanges === 0) add('firstTimeFix', fact.resolvedAt, 1);
  }
  if (fact.canceledAt !== null) add('canceled', fact.canceledAt, 1);
  for (const hold of fact.holds) {
    if (hold.to !== null && hold.to !== fact.canceledAt) add('handedOver', hold.to, 1, { ...dims, supplier: hold.orgId, group: hold.groupId ?? '' });
  }
  return out;
}
