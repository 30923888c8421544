import { requestTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import { SaveSlaCalendarHandler } from './application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from './application/commands/save-sla-definition/save-sla-definition.handler';
import type { SlaDefinition, TicketType } from './domain';
import { ALWAYS_OPEN } from './domain';
import { itemFacts, RequestFeed, taskFacts } from './messaging/test-fixtures/request-feed';
import { TicketClocksHandler } from './application/queries/ticket-clocks/ticket-clocks.handler';
import { SlaTicketStore } from './persistence';
import { slaContext } from './sla.context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STAFF = { userId: 'u-agent', roles: ['agent'], orgId: undefined };
const NONE = { priorities: [], serviceIds: [], customerOrgIds: [], supplierOrgIds: [], assignmentGroupIds: [], offeringIds: [], catalogItemIds: [] };
const base = { kind: 'SLA', target: 'resolution', scope: 'ticket', warningThresholds: [50], calendarId: ALWAYS_OPEN.id, timeZone: 'UTC', timeZoneSource: 'definition', active: true } as const;

const DEFINITIONS: readonly SlaDefinition[] = [
  {
    ...base,
    id: 'req-resolution-2h',
    name: 'Request fulfilled within 2 hours',
    ticketType: 'request',
    targetMs: 2 * HOUR,
    appliesTo: NONE,
    conditions: { start: ['open'], pause: [], resume: [], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled'], reset: [] },
  },
  {
    ...base,
    id: 'ritm-laptop-fulfilment',
    name: 'Laptop delivered within 8 hours of approval',
    ticketType: 'requested_item',
    targetMs: 8 * HOUR,
    appliesTo: { ...NONE, catalogItemIds: ['item-laptop'] },
    conditions: { start: ['approved', 'in_fulfilment'], pause: ['awaiting_approval'], resume: [], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled', 'rejected'], reset: [] },
  },
  {
    ...base,
    id: 'uc-tailspin-task-1h',
    name: 'Tailspin UC: task done within 1 hour',
    kind: 'UC',
    ticketType: 'task',
    scope: 'supplier_segment',
    targetMs: HOUR,
    appliesTo: { ...NONE, supplierOrgIds: ['org-tailspin'] },
    conditions: { start: ['open', 'in_progress'], pause: [], resume: [], stop: ['closed_complete', 'closed_failed', 'closed_skipped'], cancel: ['canceled'], reset: [] },
  },
];

describe('SLA clocks on service requests, from itsm.request.v1 (the SLA context on the peers)', () => {
  let context: SpecContext;
  const events = (ticketType: TicketType, type: string): EventEnvelope[] =>
    context.published.filter((e) => e.type === type && (e.data as { ticketType: string }).ticketType === ticketType);
  /** The ticket's clocks now, as staff see them. */
  const clocksOf = (ticketType: TicketType, ticketId: string) => context.app.get(TicketClocksHandler).execute({ viewer: STAFF, ticketType, ticketId });

  beforeAll(async () => {
    context = await bootContextForSpec(slaContext, { mongoUrl: testPeers().mongoUrl, settings: { policyPollMs: 60_000, checkpointMs: 200, fireBatchSize: 100 }, probeTopics: ['itsm.sla.v1'] });
    await context.app.get(SaveSlaCalendarHandler).execute({ by: 'admin', calendar: ALWAYS_OPEN, expectedVersion: 0 });
    for (const definition of DEFINITIONS) await context.app.get(SaveSlaDefinitionHandler).execute({ by: 'admin', definition, expectedVersion: 0 });
  });

  afterAll(async () => {
    await context.close();
  });

  it('saves definitions for request ticket types through the API, refusing a restriction the type carries no attribute for', async () => {
    const admin = await context.token('u-admin', ['admin']);
    const save = 'mutation ($input: SlaDefinitionInput!) { saveSlaDefinition(input: $input, expectedVersion: 0) { id ticketType appliesTo { offeringIds catalogItemIds } } }';
    const input = {
      id: 'ritm-premium-offering',
      name: 'Premium offering items within 16 hours',
      kind: 'SLA',
      ticketType: 'requested_item',
      target: 'resolution',
      targetMinutes: 960,
      appliesTo: { offeringIds: ['off-premium'] },
      conditions: { start: ['approved', 'in_fulfilment'], stop: ['closed_complete'], cancel: ['canceled', 'rejected'] },
      calendarId: ALWAYS_OPEN.id,
      timeZone: 'UTC',
    };
    const saved = await context.graphql(admin, save, { input });
    expect(saved.data?.['saveSlaDefinition']).toEqual({ id: 'ritm-premium-offering', ticketType: 'requested_item', appliesTo: { offeringIds: ['off-premium'], catalogItemIds: [] } });
    const refused = await context.graphql(admin, save, { input: { ...input, id: 'req-p1', ticketType: 'request', appliesTo: { priorities: [1] }, conditions: { start: ['open'], stop: ['closed_complete'] } } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SLA.INVALID_DEFINITION', details: { field: 'appliesTo.priorities', ticketType: 'request' } });
    const definitions = await context.graphql(admin, '{ slaDefinitions { id } }');
    expect((definitions.data?.['slaDefinitions'] as unknown as { id: string }[]).map((d) => d.id)).not.toContain('req-p1');
  });

  it('starts the request clock at submission and a supplier task UC clock when the task opens; stops them as mapped; breaches name the ticket type', async () => {
    const t0 = Date.now() - 3 * HOUR;
    const f = new RequestFeed({ requestId: 'req-int-1', number: 'REQ0009001', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
    const laptop = itemFacts({ requestedItemId: 'ritm-int-1', number: 'RITM0009001' });
    const fulfilling = { ...laptop, state: 'in_fulfilment' as const };
    const task = taskFacts({ taskId: 'task-int-1', number: 'TASK0009001', requestedItemId: 'ritm-int-1', groupId: 'grp-tailspin', groupOrgId: 'org-tailspin' });
    await context.bus.publishEnvelopes(requestTopic.name, [
      f.submitted([laptop], t0),
      f.itemStateChanged({ ...laptop, state: 'approved' }, 'awaiting_approval', t0 + 10 * MINUTE),
      f.itemStateChanged(fulfilling, 'approved', t0 + 10 * MINUTE),
      f.taskStateChanged(fulfilling, task, null, t0 + 10 * MINUTE),
      f.taskStateChanged(fulfilling, { ...task, state: 'in_progress' }, 'open', t0 + 20 * MINUTE),
    ]);

    // The request clock started at submission and ran past its 2 hours; the UC clock started when the task opened.
    await expectEventually(async () => {
      expect(await clocksOf('request', 'req-int-1')).toEqual([expect.objectContaining({ definitionId: 'req-resolution-2h', startedAt: t0, stage: 'breached', breachedAt: t0 + 2 * HOUR })]);
      expect(await clocksOf('task', 'task-int-1')).toEqual([
        expect.objectContaining({ definitionId: 'uc-tailspin-task-1h', kind: 'UC', startedAt: t0 + 10 * MINUTE, segment: { index: 1, orgId: 'org-tailspin', groupId: 'grp-tailspin' } }),
      ]);
      expect(await clocksOf('requested_item', 'ritm-int-1')).toEqual([expect.objectContaining({ definitionId: 'ritm-laptop-fulfilment', startedAt: t0 + 10 * MINUTE, stage: 'in_progress' })]);
    });

    // Breaches the history reached are emitted at once, each naming its ticket and type.
    await expectEventually(() => {
      expect(events('request', 'itsm.sla.clock-breached.v1').map((e) => e.data)).toEqual([
        expect.objectContaining({ ticketId: 'req-int-1', ticketNumber: 'REQ0009001', definitionId: 'req-resolution-2h', dueAt: new Date(t0 + 2 * HOUR).toISOString() }),
      ]);
      expect(events('task', 'itsm.sla.clock-breached.v1').map((e) => e.data)).toEqual([
        expect.objectContaining({ ticketId: 'task-int-1', ticketNumber: 'TASK0009001', kind: 'UC', segmentOrgId: 'org-tailspin', dueAt: new Date(t0 + 70 * MINUTE).toISOString() }),
      ]);
      expect(events('task', 'itsm.sla.clock-breached.v1')[0]?.tenant).toBe('org-tailspin');
      expect(events('requested_item', 'itsm.sla.clock-warning.v1').map((e) => e.data)).toEqual([]);
    });

    // The supplier closes its task and the request completes: both clocks stop where the events say.
    await context.bus.publishEnvelopes(requestTopic.name, [
      f.taskStateChanged(fulfilling, { ...task, state: 'closed_complete' }, 'in_progress', t0 + 90 * MINUTE),
      f.itemStateChanged({ ...laptop, state: 'closed_complete' }, 'in_fulfilment', t0 + 150 * MINUTE),
      f.stateChanged('closed_complete', t0 + 150 * MINUTE),
    ]);
    await expectEventually(async () => {
      expect(await clocksOf('task', 'task-int-1')).toEqual([expect.objectContaining({ stage: 'breached', stoppedAt: t0 + 90 * MINUTE, elapsedMs: 80 * MINUTE })]);
      expect(await clocksOf('request', 'req-int-1')).toEqual([expect.objectContaining({ stage: 'breached', stoppedAt: t0 + 150 * MINUTE })]);
      expect(await clocksOf('requested_item', 'ritm-int-1')).toEqual([expect.objectContaining({ stage: 'achieved', stoppedAt: t0 + 150 * MINUTE, elapsedMs: 140 * MINUTE })]);
      const stored = await context.app.get(SlaTicketStore).find('request', 'req-int-1');
      expect(stored?.open).toBe(false);
      // Its timers ran in the request topic's range of the wheel's partitions (emitted above: this replica owns it).
      expect(stored?.partition).toBeGreaterThanOrEqual(1_000);
    });
    // Through the subgraph: staff see every clock, the person the request is for its SLA clock; an incident is not asked here.
    const query = 'query ($type: SlaTicketType!, $id: ID!) { requestSlas(ticketType: $type, ticketId: $id) { definitionId kind stage } }';
    const asAgent = await context.graphql(await context.token('u-agent', ['agent']), query, { type: 'task', id: 'task-int-1' });
    expect(asAgent.data?.['requestSlas']).toEqual([{ definitionId: 'uc-tailspin-task-1h', kind: 'UC', stage: 'breached' }]);
    const asRequester = await context.graphql(await context.token('p-bob', ['requester']), query, { type: 'request', id: 'req-int-1' });
    expect(asRequester.data?.['requestSlas']).toEqual([{ definitionId: 'req-resolution-2h', kind: 'SLA', stage: 'breached' }]);
    const asOther = await context.graphql(await context.token('p-eve', ['requester']), query, { type: 'request', id: 'req-int-1' });
    expect(asOther.data?.['requestSlas']).toEqual([]);
    const incident = await context.graphql(await context.token('u-agent', ['agent']), query, { type: 'incident', id: 'inc-1' });
    expect(incident.errors?.[0]?.extensions).toMatchObject({ code: 'SLA.INVALID_INPUT', details: { field: 'ticketType' } });

    // Each breach once, and the closed item owes nothing: no further SLA event.
    expect(context.published.filter((e) => e.type === 'itsm.sla.clock-breached.v1')).toHaveLength(2);
  });
});
