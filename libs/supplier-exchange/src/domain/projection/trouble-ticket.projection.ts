import type { TroubleTicket, TroubleTicketSeverity } from '@itsm/contracts';
import type { SupplierConnection } from '../connection/supplier-connection';
import { outboundStatus } from '../state-mapping/state-mapping';
import type { TicketView } from './ticket-view';

/** The caller as the directory knows them (the application looks them up by `view.callerId`). */
export interface CallerContact {
  readonly displayName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

/** What the exchange has learnt from this supplier about the ticket (kept on its correlation record). */
export interface SupplierFacts {
  readonly supplierTicketId: string | null;
  readonly expectedResolutionDate: string | null;
}

const SEVERITY: Readonly<Record<number, TroubleTicketSeverity>> = { 1: 'critical', 2: 'major', 3: 'minor' };
/** The TroubleTicket contract's bounds on lists: a create event carries up to MAX_NOTES notes (the history a newly engaged supplier needs). */
export const MAX_NOTES = 200;
/** The notes every later event carries: the latest, to reconcile with; each note also comes in its own note-added event, in order. */
export const RECENT_NOTES = 20;
const MAX_HISTORY = 200;
const MAX_CONFIGURATION_ITEMS = 100;

/** `jane.doe@contoso.com` -> `j***@contoso.com`: the domain stays (which company), the person does not. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `+41 44 123 45 67` -> `***67`: enough to confirm a number the caller gives, not to dial it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return `***${digits.slice(-2)}`;
}

function callerParty(view: TicketView, caller: CallerContact | null, reveal: boolean): TroubleTicket['relatedParty'][number] {
  const media: TroubleTicket['relatedParty'][number]['contactMedium'] = [];
  if (caller?.email) media.push({ mediumType: 'email', value: reveal ? caller.email : maskEmail(caller.email), masked: !reveal });
  if (caller?.phone) media.push({ mediumType: 'phone', value: reveal ? caller.phone : maskPhone(caller.phone), masked: !reveal });
  return { role: 'caller', id: view.callerId, name: caller?.displayName ?? null, contactMedium: media };
}

/**
 * The ticket as one supplier may see it (TMF621 TroubleTicket): never work notes (the view holds none),
 * never another supplier's notes or ticket id, the caller's contact masked unless the connection allows
 * it, each note tagged with its source, our states shown through the supplier's mapping; the last
 * `maxNotes` notes (MAX_NOTES on a create, RECENT_NOTES otherwise): an event's size does not grow
 * with the ticket's conversation.
 */
export function projectTroubleTicket(view: TicketView, connection: SupplierConnection, facts: SupplierFacts, caller: CallerContact | null, maxNotes = RECENT_NOTES): TroubleTicket {
  const mapping = connection.stateMapping;
  const history: TroubleTicket['statusChangeHistory'][number][] = [];
  for (const change of view.history) {
    const status = outboundStatus(mapping, change.state);
    if (history.at(-1)?.status !== status) history.push({ status, statusChangeDate: change.at, statusChangeReason: change.reason });
  }
  const last = history.at(-1);
  const notes = view.notes
    .filter((note) => note.source.kind === 'integrator' || note.source.supplierId === connection.supplierId)
    .slice(-Math.min(maxNotes, MAX_NOTES))
    .map((note) => ({
      id: note.id,
      author: note.source.kind === 'integrator' ? connection.integratorName : connection.name,
      date: note.at,
      text: note.body,
      source: note.source.kind,
    }));
  const entities: TroubleTicket['relatedEntity'] = !connection.exposeRelatedEntities
    ? []
    : [
        ...(view.serviceId === null ? [] : [{ role: 'affectedService' as const, id: view.serviceId, referredType: 'Service' as const }]),
        ...view.configurationItemIds.slice(0, MAX_CONFIGURATION_ITEMS).map((id) => ({ role: 'affectedConfigurationItem' as const, id, referredType: 'ConfigurationItem' as const })),
      ];
  return {
    id: view.id,
    name: view.title,
    description: view.description,
    ticketType: 'incident',
    status: outboundStatus(mapping, view.state),
    statusChangeReason: last?.statusChangeReason ?? null,
    statusChangeDate: last?.statusChangeDate ?? view.createdAt,
    severity: SEVERITY[view.impact] ?? 'minor',
    priority: String(view.priority),
    creationDate: view.createdAt,
    lastUpdate: view.updatedAt,
    expectedResolutionDate: facts.expectedResolutionDate,
    resolutionDate: view.state === 'resolved' || view.state === 'closed' ? view.resolvedAt : null,
    externalIdentifier: [
      { id: view.number, owner: 'integrator', externalIdentifierType: 'ticketNumber' },
      ...(facts.supplierTicketId === null ? [] : [{ id: facts.supplierTicketId, owner: 'supplier' as const, externalIdentifierType: 'supplierTicketId' as const }]),
    ],
    relatedParty: [callerParty(view, caller, connection.exposeCallerContact), { role: 'supplier', id: connection.organisationId, name: connection.name, contactMedium: [] }],
    relatedEntity: entities,
    note: notes,
    statusChangeHistory: history.slice(-MAX_HISTORY),
  };
}
