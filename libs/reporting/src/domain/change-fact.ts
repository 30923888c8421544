import type { changeTopic, EventOf } from '@itsm/contracts';
import { dayOf } from './rollups';

export type ChangeTopicEvent = EventOf<typeof changeTopic>;
type CabOrUnauthorisedType =
  | 'itsm.change.cab-decision-recorded.v1'
  | 'itsm.change.cab-minutes-published.v1'
  | 'itsm.change.unauthorised-change-detected.v1'
  | 'itsm.change.unauthorised-change-resolved.v1';
/** An event of one change (each carries the change's whole state after it). */
export type ChangeRecordEvent = Exclude<ChangeTopicEvent, { type: CabOrUnauthorisedType }>;
export type ChangeModel = ChangeRecordEvent['data']['model'];
export type ChangeCloseCode = NonNullable<ChangeRecordEvent['data']['closeCode']>;

/**
 * What reporting keeps of one change, from its events alone: its classification now (model, risk,
 * services, assignment group and supplier organisation) and the instants its measures count at.
 * `sequence` is the last event of its subject applied: one at or below it changes nothing.
 */
export interface ChangeFact {
  /** The subject (Kafka key) of its events. */
  readonly key: string;
  readonly id: string;
  readonly number: string;
  readonly model: ChangeModel;
  readonly riskLevel: string | null;
  readonly serviceIds: readonly string[];
  readonly groupId: string | null;
  readonly orgId: string | null;
  readonly state: ChangeRecordEvent['data']['state'];
  /** Null when its request is older than the first event seen. */
  readonly requestedAt: number | null;
  /** First entered Implement. */
  readonly implementedAt: number | null;
  /** Entered Closed (only from Review, after implementation: it carries a close code). */
  readonly closedAt: number | null;
  readonly canceledAt: number | null;
  readonly closeCode: ChangeCloseCode | null;
  /** An emergency change authorised after its implementation started. */
  readonly retrospectivelyAuthorised: boolean;
  readonly sequence: number;
}

/** An unauthorised-change record (discovery changed a CI while no authorised change was implementing on it). */
export interface UnauthorisedChangeFact {
  readonly key: string;
  readonly id: string;
  readonly ciId: string;
  readonly detectedAt: number;
  readonly resolvedAt: number | null;
  readonly resolution: 'acknowledged' | 'linked' | null;
  readonly sequence: number;
}

const NOT_OF_A_CHANGE: ReadonlySet<string> = new Set<CabOrUnauthorisedType>([
  'itsm.change.cab-decision-recorded.v1',
  'itsm.change.cab-minutes-published.v1',
  'itsm.change.unauthorised-change-detected.v1',
  'itsm.change.unauthorised-change-resolved.v1',
]);

export const isChangeRecordEvent = (event: ChangeTopicEvent): event is ChangeRecordEvent => !NOT_OF_A_CHANGE.has(event.type);

/**
 * The change's fact after `event`: created by its first event seen (`requestedAt` null when that is not
 * `requested`: a request older than the topics keep is not counted as one), then its classification
 * taken from each event's state and its instants from the state changes. `fact` itself for an event
 * already applied.
 */
export function evolveChangeFact(fact: ChangeFact | undefined, event: ChangeRecordEvent): ChangeFact | undefined {
  if (fact !== undefined && event.sequence <= fact.sequence) return fact;
  const d = event.data;
  const at = Date.parse(d.at);
  // A change first seen after its request (its history older than the topics keep: a rebuild's horizon, or the
  // projection deployed later) still counts from then on: each event carries the change's whole state.
  const base = fact ?? { key: event.subject, id: d.changeId, requestedAt: event.type === 'itsm.change.requested.v1' ? at : null, implementedAt: null, closedAt: null, canceledAt: null };
  const entered = event.type === 'itsm.change.state-changed.v1' && d.state !== event.data.previousState ? d.state : null;
  return {
    ...base,
    number: d.number,
    model: d.model,
    riskLevel: d.risk?.level ?? null,
    serviceIds: [...d.serviceIds],
    groupId: d.assignmentGroupId,
    orgId: d.assignedOrgId,
    state: d.state,
    implementedAt: base.implementedAt ?? (entered === 'implement' || d.state === 'implement' ? at : null),
    closedAt: entered === 'closed' ? at : base.closedAt,
    canceledAt: entered === 'canceled' ? at : base.canceledAt,
    closeCode: d.closeCode,
    retrospectivelyAuthorised: d.retrospectivelyAuthorised,
    sequence: event.sequence,
  };
}

/** The record's fact after `event` (detected creates it, resolved settles it); undefined for a resolution of a record never seen. */
export function evolveUnauthorisedFact(fact: UnauthorisedChangeFact | undefined, event: ChangeTopicEvent): UnauthorisedChangeFact | undefined {
  if (fact !== undefined && event.sequence <= fact.sequence) return fact;
  switch (event.type) {
    case 'itsm.change.unauthorised-change-detected.v1':
      if (fact !== undefined) return { ...fact, sequence: event.sequence };
      return { key: event.subject, id: event.data.recordId, ciId: event.data.ciId, detectedAt: Date.parse(event.data.at), resolvedAt: null, resolution: null, sequence: event.sequence };
    case 'itsm.change.unauthorised-change-resolved.v1':
      if (fact === undefined) return undefined;
      return { ...fact, resolvedAt: Date.parse(event.data.at), resolution: event.data.resolution, sequence: event.sequence };
    default:
      return fact === undefined ? undefined : { ...fact, sequence: event.sequence };
  }
}

/** The UTC days of a change's instants (what a range query finds it by). */
export const changeFactDays = (fact: ChangeFact): number[] => [...new Set([fact.requestedAt, fact.implementedAt, fact.closedAt, fact.canceledAt].filter((at): at is number => at !== null).map(dayOf))];
export const unauthorisedFactDays = (fact: UnauthorisedChangeFact): number[] => [...new Set([fact.detectedAt, fact.resolvedAt].filter((at): at is number => at !== null).map(dayOf))];
