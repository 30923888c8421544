import type { EventOn, incidentTopic } from '@itsm/contracts';
import type { TicketChange } from '../application/commands/track-ticket/track-ticket.command';

export type IncidentEvent = EventOn<readonly [typeof incidentTopic], 'itsm.incident.v1'>;

/** Maps an incident event (validated against its schema by the bus) to what the SLA engine follows. */
export function incidentTicketChange(event: IncidentEvent): TicketChange {
  const base = { ticketType: 'incident' as const, ticketId: event.subject, sequence: event.sequence, at: Date.parse(event.data.at) };
  switch (event.type) {
    case 'itsm.incident.opened.v1': {
      const d = event.data;
      return {
        ...base,
        opened: { number: d.number, callerId: d.callerId, configurationItemIds: d.configurationItemIds },
        patch: {
          state: d.state,
          priority: d.priority,
          serviceId: d.serviceId,
          customerOrgId: d.callerOrgId,
          groupId: d.assignmentGroupId,
          supplierOrgId: d.assignedOrgId,
        },
      };
    }
    case 'itsm.incident.assigned.v1':
      return { ...base, patch: { state: event.data.state, groupId: event.data.groupId, supplierOrgId: event.data.orgId } };
    case 'itsm.incident.reprioritised.v1':
      return { ...base, patch: { state: event.data.state, priority: event.data.priority } };
    case 'itsm.incident.linked.v1':
    case 'itsm.incident.unlinked.v1':
      return {
        ...base,
        patch: { state: event.data.state },
        ...(event.data.kind === 'configuration_item' ? { linkedCi: { id: event.data.targetId, linked: event.type === 'itsm.incident.linked.v1' } } : {}),
      };
    default:
      return { ...base, patch: { state: event.data.state } };
  }
}
