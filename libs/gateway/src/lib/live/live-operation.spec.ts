import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { queryLimitRules } from '../query-limits';
import { CHANGE_CHANGED, INCIDENT_CHANGED, LIVE_FEEDS, NOTIFICATION_RECEIVED, REQUEST_CHANGED } from './live-feeds';
import { LIVE_ID_VARIABLE, liveAnswer, liveSchema, matchesFilter, prepareLiveOperation } from './live-operation';
import type { LiveOperation } from './live-operation';

const API = buildSchema(`
  type Query { incident(id: ID, number: String): Incident! }
  enum IncidentState { new in_progress on_hold resolved }
  type Note { body: String! }
  type Incident { id: ID! number: String! state: IncidentState! priority: Int! assignmentGroupId: String assigneeId: String callerId: String! notes: [Note!]! }
`);
const schema = liveSchema(API, LIVE_FEEDS);
const LIMITS = { maxDepth: 10, maxCost: 5000, maxAliases: 10 };

function prepared(query: string, variables?: Record<string, unknown>, operationName?: string): LiveOperation {
  const operation = prepareLiveOperation(schema, LIVE_FEEDS, { query, variables: variables ?? null, operationName: operationName ?? null }, queryLimitRules(LIMITS));
  if (Array.isArray(operation)) throw new Error(`refused: ${operation.map((error) => error.message).join('; ')}`);
  return operation as LiveOperation;
}

function refusal(query: string, variables?: Record<string, unknown>, rules = queryLimitRules(LIMITS)): GraphQLError[] {
  const operation = prepareLiveOperation(schema, LIVE_FEEDS, { query, variables: variables ?? null }, rules);
  if (!Array.isArray(operation)) throw new Error('accepted');
  return operation as GraphQLError[];
}

const codes = (errors: readonly GraphQLError[]) => errors.map((error) => error.extensions['reason'] ?? error.extensions['code']);

describe('liveSchema and the feeds', () => {
  it('adds the feeds the supergraph composes to the API as its subscription root, once per composed schema', () => {
    expect(Object.keys(schema.getSubscriptionType()?.getFields() ?? {})).toEqual(['incidentChanged']);
    expect(schema.getSubscriptionType()?.getFields()['incidentChanged']?.type.toString()).toBe('Incident!');
    expect(liveSchema(API, LIVE_FEEDS)).toBe(schema);
    const withChanges = buildSchema(`
      type Query { change(id: ID): Change! request(id: ID!): ServiceRequest! }
      enum ChangeState { new assess } enum RequestState { submitted }
      type Change { id: ID! state: ChangeState! }
      type ServiceRequest { id: ID! state: RequestState! }
      type Subscription { other: Int }
    `);
    expect(Object.keys(liveSchema(withChanges, LIVE_FEEDS).getSubscriptionType()?.getFields() ?? {})).toEqual(['other', 'changeChanged', 'requestChanged']);
    expect(() => liveSchema(buildSchema('type Query { a: Int }'), LIVE_FEEDS)).toThrow('composes none of Incident, Change, ServiceRequest, InboxNotification');
  });

  it("reads the changed entity of each feed's events: the incident stream's key, a change's and a request's id in the payload", () => {
    expect(INCIDENT_CHANGED.idOf({ type: 'itsm.incident.assigned.v1', subject: 'i-1', data: {} })).toBe('i-1');
    expect(CHANGE_CHANGED.idOf({ type: 'itsm.change.updated.v1', subject: 'ab12', data: { changeId: 'c-1', state: 'new' } })).toBe('c-1');
    expect(CHANGE_CHANGED.idOf({ type: 'itsm.change.cab-meeting-scheduled.v1', subject: 'ab13', data: { meetingId: 'm-1' } })).toBeUndefined();
    expect(REQUEST_CHANGED.idOf({ type: 'itsm.request.submitted.v1', subject: 'ab14', data: { requestId: 'r-1' } })).toBe('r-1');
    expect(REQUEST_CHANGED.idOf({ type: 'itsm.request.submitted.v1', subject: 'ab15', data: null })).toBeUndefined();
  });

  it('follows inbox arrivals only (not replies, which name a delivery too), for the person they are for', () => {
    const arrival = { type: NOTIFICATION_EVENT_TYPES.inAppDelivered, subject: 'd-1', data: { deliveryId: 'd-1', personId: 'n-alice', userName: 'alice@contoso.example', category: 'assignment', urgent: false } };
    expect(NOTIFICATION_RECEIVED.idOf(arrival)).toBe('d-1');
    expect(NOTIFICATION_RECEIVED.audience?.(arrival)).toEqual(['n-alice', 'alice@contoso.example']);
    expect(NOTIFICATION_RECEIVED.audience?.({ ...arrival, data: { ...arrival.data, userName: null } })).toEqual(['n-alice']);
    expect(NOTIFICATION_RECEIVED.idOf({ type: NOTIFICATION_EVENT_TYPES.replyReceived, subject: 't-1', data: { deliveryId: 'd-2', personId: 'n-alice' } })).toBeUndefined();
  });
});

