import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { applyIncidentEvent, decide } from '../../../domain';
import type { CallerContact, TicketView } from '../../../domain';
import { CorrelationStore, TicketViewStore } from '../../ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../../supplier-connections/supplier-connections';
import type { RelayIncidentEventCommand } from './relay-incident-event.command';

/** What one incident event did: the suppliers whose records changed and how many events they were sent. */
export interface RelayOutcome {
  readonly suppliers: readonly string[];
  readonly events: number;
}

/**
 * Folds an incident event into the exchange's ticket view (once per incident sequence), then decides
 * it for every supplier that has a record for the ticket and for the supplier whose organisation the
 * ticket is now assigned to, writing each record with the events for its supplier (its own outbox).
 * Idempotent under redelivery: the view and each record keep the last incident sequence they took.
 * An event about a ticket not seen opened is refused (SUPPLIER_EXCHANGE.UNKNOWN_TICKET).
 */
@Injectable()
export class RelayIncidentEventHandler {
  constructor(
    private readonly views: TicketViewStore,
    private readonly correlations: CorrelationStore,
    private readonly connections: SupplierConnections,
    private readonly directory: DirectoryProjection,
  ) {}

  async execute(command: RelayIncidentEventCommand): Promise<RelayOutcome> {
    const { event } = command;
    // The reads at once (the event names the ticket), then the view's write beside the caller's read:
    // three round trips to MongoDB before the records' writes rather than five.
    const [stored, records, connections] = await Promise.all([this.views.get(event.subject), this.correlations.forTicket(event.subject), this.connections.snapshot()]);
    const view = applyIncidentEvent(stored, event);
    const suppliers = new Set(records.map((record) => record.record.supplierId));
    const assigned = connections.ofOrganisation(view.assignedOrgId);
    if (assigned !== undefined) suppliers.add(assigned.supplierId);
    const [, caller] = await Promise.all([view === stored ? undefined : this.views.save(view), suppliers.size === 0 ? null : this.caller(view)]);
    if (suppliers.size === 0) return { suppliers: [], events: 0 };

    const changed: string[] = [];
    let sent = 0;
    for (const supplierId of suppliers) {
      // A connection an admin removed: its records stay as they are, nothing more is sent.
      const connection = connections.supplier(supplierId);
      if (connection === undefined) continue;
      const current = records.find((stored) => stored.record.supplierId === supplierId) ?? null;
      const decision = decide({ record: current?.record ?? null, connection, view, event, caller });
      if (decision.record === null || decision.record === current?.record) continue;
      await this.correlations.save(current, decision.record, decision.events, connection.outbound.channel);
      changed.push(supplierId);
      sent += decision.events.length;
    }
    return { suppliers: changed, events: sent };
  }

  /** The caller as the directory projection knows them (no phone there: the directory holds none). */
  private async caller(view: TicketView): Promise<CallerContact | null> {
    const person = (await this.directory.people([view.callerId])).get(view.callerId);
    return person === undefined ? null : { displayName: person.displayName, email: person.email, phone: null };
  }
}
