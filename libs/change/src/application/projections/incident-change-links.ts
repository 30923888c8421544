import type { EventOf, incidentTopic } from '@itsm/contracts';

/** An event of the incident stream (`itsm.incident.v1`), keyed by the incident's id, its payload checked by the bus. */
export type IncidentEvent = EventOf<typeof incidentTopic>;

/** What one incident event changes in the change context's record of the incidents changes caused. */
export type IncidentLinkChange =
  | { readonly kind: 'opened'; readonly incidentId: string; readonly number: string; readonly priority: number }
  | { readonly kind: 'priority'; readonly incidentId: string; readonly priority: number }
  | { readonly kind: 'linked' | 'unlinked'; readonly incidentId: string; readonly changeId: string }
  | { readonly kind: 'canceled'; readonly incidentId: string };

/**
 * The incident events the success score follows: an opening (its number and priority), a
 * reprioritisation, a link or unlink of kind `change` (the incident was caused by that change), a
 * cancellation (a canceled incident counts against no change). Anything else: null.
 */
export function incidentLinkChange(event: IncidentEvent): IncidentLinkChange | null {
  const incidentId = event.subject;
  switch (event.type) {
    case 'itsm.incident.opened.v1':
      return { kind: 'opened', incidentId, number: event.data.number, priority: event.data.priority };
    case 'itsm.incident.reprioritised.v1':
      return { kind: 'priority', incidentId, priority: event.data.priority };
    case 'itsm.incident.linked.v1':
    case 'itsm.incident.unlinked.v1':
      if (event.data.kind !== 'change') return null;
      return { kind: event.type === 'itsm.incident.linked.v1' ? 'linked' : 'unlinked', incidentId, changeId: event.data.targetId };
    case 'itsm.incident.canceled.v1':
      return { kind: 'canceled', incidentId };
    default:
      return null;
  }
}
