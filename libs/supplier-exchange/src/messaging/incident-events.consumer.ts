import { directoryTopic, incidentTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { consumeWithCodedErrors, EventBusContext, EventConsumer } from '@itsm/platform/messaging';
import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RelayIncidentEventCommand } from '../application/commands/relay-incident-event/relay-incident-event.command';
import { RelayIncidentEventHandler } from '../application/commands/relay-incident-event/relay-incident-event.handler';
import { SUPPLIER_EXCHANGE_ERROR_KINDS, SupplierExchangeErrorCode, supplierExchangeError } from '../domain';
import type { IncidentEvent } from '../domain';

/**
 * The exchange's consumer (payloads checked by the bus): directory events feed its directory
 * projection (the caller's contact); incident events go to `relay-incident-event`. An event about a
 * ticket not seen opened is dead-lettered with SUPPLIER_EXCHANGE.UNKNOWN_TICKET and the partition
 * flows on; a lost write race is retried (the redelivery finds its work done).
 */
@EventConsumer()
export class IncidentEventsConsumer {
  constructor(
    private readonly relay: RelayIncidentEventHandler,
    private readonly directory: DirectoryProjection,
  ) {}

  @EventPattern([incidentTopic.name, directoryTopic.name])
  onEvent(@Payload() envelope: EventEnvelope, @Ctx() context: EventBusContext): Promise<void> {
    return consumeWithCodedErrors(SUPPLIER_EXCHANGE_ERROR_KINDS, async () => {
      if (context.getEvent().topic === directoryTopic.name) {
        const refuse = (message: string, eventId: string) => supplierExchangeError(SupplierExchangeErrorCode.Mismatch, message, { eventId });
        await this.directory.apply(directoryChange(envelope as DirectoryEvent, refuse), envelope);
        return;
      }
      await this.relay.execute(new RelayIncidentEventCommand(envelope as IncidentEvent));
    });
  }
}
