import { createEnvelope, directoryTopic, supplierExchangeTopic, supplierUpdateEventId } from '@itsm/contracts';
import type { SupplierAction, SupplierTransition, SupplierUpdateReceived } from '@itsm/contracts';
import { DLQ_HEADERS } from '@itsm/platform/messaging';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { DirectoryFeed, expectEventually, testPeers } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { AssignmentGroups } from '../application/ports/reference-data.port';
import type { IncidentState } from '../domain';
import { DEFAULT_MAJOR_INCIDENT_RULES } from '../domain';
import { incidentContext } from '../incident.context';

/** Verified supplier updates (itsm.supplier-exchange.v1 update-received) applied to incidents as the supplier's agent, once each. */
describe('supplier updates to incidents', () => {
  const directory = new DirectoryFeed();
  const run = randomUUID().slice(0, 8);
  let context: SpecContext;
  let incidentId: string;
  let escalatedId: string;
  let sequence = 0;

  const update = (action: SupplierAction, transition: SupplierTransition, expectedState: IncidentState, options: { agentId?: string; ticketId?: string } = {}) => {
    sequence += 1;
    const messageId = `${run}-msg-${sequence}`;
    const ticketId = options.ticketId ?? incidentId;
    const data: SupplierUpdateReceived = { ticketType: 'incident', ticketId, supplierId: 'northwind', agentId: options.agentId ?? 'p-supplier', inboundMessageId: messageId, expectedState, action, transition, at: new Date().toISOString() };
    return createEnvelope({ id: supplierUpdateEventId('northwind', messageId), source: '/itsm/supplier-exchange/northwind', type: 'itsm.supplier-exchange.update-received.v1', subject: ticketId, time: new Date(), data, sequence, correlationid: messageId });
  };
  const incidentEvents = () => context.published.filter((event) => event.subject === incidentId && event.type !== 'itsm.incident.opened.v1');

  beforeAll(async () => {
    context = await bootContextForSpec(incidentContext, {
      mongoUrl: testPeers().mongoUrl,
      settings: { autoCloseDays: 7, autoCloseIntervalMs: 3_600_000, majorIncidentRules: DEFAULT_MAJOR_INCIDENT_RULES },
      probeTopics: ['itsm.incident.v1'],
    });
    await context.bus.publishEnvelopes(directoryTopic.name, [
      directory.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      directory.organisation({ organisationId: 'northwind', name: 'Northwind', kind: 'supplier' }),
      directory.person({ personId: 'p-agent', userName: 'u-agent', organisationId: 'contoso' }),
      directory.person({ personId: 'p-supplier', userName: 'u-supplier', organisationId: 'northwind' }),
      directory.person({ personId: 'p-outsider', userName: 'u-outsider', organisationId: 'northwind' }),
      directory.group({ groupId: 'service-desk', name: 'Service Desk', organisationId: 'contoso' }),
      directory.group({ groupId: 'nw-network', name: 'Northwind Network', organisationId: 'northwind' }),
      directory.membersAdded('service-desk', ['p-agent']),
      directory.membersAdded('nw-network', ['p-supplier']),
    ]);
    await expectEventually(async () => expect((await context.app.get(AssignmentGroups).group('nw-network'))?.members).toEqual(['u-supplier']));
    const agent = await context.token('u-agent', ['agent']);
    const opened = await context.graphql(agent, 'mutation($input: OpenIncidentInput!) { openIncident(input: $input) { id } }', {
      input: { title: 'WAN link down', impact: 2, urgency: 2, callerId: 'u-agent', assignmentGroupId: 'nw-network' },
    });
    incidentId = String(opened.data?.['openIncident']?.['id']);
    const atDesk = await context.graphql(agent, 'mutation($input: OpenIncidentInput!) { openIncident(input: $input) { id } }', {
      input: { title: 'VPN flaps', impact: 3, urgency: 3, callerId: 'u-agent', assignmentGroupId: 'service-desk' },
    });
    escalatedId = String(atDesk.data?.['openIncident']?.['id']);
    const escalated = await context.graphql(agent, 'mutation($input: AssignIncidentInput!) { assignIncident(input: $input) { assignmentGroupId } }', { input: { id: escalatedId, groupId: 'nw-network' } });
    expect(escalated.data?.['assignIncident']?.['assignmentGroupId']).toBe('nw-network');
  });
  afterAll(() => context.close());

  it('acknowledge (delivered 5 times) and resolve move the incident once each, as the agent, with the updates as causation', async () => {
    const acknowledged = update({ kind: 'acknowledge', externalIdentifier: 'NW-1' }, 'start-work', 'new');
    await context.bus.publishEnvelopes(supplierExchangeTopic.name, [acknowledged, acknowledged, acknowledged, acknowledged, acknowledged]);
    const resolved = update({ kind: 'resolve', resolution: 'Fibre spliced.' }, 'resolve', 'in_progress');
    await context.bus.publishEnvelopes(supplierExchangeTopic.name, [resolved, resolved]);
    await expectEventually(() =>
      expect(incidentEvents().map((event) => [event.type, event.causationid, (event.data as { by: string }).by])).toEqual([
        ['itsm.incident.work-started.v1', acknowledged.id, 'u-supplier'],
        ['itsm.incident.resolved.v1', resolved.id, 'u-supplier'],
      ]),
    );
  });

  it('dead-letters an agent who may not act, an unknown incident and a transition no longer legal, with their codes, then goes on', async () => {
    await context.bus.publishEnvelopes(supplierExchangeTopic.name, [
      update({ kind: 'add-note', noteId: 'n-0', text: 'Hello?', author: 'Eve' }, null, 'resolved', { agentId: 'p-outsider' }),
      update({ kind: 'reject', reason: 'Not ours.' }, null, 'new', { ticketId: '0123456789abcdef01234567' }),
      update({ kind: 'acknowledge', externalIdentifier: null }, 'start-work', 'new'),
      update({ kind: 'add-note', noteId: 'n-1', text: 'Root cause: a digger.', author: 'Jane Roe' }, null, 'resolved'),
    ]);
    await expectEventually(() => expect(incidentEvents().map((event) => event.type)).toEqual(['itsm.incident.work-started.v1', 'itsm.incident.resolved.v1', 'itsm.incident.note-added.v1']));
    const deadLetterCodes = () => context.bus.records(`${supplierExchangeTopic.name}.dlq`).map((record) => String(record.headers[DLQ_HEADERS.reason]).replace(/^MessagingError: /, '').split(':')[0]);
    // The unknown incident is another key (another partition): only the codes, not their order, are known.
    await expectEventually(() => expect(deadLetterCodes().sort()).toEqual(['INCIDENT.ILLEGAL_TRANSITION', 'INCIDENT.NOT_FOUND', 'INCIDENT.NOT_FOUND']));
  });

  it('hands a rejected ticket back to the group it came from once: the redelivery is a quiet duplicate, not a dead letter', async () => {
    const rejected = update({ kind: 'reject', reason: 'Not our circuit.' }, null, 'new', { ticketId: escalatedId });
    await context.bus.publishEnvelopes(supplierExchangeTopic.name, [rejected, rejected]);
    const escalatedEvents = () => context.published.filter((event) => event.subject === escalatedId && event.causationid === rejected.id);
    await expectEventually(() =>
      expect(escalatedEvents().map((event) => [event.type, (event.data as { groupId?: string }).groupId])).toEqual([
        ['itsm.incident.note-added.v1', undefined],
        ['itsm.incident.assigned.v1', 'service-desk'],
      ]),
    );
    const after = update({ kind: 'add-note', noteId: 'n-late', text: 'Late.', author: 'Jane Roe' }, null, 'new', { ticketId: escalatedId });
    await context.bus.publishEnvelopes(supplierExchangeTopic.name, [after]);
    // The supplier no longer holds the ticket: its later note is refused, the redelivered rejection was not.
    // Same key, so in order: once the late note is dead-lettered, the redelivered rejection was handled before it.
    const ids = [rejected.id, after.id];
    const deadLettered = () => context.bus.records(`${supplierExchangeTopic.name}.dlq`).map((record) => String(record.headers['ce_id'])).filter((id) => ids.includes(id));
    await expectEventually(() => expect(deadLettered()).toEqual([after.id]));
  });
});
