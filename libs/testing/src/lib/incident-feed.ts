import { incidentTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { TopicFeed } from './topic-feed';

export type IncidentEvent = EventOf<typeof incidentTopic>;
type IncidentType = IncidentEvent['type'];
export type IncidentEventOf<T extends IncidentType> = Extract<IncidentEvent, { type: T }>;
type DataOf<T extends IncidentType> = IncidentEventOf<T>['data'];
type LinkKind = DataOf<'itsm.incident.linked.v1'>['kind'];

/**
 * Writes `itsm.incident.v1` events as the incident context publishes them (keyed by the incident's
 * id), for tests of the contexts that follow it: checked against the contract, numbered 1, 2, 3, ...
 * per incident in the order written.
 */
export class IncidentFeed extends TopicFeed {
  private readonly priorities = new Map<string, number>();

  constructor(source = '/itsm/incident', by = 'u-incident-test') {
    super(incidentTopic, source, by);
  }

  opened(incidentId: string, priority = 3): IncidentEventOf<'itsm.incident.opened.v1'> {
    const number = `INC${String(1_000_000 + this.priorities.size).padStart(7, '0')}`;
    this.priorities.set(incidentId, priority);
    return this.write('itsm.incident.opened.v1', incidentId, {
      number,
      title: `incident ${incidentId}`,
      description: '',
      callerId: 'u-caller',
      callerOrgId: null,
      impact: 2,
      urgency: 2,
      priority,
      category: null,
      serviceId: null,
      configurationItemIds: [],
      assignmentGroupId: null,
      assignedOrgId: null,
      assigneeId: null,
      state: 'new',
    });
  }

  /** Assigned to a group (and an assignee); `state` new, as the incident records an assignment before work starts. */
  assigned(incidentId: string, groupId: string, assigneeId: string | null = null): IncidentEventOf<'itsm.incident.assigned.v1'> {
    return this.write('itsm.incident.assigned.v1', incidentId, { groupId, orgId: null, assigneeId, previousGroupId: null, previousOrgId: null, previousAssigneeId: null, state: 'new' });
  }

  reprioritised(incidentId: string, priority: number): IncidentEventOf<'itsm.incident.reprioritised.v1'> {
    const previousPriority = this.priorities.get(incidentId) ?? 3;
    this.priorities.set(incidentId, priority);
    return this.write('itsm.incident.reprioritised.v1', incidentId, { impact: 1, urgency: 1, priority, previousImpact: 2, previousUrgency: 2, previousPriority, cause: 'impact_urgency', state: 'in_progress' });
  }

  linked(incidentId: string, targetId: string, kind: LinkKind = 'change'): IncidentEventOf<'itsm.incident.linked.v1'> {
    return this.write('itsm.incident.linked.v1', incidentId, { kind, targetId, state: 'in_progress' });
  }

  unlinked(incidentId: string, targetId: string, kind: LinkKind = 'change'): IncidentEventOf<'itsm.incident.unlinked.v1'> {
    return this.write('itsm.incident.unlinked.v1', incidentId, { kind, targetId, state: 'in_progress' });
  }

  canceled(incidentId: string): IncidentEventOf<'itsm.incident.canceled.v1'> {
    return this.write('itsm.incident.canceled.v1', incidentId, { reason: 'logged by mistake', state: 'canceled' });
  }

  private write<T extends IncidentType>(type: T, subject: string, data: Omit<DataOf<T>, 'by' | 'at'>): IncidentEventOf<T> {
    // Checked against the contract by `envelope`: the payload is the one its type names.
    return this.envelope(type, subject, data) as unknown as IncidentEventOf<T>;
  }
}
