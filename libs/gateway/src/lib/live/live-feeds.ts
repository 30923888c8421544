import { changeTopic, incidentTopic, NOTIFICATION_EVENT_TYPES, notificationTopic, requestTopic } from '@itsm/contracts';

/** What a feed reads of an event: its type, its subject (the Kafka key) and its payload (checked by the bus against the contract). */
export interface LiveEvent {
  readonly type: string;
  readonly subject: string;
  readonly data: unknown;
}

/** The string `field` of an event's payload, when there is one. */
function dataId(field: string): (event: LiveEvent) => string | undefined {
  return (event) => {
    const value = event.data !== null && typeof event.data === 'object' ? (event.data as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
}

/**
 * A subscription field the gateway serves from a context's event stream: on each event of `topic`
 * about an entity (the event's subject), every subscriber's selection is run again as the query
 * `lookup(id: <subject>)` with the subscriber's own credentials, so what a subscriber receives is
 * exactly what its queries would show (a ticket it may not see answers NOT_FOUND and is not sent).
 */
export interface LiveFeed {
  /** The `Subscription` field, e.g. `incidentChanged`. */
  readonly field: string;
  /** The topic whose events drive it. */
  readonly topic: string;
  /** The entity an event of the topic changed (undefined: an event about another kind of record). */
  readonly idOf: (event: LiveEvent) => string | undefined;
  /**
   * Whom the change is for, when only they can see it (token subjects: a person's id and user
   * name): other subscribers are not asked at all. A prefilter only: what a subscriber receives is
   * still what its lookup answers. Absent: anyone may.
   */
  readonly audience?: (event: LiveEvent) => readonly string[];
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
  topic: incidentTopic.name,
  // Keyed by the incident's id.
  idOf: (event) => event.subject,
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

/** Changes: every event of a change (state, risk, approvals, schedule); CAB meetings' events are not changes. */
export const CHANGE_CHANGED: LiveFeed = {
  field: 'changeChanged',
  topic: changeTopic.name,
  idOf: dataId('changeId'),
  lookup: 'change',
  entity: 'Change',
  filter: { ids: 'id', states: 'state', assignmentGroupId: 'assignmentGroupId', assigneeId: 'assigneeId', requesterId: 'requesterId' },
  sdl: `
"Which change updates a subscriber receives: every field given must match (a list: any of its values)."
input ChangeChangedFilter {
  ids: [ID!]
  states: [ChangeState!]
  assignmentGroupId: String
  assigneeId: String
  requesterId: String
}`,
  definition: `
  "A change the caller may see changed: its state after the change, as the query change(id) answers it"
  changeChanged(filter: ChangeChangedFilter): Change!`,
};

/** Service requests: every event of a request, its items, approvals, tasks and comments. */
export const REQUEST_CHANGED: LiveFeed = {
  field: 'requestChanged',
  topic: requestTopic.name,
  idOf: dataId('requestId'),
  lookup: 'request',
  entity: 'ServiceRequest',
  filter: { ids: 'id', states: 'state', requestedById: 'requestedById', requestedForId: 'requestedForId' },
  sdl: `
"Which request updates a subscriber receives: every field given must match (a list: any of its values)."
input RequestChangedFilter {
  ids: [ID!]
  states: [RequestState!]
  requestedById: ID
  requestedForId: ID
}`,
  definition: `
  "A service request the caller may see changed (state, items, approvals, tasks, comments), as the query request(id) answers it"
  requestChanged(filter: RequestChangedFilter): ServiceRequest!`,
};

/** The string fields `fields` of an event's payload that are set. */
function dataStrings(event: LiveEvent, fields: readonly string[]): string[] {
  return fields.flatMap((field) => dataId(field)(event) ?? []);
}

/**
 * The caller's in-app inbox: an entry arrived (at once, or when quiet hours deferring it ended).
 * Only the event's person is asked (by directory id or user name, as the notification context knows
 * a signed-in caller); `myNotification(id)` answers anyone else NOT_FOUND anyway.
 */
export const NOTIFICATION_RECEIVED: LiveFeed = {
  field: 'notificationReceived',
  topic: notificationTopic.name,
  idOf: (event) => (event.type === NOTIFICATION_EVENT_TYPES.inAppDelivered ? dataId('deliveryId')(event) : undefined),
  audience: (event) => dataStrings(event, ['personId', 'userName']),
  lookup: 'myNotification',
  entity: 'InboxNotification',
  filter: { categories: 'category', urgent: 'urgent' },
  sdl: `
"Which inbox entries a subscriber receives: every field given must match (a list: any of its values)."
input NotificationReceivedFilter {
  categories: [String!]
  urgent: Boolean
}`,
  definition: `
  "An entry arrived in the caller's in-app inbox, as the query myNotification(id) answers it"
  notificationReceived(filter: NotificationReceivedFilter): InboxNotification!`,
};

/** The feeds this gateway serves (each where the supergraph composes its entity and lookup). */
export const LIVE_FEEDS: readonly LiveFeed[] = [INCIDENT_CHANGED, CHANGE_CHANGED, REQUEST_CHANGED, NOTIFICATION_RECEIVED];
