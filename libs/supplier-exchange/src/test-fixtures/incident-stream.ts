import { createEnvelope } from '@itsm/contracts';
import type { EventTypeOf, incidentTopic, PayloadOf } from '@itsm/contracts';
import type { SupplierConnection } from '../domain/connection/supplier-connection';
import type { IncidentEvent } from '../domain/projection/ticket-view';
import { SUPPLIER_KEYS } from './supplier-keys';
import { DEFAULT_STATE_MAPPING } from '../domain/state-mapping/state-mapping';

type IncidentType = EventTypeOf<typeof incidentTopic>;
type Facts<T extends IncidentType> = Omit<PayloadOf<typeof incidentTopic, T>, 'by' | 'at'>;

/** A fixed instant: nothing here is compared with the clock. */
const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

/** One incident's stream, in order: each event a minute after the previous one. */
export class IncidentStream {
  private sequence = 0;

  constructor(readonly ticketId = 'inc-1') {}

  next<T extends IncidentType>(type: T, facts: Facts<T>, options: { readonly by?: string; readonly causationid?: string } = {}): IncidentEvent {
    this.sequence += 1;
    const at = new Date(T0 + this.sequence * 60_000);
    return createEnvelope({
      id: `evt-${this.ticketId}-${this.sequence}`,
      source: '/itsm/incident',
      type,
      subject: this.ticketId,
      time: at,
      data: { ...facts, by: options.by ?? 'agent-1', at: at.toISOString() },
      sequence: this.sequence,
      correlationid: `corr-${this.ticketId}`,
      ...(options.causationid === undefined ? {} : { causationid: options.causationid }),
    }) as IncidentEvent;
  }

  opened(overrides: Partial<Facts<'itsm.incident.opened.v1'>> = {}): IncidentEvent {
    return this.next('itsm.incident.opened.v1', {
      number: 'INC0000001',
      title: 'VPN down for site B',
      description: 'No tunnel since 9:00',
      callerId: 'p-caller',
      callerOrgId: 'org-customer',
      impact: 2,
      urgency: 2,
      priority: 2,
      category: null,
      serviceId: 'svc-vpn',
      configurationItemIds: ['ci-router-7'],
      assignmentGroupId: 'grp-desk',
      assignedOrgId: 'org-internal',
      assigneeId: null,
      state: 'new',
      ...overrides,
    });
  }

  assigned(groupId: string, orgId: string | null, state: 'new' | 'in_progress' = 'in_progress'): IncidentEvent {
    return this.next('itsm.incident.assigned.v1', { groupId, orgId, assigneeId: null, previousGroupId: null, previousOrgId: null, previousAssigneeId: null, state });
  }

  note(kind: 'work_note' | 'comment', body: string, options: { readonly causationid?: string; readonly state?: 'in_progress' | 'new' } = {}): IncidentEvent {
    return this.next('itsm.incident.note-added.v1', { noteId: `note-${this.sequence + 1}`, kind, body, state: options.state ?? 'in_progress' }, options);
  }
}

export function connection(overrides: Partial<SupplierConnection> = {}): SupplierConnection {
  return {
    supplierId: 'acme',
    organisationId: 'org-acme',
    name: 'Acme Networks',
    agentId: 'p-acme-agent',
    integratorName: 'Contoso Service Desk',
    exposeCallerContact: false,
    exposeRelatedEntities: true,
    ticketKinds: ['incident'],
    stateMapping: DEFAULT_STATE_MAPPING,
    inboundKeys: [SUPPLIER_KEYS.acme.publicKey],
    outbound: { channel: 'kafka' },
    ...overrides,
  };
}

export const CALLER = { displayName: 'Jane Doe', email: 'jane.doe@contoso.com', phone: '+41 44 123 45 67' } as const;
