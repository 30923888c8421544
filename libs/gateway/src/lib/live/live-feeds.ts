/**
 * A subscription field the gateway serves from a context's event stream: on each event of `topic`
 * about an entity (the event's subject), every subscriber's selection is run again as the query
 * `lookup(id: <subject>)` with the subscriber's own credentials, so what a subscriber receives is
 * exactly what its queries would show (a ticket it may not see answers NOT_FOUND and is not sent).
 */
export interface LiveFeed {
  /** The `Subscription` field, e.g. `incidentChanged`. */
  readonly field: string;
  /** The topic whose events (keyed by the entity's id) drive it. */
  readonly topic: string;
  /** The root query field answering one entity by `id: ID!`. */
  readonly lookup: string;
  /** The entity type both fields return. */
  readonly entity: string;
  /** The filter input's fields, each naming the entity field it matches (a list matches any of its values). */
  readonly filter: Readonly<Record<string, string>>;
  /** The SDL of the field's arguments' types (added to the supergraph's API for subscriptions). */
  readonly sdl: string;
  /** The field's definition inside `type Subscription { ... }`. */
  readonly definition: string;
}

/** Incidents: every event of the incident stream (opened, assigned, held, resolved, noted, ...). */
export const INCIDENT_CHANGED: LiveFeed = {
  field: 'incidentChanged',
  topic: 'itsm.incident.v1',
  lookup: 'incident',
  entity: 'Incident',
  filter: { ids: 'id', states: 'state', priorities: 'priority', assignmentGroupId: 'assignmentGroupId', assigneeId: 'assigneeId', callerId: 'callerId' },
  sdl: `
"Which incident changes a subscriber receives: every field given must match (a list: any of its values)."
input IncidentChangedFilter {
  ids: [ID!]
  states: [IncidentState!]
  priorities: [Int!]
  assignmentGroupId: String
  assigneeId: String
  callerId: String
}`,
  definition: `
  "An incident the caller may see changed (any event of its stream): its state after the change, as the query incident(id) answers it"
  incidentChanged(filter: IncidentChangedFilter): Incident!`,
};

/** The feeds this gateway serves. */
export const LIVE_FEEDS: readonly LiveFeed[] = [INCIDENT_CHANGED];
