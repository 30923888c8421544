import { createEnvelope, supplierUpdateEventId } from '@itsm/contracts';
import type { EventOf, supplierExchangeTopic } from '@itsm/contracts';
import type { IncidentEvent } from '../domain';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** A scripted incident stream: events numbered per incident, as the incident context publishes them. */
export function incidentStream() {
  const sequences = new Map<string, number>();
  return <T extends IncidentEvent['type']>(id: string, type: T, at: string, data: Record<string, unknown>): IncidentEvent => {
    const sequence = (sequences.get(id) ?? 0) + 1;
    sequences.set(id, sequence);
    return createEnvelope({ id: `${id}-${sequence}`, source: '/itsm/incident', type, subject: id, time: new Date(at), data: { by: 'u-agent', at, ...data }, sequence, correlationid: 'c' }) as unknown as IncidentEvent;
  };
}

export const openedData = (priority: number, group: string | null, org: string | null, assigneeId: string | null = null) => ({
  number: 'INC0000001',
  title: 't',
  description: '',
  callerId: 'u-caller',
  callerOrgId: 'fabrikam',
  impact: 2,
  urgency: 2,
  priority,
  category: null,
  serviceId: 'svc-mail',
  configurationItemIds: [],
  assignmentGroupId: group,
  assignedOrgId: org,
  assigneeId,
  state: assigneeId === null ? 'new' : 'in_progress',
});
const assigned = (groupId: string, orgId: string, assigneeId: string | null, previousGroupId: string | null, previousOrgId: string | null) => ({ groupId, orgId, assigneeId, previousGroupId, previousOrgId, previousAssigneeId: null, state: 'in_progress' });
export const resolvedData = { resolutionCode: 'fixed', resolutionNotes: 'done', cause: 'manual', causeId: null, state: 'resolved' };

/**
 * A: P2 opened 2026-03-02 09:00Z to the service desk (contoso), assigned to Alice 09:30 (acknowledged
 *    after 30 min), resolved 11:00 (2 h): a first-time fix.
 * B: P2 opened 10:00Z to the service desk, passed to Northwind's network group 10:15 (contoso hands it
 *    over), work started 10:45 (45 min), resolved 14:00, reopened 15:00, resolved again 16:00 (6 h).
 * C: P1 opened 23:50Z, canceled 00:10Z the next day.
 */
export function incidentHistory(): IncidentEvent[] {
  const e = incidentStream();
  return [
    e('a', 'itsm.incident.opened.v1', '2026-03-02T09:00:00.000Z', openedData(2, 'service-desk', 'contoso')),
    e('b', 'itsm.incident.opened.v1', '2026-03-02T10:00:00.000Z', openedData(2, 'service-desk', 'contoso')),
    e('b', 'itsm.incident.assigned.v1', '2026-03-02T10:15:00.000Z', assigned('network', 'northwind', null, 'service-desk', 'contoso')),
    e('a', 'itsm.incident.assigned.v1', '2026-03-02T09:30:00.000Z', assigned('service-desk', 'contoso', 'u-alice', 'service-desk', 'contoso')),
    e('a', 'itsm.incident.resolved.v1', '2026-03-02T11:00:00.000Z', resolvedData),
    e('b', 'itsm.incident.work-started.v1', '2026-03-02T10:45:00.000Z', { state: 'in_progress' }),
    e('b', 'itsm.incident.resolved.v1', '2026-03-02T14:00:00.000Z', resolvedData),
    e('b', 'itsm.incident.reopened.v1', '2026-03-02T15:00:00.000Z', { reason: 'still down', reopenCount: 1, state: 'in_progress' }),
    e('b', 'itsm.incident.resolved.v1', '2026-03-02T16:00:00.000Z', resolvedData),
    e('c', 'itsm.incident.opened.v1', '2026-03-02T23:50:00.000Z', openedData(1, null, null)),
    e('c', 'itsm.incident.canceled.v1', '2026-03-03T00:10:00.000Z', { reason: 'duplicate', state: 'canceled' }),
  ];
}


/**
 * Verified supplier updates (`itsm.supplier-exchange.v1`) beside the incident history: Northwind's
 * connection rejects B at 10:20Z (Northwind holds it since 10:15) and asks a question on it at 10:25
 * (not a rejection); a rejection of an incident the facts do not know (`zz`) counts for nobody.
 */
export function supplierUpdates(): EventOf<typeof supplierExchangeTopic>[] {
  const update = (ticketId: string, inboundMessageId: string, at: string, action: Record<string, unknown>) =>
    createEnvelope({
      id: supplierUpdateEventId('northwind-tmf', inboundMessageId),
      source: '/itsm/supplier-exchange',
      type: 'itsm.supplier-exchange.update-received.v1',
      subject: ticketId,
      time: new Date(at),
      data: { ticketType: 'incident', ticketId, supplierId: 'northwind-tmf', agentId: 'u-northwind-bot', inboundMessageId, expectedState: 'in_progress', action, transition: null, at },
      sequence: 1,
      correlationid: 'c',
    }) as unknown as EventOf<typeof supplierExchangeTopic>;
  return [
    update('b', 'm-1', '2026-03-02T10:20:00.000Z', { kind: 'reject', reason: 'not our network' }),
    update('b', 'm-2', '2026-03-02T10:25:00.000Z', { kind: 'request-information', question: 'which site?' }),
    update('zz', 'm-3', '2026-03-02T10:30:00.000Z', { kind: 'reject', reason: 'unknown' }),
  ];
}