describe('prepareLiveOperation', () => {
  it('serves subscriptions only: queries and mutations are sent to HTTP', () => {
    expect(codes(refusal('{ incident(id: "1") { id } }'))).toEqual(['BAD_REQUEST']);
  });

  it('refuses what the schema refuses, a parse error, a variable of the wrong type, and an operation over the limits', () => {
    expect(codes(refusal('subscription { incidentChanged { nope } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(refusal('subscription { incidentChanged {'))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(refusal('subscription ($p: [Int!]) { incidentChanged(filter: { priorities: $p }) { id } }', { p: ['high'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(refusal('subscription { incidentChanged { notes { body } } }', undefined, queryLimitRules({ ...LIMITS, maxDepth: 1 })))).toEqual(['GATEWAY.MAX_DEPTH']);
  });

  it('turns the subscription into the query of one incident that the API validates, with the fragments it uses and the variables it still uses', () => {
    const operation = prepared(
      'subscription Watch($states: [IncidentState!]) { changed: incidentChanged(filter: { states: $states }) { id ...More } } fragment More on Incident { number ...Deeper } fragment Deeper on Incident { notes { body } } fragment Unused on Incident { callerId } query Other($n: String) { incident(number: $n) { id ...Unused } }',
      { states: ['new'], n: 'INC1' },
      'Watch',
    );
    expect(validate(API, parse(operation.query))).toEqual([]);
    expect(operation.query).toBe(`query Watch($${LIVE_ID_VARIABLE}: ID!) {\n  incident(id: $${LIVE_ID_VARIABLE}) {\n    id\n    ...More\n  }\n}\n\nfragment More on Incident {\n  number\n  ...Deeper\n}\n\nfragment Deeper on Incident {\n  notes {\n    body\n  }\n}`);
    expect([operation.responseKey, operation.operationName, operation.variables, operation.ids]).toEqual(['changed', 'Watch', {}, null]);
    expect(operation.filter).toEqual(new Map([['state', ['new']]]));
    expect(operation.filterQuery).toBe(`query ($${LIVE_ID_VARIABLE}: ID!) {\n  incident(id: $${LIVE_ID_VARIABLE}) {\n    state\n  }\n}`);
  });

  it('takes the ids apart (no filter query for them), and the id in another variable when the subscription uses its name', () => {
    const operation = prepared(`subscription ($${LIVE_ID_VARIABLE}: ID!) { incidentChanged(filter: { ids: [$${LIVE_ID_VARIABLE}, "i-2"] }) { id } }`, { [LIVE_ID_VARIABLE]: 'i-1' });
    expect([operation.ids, operation.filterQuery, operation.idVariable, operation.variables]).toEqual([new Set(['i-1', 'i-2']), null, `${LIVE_ID_VARIABLE}_`, {}]);
    expect(validate(API, parse(operation.query))).toEqual([]);
  });

  it('refuses fragments around the root field, which the re-query could not carry', () => {
    expect(codes(refusal('subscription { ... on Subscription { incidentChanged { id } } }'))).toEqual(['BAD_REQUEST']);
    expect(codes(refusal('subscription { ...Root } fragment Root on Subscription { incidentChanged { id } }'))).toEqual(['BAD_REQUEST']);
  });
});

describe('matchesFilter and liveAnswer', () => {
  const operation = prepared('subscription { changed: incidentChanged(filter: { states: [new, in_progress], assignmentGroupId: "g-1" }) { id number } }');
  const incident = (fields: Record<string, unknown>) => ({ data: { [INCIDENT_CHANGED.lookup]: { id: 'i-1', number: 'INC1', ...fields } } });

  it('matches when every filter field given matches (a list: any of its values), on the filter query\'s answer', () => {
    expect(matchesFilter(operation, incident({ state: 'new', assignmentGroupId: 'g-1' }))).toBe(true);
    expect(matchesFilter(operation, incident({ state: 'in_progress', assignmentGroupId: 'g-1' }))).toBe(true);
    expect(matchesFilter(operation, incident({ state: 'resolved', assignmentGroupId: 'g-1' }))).toBe(false);
    expect(matchesFilter(operation, incident({ state: 'new', assignmentGroupId: 'g-2' }))).toBe(false);
    expect(matchesFilter(operation, { data: null })).toBe(false);
  });

  it('sends the incident under the subscription key, a partial answer\'s errors under it too', () => {
    expect(liveAnswer(operation, incident({}))).toEqual({ data: { changed: { id: 'i-1', number: 'INC1' } } });
    const partial = liveAnswer(operation, { ...incident({}), errors: [new GraphQLError('sla down', { path: ['incident', 'slas'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] });
    expect(partial?.errors?.map((error) => [error.path, error.extensions['code']])).toEqual([[['changed', 'slas'], 'SUBGRAPH_UNAVAILABLE']]);
  });

  it('sends nothing without the incident: not visible to the subscriber, or unknown whether it is (a failure must not tell of a ticket it may not see)', () => {
    expect(liveAnswer(operation, { data: null, errors: [new GraphQLError('incident i-1 not found', { extensions: { code: 'INCIDENT.NOT_FOUND' } })] })).toBeUndefined();
    expect(liveAnswer(operation, { data: null, errors: [new GraphQLError('incident subgraph unavailable', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] })).toBeUndefined();
  });
});
