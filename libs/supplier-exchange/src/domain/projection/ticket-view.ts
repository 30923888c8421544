import { supplierOfCausation } from '@itsm/contracts';
import type { EventOf, incidentTopic } from '@itsm/contracts';
import type { IncidentState } from '../state-mapping/state-mapping';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../supplier-exchange.errors';

export type IncidentEvent = EventOf<typeof incidentTopic>;

/** Who wrote a note: the integrator's people, or a supplier (through its inbound topic). */
export type NoteSource = { readonly kind: 'integrator' } | { readonly kind: 'supplier'; readonly supplierId: string };

/** A comment on the ticket. Work notes are internal: the exchange never keeps them. */
export interface TicketNote {
  readonly id: string;
  readonly body: string;
  readonly at: string;
  readonly source: NoteSource;
}

export interface StateChange {
  readonly state: IncidentState;
  readonly at: string;
  readonly reason: string | null;
}

/** The exchange's own view of one incident, folded from the incident stream: what a projection may draw on. */
export interface TicketView {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly callerId: string;
  readonly impact: number;
  readonly priority: number;
  readonly serviceId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly assignmentGroupId: string | null;
  readonly assignedOrgId: string | null;
  readonly state: IncidentState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly resolvedAt: string | null;
  readonly notes: readonly TicketNote[];
  readonly history: readonly StateChange[];
  /** The last incident event folded in (events at or below it are duplicates). */
  readonly sequence: number;
}

function withState(view: TicketView, event: IncidentEvent, reason: string | null): TicketView {
  const changed = event.data.state !== view.state;
  return {
    ...view,
    state: event.data.state,
    history: changed || reason !== null ? [...view.history, { state: event.data.state, at: event.data.at, reason }] : view.history,
  };
}

/** The most notes of one source (ours, or one supplier's) the view keeps: what a supplier's projection can show (MAX_NOTES). */
export const VIEW_NOTES_PER_SOURCE = 200;

/** The notes without the oldest of a source past VIEW_NOTES_PER_SOURCE, so the view stays bounded however long the conversation. */
function keepLatestPerSource(notes: readonly TicketNote[]): TicketNote[] {
  const counts = new Map<string, number>();
  const kept: TicketNote[] = [];
  for (let i = notes.length - 1; i >= 0; i -= 1) {
    const note = notes[i] as TicketNote;
    const key = note.source.kind === 'integrator' ? '' : note.source.supplierId;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= VIEW_NOTES_PER_SOURCE) kept.push(note);
  }
  return kept.reverse();
}

/**
 * The view after one incident event (the view unchanged for a duplicate or an older event). An event
 * about a ticket whose opening the exchange has not seen is refused.
 */
export function applyIncidentEvent(view: TicketView | null, event: IncidentEvent): TicketView {
  if (view === null) {
    if (event.type !== 'itsm.incident.opened.v1') {
      throw supplierExchangeError(SupplierExchangeErrorCode.UnknownTicket, `incident ${event.subject} was not seen opened`, { ticketId: event.subject, type: event.type });
    }
    const d = event.data;
    return {
      id: event.subject,
      number: d.number,
      title: d.title,
      description: d.description,
      callerId: d.callerId,
      impact: d.impact,
      priority: d.priority,
      serviceId: d.serviceId,
      configurationItemIds: d.configurationItemIds,
      assignmentGroupId: d.assignmentGroupId,
      assignedOrgId: d.assignedOrgId,
      state: d.state,
      createdAt: d.at,
      updatedAt: d.at,
      resolvedAt: null,
      notes: [],
      history: [{ state: d.state, at: d.at, reason: null }],
      sequence: event.sequence,
    };
  }
  if (event.subject !== view.id) throw supplierExchangeError(SupplierExchangeErrorCode.Mismatch, `event about ${event.subject} folded into ${view.id}`, { ticketId: view.id });
  if (event.sequence <= view.sequence) return view;
  const base: TicketView = { ...view, updatedAt: event.data.at, sequence: event.sequence };
  switch (event.type) {
    case 'itsm.incident.opened.v1':
      return base;
    case 'itsm.incident.assigned.v1':
      return { ...withState(base, event, null), assignmentGroupId: event.data.groupId, assignedOrgId: event.data.orgId };
    case 'itsm.incident.put-on-hold.v1':
      return withState(base, event, event.data.reason);
    case 'itsm.incident.resolved.v1':
      return { ...withState(base, event, event.data.resolutionNotes.slice(0, 2_000)), resolvedAt: event.data.at };
    case 'itsm.incident.reopened.v1':
      return { ...withState(base, event, event.data.reason), resolvedAt: null };
    case 'itsm.incident.canceled.v1':
      return withState(base, event, event.data.reason);
    case 'itsm.incident.reprioritised.v1':
      return { ...withState(base, event, null), impact: event.data.impact, priority: event.data.priority };
    case 'itsm.incident.note-added.v1': {
      if (event.data.kind === 'work_note') return withState(base, event, null);
      const supplierId = supplierOfCausation(event.causationid);
      const source: NoteSource = supplierId === null ? { kind: 'integrator' } : { kind: 'supplier', supplierId };
      return { ...withState(base, event, null), notes: keepLatestPerSource([...view.notes, { id: event.data.noteId, body: event.data.body, at: event.data.at, source }]) };
    }
    case 'itsm.incident.linked.v1':
    case 'itsm.incident.unlinked.v1': {
      const linked = event.type === 'itsm.incident.linked.v1';
      const { kind, targetId } = event.data;
      const next = withState(base, event, null);
      if (kind === 'service') return { ...next, serviceId: linked ? targetId : next.serviceId === targetId ? null : next.serviceId };
      if (kind === 'configuration_item') {
        const others = next.configurationItemIds.filter((id) => id !== targetId);
        return { ...next, configurationItemIds: linked ? [...others, targetId] : others };
      }
      return next;
    }
    case 'itsm.incident.work-started.v1':
    case 'itsm.incident.resumed.v1':
    case 'itsm.incident.closed.v1':
    case 'itsm.incident.parent-changed.v1':
    case 'itsm.incident.major-proposed.v1':
    case 'itsm.incident.major-promoted.v1':
    case 'itsm.incident.major-declined.v1':
      return withState(base, event, null);
  }
}
