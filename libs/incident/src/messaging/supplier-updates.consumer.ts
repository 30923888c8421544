import { supplierExchangeTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApplySupplierUpdateCommand } from '../application/commands/apply-supplier-update/apply-supplier-update.command';
import { ApplySupplierUpdateHandler } from '../application/commands/apply-supplier-update/apply-supplier-update.handler';
import { INCIDENT_ERROR_KINDS } from '../domain';

/**
 * Verified supplier updates (`itsm.supplier-exchange.v1` `update-received`, keyed by the ticket) applied
 * to incidents as the supplier's agent, once per inbound message. A refusal no retry can cure (an
 * unknown incident, an agent who may not act on it, a transition no longer legal) is dead-lettered
 * with its code; the events an update causes carry its id as causation (echo suppression).
 */
@EventConsumer()
export class SupplierUpdatesConsumer {
  constructor(private readonly applyUpdate: ApplySupplierUpdateHandler) {}

  @EventPattern(supplierExchangeTopic.name)
  async onSupplierExchangeEvent(@Payload() envelope: EventOf<typeof supplierExchangeTopic>): Promise<void> {
    if (envelope.type !== 'itsm.supplier-exchange.update-received.v1' || envelope.data.ticketType !== 'incident') return;
    await consumeWithCodedErrors(INCIDENT_ERROR_KINDS, () => this.applyUpdate.execute(new ApplySupplierUpdateCommand(envelope)));
  }
}
