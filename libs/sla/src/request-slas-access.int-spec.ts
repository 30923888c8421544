import { requestTopic } from '@itsm/contracts';
import type { Role } from '@itsm/platform/auth';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import { SaveSlaCalendarHandler } from './application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from './application/commands/save-sla-definition/save-sla-definition.handler';
import type { SlaDefinition } from './domain';
import { ALWAYS_OPEN } from './domain';
import { itemFacts, RequestFeed, taskFacts } from './messaging/test-fixtures/request-feed';
import { SlaTicketStore } from './persistence';
import { slaContext } from './sla.context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NONE = { priorities: [], serviceIds: [], customerOrgIds: [], supplierOrgIds: [], assignmentGroupIds: [], offeringIds: [], catalogItemIds: [] };
const base = { kind: 'SLA', target: 'resolution', scope: 'ticket', warningThresholds: [50], calendarId: ALWAYS_OPEN.id, timeZone: 'UTC', timeZoneSource: 'definition', active: true, appliesTo: NONE } as const;
const TASK_CONDITIONS = { start: ['open', 'in_progress'], pause: [], resume: [], stop: ['closed_complete', 'closed_failed', 'closed_skipped'], cancel: ['canceled'], reset: [] };

const DEFINITIONS: readonly SlaDefinition[] = [
  { ...base, id: 'acc-request-8h', name: 'Request within 8 hours', ticketType: 'request', targetMs: 8 * HOUR, conditions: { start: ['open'], pause: [], resume: [], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled'], reset: [] } },
  { ...base, id: 'acc-item-8h', name: 'Item within 8 hours', ticketType: 'requested_item', targetMs: 8 * HOUR, conditions: { start: ['approved', 'in_fulfilment'], pause: [], resume: [], stop: ['closed_complete'], cancel: ['canceled', 'rejected'], reset: [] } },
  { ...base, id: 'acc-task-4h', name: 'Task within 4 hours', ticketType: 'task', targetMs: 4 * HOUR, conditions: TASK_CONDITIONS },
  { ...base, id: 'acc-task-ola-2h', name: 'Desk OLA: task within 2 hours', kind: 'OLA', ticketType: 'task', scope: 'group_segment', targetMs: 2 * HOUR, appliesTo: { ...NONE, assignmentGroupIds: ['grp-desk'] }, conditions: TASK_CONDITIONS },
  { ...base, id: 'acc-uc-tailspin-1h', name: 'Tailspin UC: task within 1 hour', kind: 'UC', ticketType: 'task', scope: 'supplier_segment', targetMs: HOUR, appliesTo: { ...NONE, supplierOrgIds: ['org-tailspin'] }, conditions: TASK_CONDITIONS },
];

/** Every request type's clocks by federation (`_entities`, as the gateway asks the SLA subgraph). */
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on ServiceRequest { id slas { definitionId } }
  ... on RequestedItem { id slas { definitionId } }
  ... on FulfilmentTask { id slas { definitionId } }
  ... on FulfilmentTaskView { id slas { definitionId } }
} }`;
const REPRESENTATIONS = [
  { __typename: 'ServiceRequest', id: 'req-acc-1' },
  { __typename: 'RequestedItem', id: 'ritm-acc-1' },
  { __typename: 'FulfilmentTask', id: 'task-acc-desk' },
  { __typename: 'FulfilmentTask', id: 'task-acc-tailspin' },
  { __typename: 'FulfilmentTaskView', id: 'task-acc-tailspin' },
];
const REQUEST_SLAS = 'query ($type: SlaTicketType!, $id: ID!) { requestSlas(ticketType: $type, ticketId: $id) { definitionId } }';
const REPAIR = 'mutation ($type: SlaTicketType, $id: ID, $incidentId: ID) { repairSlaClocks(ticketType: $type, ticketId: $id, incidentId: $incidentId) { definitionId stage startedAt } }';

describe("SLA clocks on the catalogue's request types: federated `slas`, one access rule with requestSlas, repair (the SLA context on the peers)", () => {
  let context: SpecContext;
  const t0 = Date.now() - 2 * HOUR;

  /** The definition ids of each represented ticket's clocks, as this caller sees them through `_entities`. */
  async function seen(sub: string, roles: readonly Role[], org?: string): Promise<Record<string, string[]>> {
    const answer = await context.graphql(await context.token(sub, roles, org), ENTITIES, { representations: REPRESENTATIONS });
    expect(answer.errors).toBeUndefined();
    const entities = answer.data?.['_entities'] as unknown as { id: string; slas: { definitionId: string }[] }[];
    return Object.fromEntries(entities.map((e, i) => [`${REPRESENTATIONS[i]?.__typename}:${e.id}`, e.slas.map((c) => c.definitionId).sort()]));
  }

  beforeAll(async () => {
    context = await bootContextForSpec(slaContext, { mongoUrl: testPeers().mongoUrl, settings: { policyPollMs: 60_000, checkpointMs: 200, fireBatchSize: 100 }, probeTopics: ['itsm.sla.v1'] });
    await context.app.get(SaveSlaCalendarHandler).execute({ by: 'admin', calendar: ALWAYS_OPEN, expectedVersion: 0 });
    for (const definition of DEFINITIONS) await context.app.get(SaveSlaDefinitionHandler).execute({ by: 'admin', definition, expectedVersion: 0 });
    // p-ann orders a laptop for p-bob; one task for the desk, one for the supplier Tailspin.
    const f = new RequestFeed({ requestId: 'req-acc-1', number: 'REQ0008001', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
    const item = itemFacts({ requestedItemId: 'ritm-acc-1', number: 'RITM0008001' });
    const fulfilling = { ...item, state: 'in_fulfilment' as const };
    await context.bus.publishEnvelopes(requestTopic.name, [
      f.submitted([item], t0),
      f.itemStateChanged({ ...item, state: 'approved' }, 'awaiting_approval', t0 + 5 * MINUTE),
      f.itemStateChanged(fulfilling, 'approved', t0 + 5 * MINUTE),
      f.taskStateChanged(fulfilling, taskFacts({ taskId: 'task-acc-desk', number: 'TASK0008001', requestedItemId: 'ritm-acc-1', groupId: 'grp-desk' }), null, t0 + 5 * MINUTE),
      f.taskStateChanged(fulfilling, taskFacts({ taskId: 'task-acc-tailspin', number: 'TASK0008002', requestedItemId: 'ritm-acc-1', key: 'ship', groupId: 'grp-tailspin', groupOrgId: 'org-tailspin' }), null, t0 + 5 * MINUTE),
    ]);
    await expectEventually(async () => {
      expect((await context.app.get(SlaTicketStore).find('task', 'task-acc-tailspin'))?.clocks.map((c) => c.definitionId).sort()).toEqual(['acc-task-4h', 'acc-uc-tailspin-1h']);
    });
  });

  afterAll(async () => {
    await context.close();
  });

  it('staff and catalogue admins see every clock; the person it is for and whoever ordered it for them the SLA clocks; anyone else none', async () => {
    const all = {
      'ServiceRequest:req-acc-1': ['acc-request-8h'],
      'RequestedItem:ritm-acc-1': ['acc-item-8h'],
      'FulfilmentTask:task-acc-desk': ['acc-task-4h', 'acc-task-ola-2h'],
      'FulfilmentTask:task-acc-tailspin': ['acc-task-4h', 'acc-uc-tailspin-1h'],
      'FulfilmentTaskView:task-acc-tailspin': ['acc-task-4h', 'acc-uc-tailspin-1h'],
    };
    expect(await seen('u-desk-agent', ['agent'])).toEqual(all);
    expect(await seen('u-catalogue-admin', ['catalogue-admin'])).toEqual(all);
    const customerFacing = {
      'ServiceRequest:req-acc-1': ['acc-request-8h'],
      'RequestedItem:ritm-acc-1': ['acc-item-8h'],
      'FulfilmentTask:task-acc-desk': ['acc-task-4h'],
      'FulfilmentTask:task-acc-tailspin': ['acc-task-4h'],
      'FulfilmentTaskView:task-acc-tailspin': ['acc-task-4h'],
    };
    expect(await seen('p-bob', ['requester'])).toEqual(customerFacing);
    // The orderer-for-others (kept from the events' requestedById).
    expect(await seen('p-ann', ['requester'])).toEqual(customerFacing);
    const nothing = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
    expect(await seen('p-eve', ['requester'])).toEqual(nothing);
  });

  it("a supplier agent sees its organisation's UC clock of its task only; another organisation's agent is refused every clock", async () => {
    expect(await seen('s-tailspin', ['supplier-agent'], 'org-tailspin')).toEqual({
      'ServiceRequest:req-acc-1': [],
      'RequestedItem:ritm-acc-1': [],
      'FulfilmentTask:task-acc-desk': [],
      'FulfilmentTask:task-acc-tailspin': ['acc-uc-tailspin-1h'],
      'FulfilmentTaskView:task-acc-tailspin': ['acc-uc-tailspin-1h'],
    });
    const refused = await seen('s-fabrikam', ['supplier-agent'], 'org-fabrikam');
    expect(Object.values(refused).flat()).toEqual([]);
  });

  it('requestSlas answers by the same rule as the federated field', async () => {
    const cases: [string, readonly Role[], string | undefined, 'request' | 'task', string][] = [
      ['p-ann', ['requester'], undefined, 'request', 'req-acc-1'],
      ['p-eve', ['requester'], undefined, 'request', 'req-acc-1'],
      ['s-tailspin', ['supplier-agent'], 'org-tailspin', 'task', 'task-acc-tailspin'],
      ['s-fabrikam', ['supplier-agent'], 'org-fabrikam', 'task', 'task-acc-tailspin'],
    ];
    for (const [sub, roles, org, type, id] of cases) {
      const typename = type === 'request' ? 'ServiceRequest' : 'FulfilmentTask';
      const answer = await context.graphql(await context.token(sub, roles, org), REQUEST_SLAS, { type, id });
      expect((answer.data?.['requestSlas'] as unknown as { definitionId: string }[]).map((c) => c.definitionId).sort()).toEqual((await seen(sub, roles, org))[`${typename}:${id}`]);
    }
  });

  it("repairSlaClocks re-derives a request's, item's and task's clocks from the stored history; refuses a call naming no ticket or two, and callers who are not admins", async () => {
    const store = context.app.get(SlaTicketStore);
    const admin = await context.token('u-admin', ['admin']);
    for (const [type, id] of [['request', 'req-acc-1'], ['requested_item', 'ritm-acc-1'], ['task', 'task-acc-tailspin']] as const) {
      const stored = await store.find(type, id);
      if (stored === undefined) throw new Error(`${type} ${id} not stored`);
      // Clocks lost (as after a bug): the history is intact.
      await store.save({ ...stored, clocks: [], due: [] });
      const repaired = await context.graphql(admin, REPAIR, { type, id });
      expect(repaired.errors).toBeUndefined();
      const clocks = repaired.data?.['repairSlaClocks'] as unknown as { definitionId: string; startedAt: string }[];
      expect(clocks.map((c) => c.definitionId).sort()).toEqual(stored.clocks.map((c) => c.definitionId).sort());
      expect((await store.find(type, id))?.clocks.map((c) => c.definitionId).sort()).toEqual(stored.clocks.map((c) => c.definitionId).sort());
    }
    const task = await context.graphql(admin, REPAIR, { type: 'task', id: 'task-acc-tailspin' });
    expect(task.data?.['repairSlaClocks']).toContainEqual({ definitionId: 'acc-uc-tailspin-1h', stage: 'breached', startedAt: new Date(t0 + 5 * MINUTE).toISOString() });

    const neither = await context.graphql(admin, REPAIR, {});
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'SLA.INVALID_INPUT', details: { field: 'ticketId' } });
    const both = await context.graphql(admin, REPAIR, { type: 'task', id: 'task-acc-tailspin', incidentId: 'inc-1' });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'SLA.INVALID_INPUT', details: { field: 'incidentId' } });
    const unknown = await context.graphql(admin, REPAIR, { type: 'request', id: 'req-unknown' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'SLA.NOT_FOUND' });
    const notAdmin = await context.graphql(await context.token('u-desk-agent', ['agent']), REPAIR, { type: 'task', id: 'task-acc-tailspin' });
    expect(notAdmin.data).toBeNull();
    expect(notAdmin.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
