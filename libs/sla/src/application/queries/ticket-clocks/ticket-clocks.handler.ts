import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import type { SlaClock } from '../../../domain';
import { visibleClocks } from '../../../domain';
import { SlaTicketStore } from '../../../persistence';
import { ClockProjector } from '../../clock-projector';
import type { TicketClocksQuery } from './ticket-clocks.query';

/** A ticket's clocks derived at this instant: live elapsed and remaining business time. */
@Injectable()
export class TicketClocksHandler {
  constructor(
    @Inject(SlaTicketStore) private readonly tickets: SlaTicketStore,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ viewer, ticketType, ticketId }: TicketClocksQuery): Promise<SlaClock[]> {
    const ticket = await this.tickets.find(ticketType, ticketId);
    if (ticket === undefined) return [];
    const last = ticket.timeline.facts.at(-1)?.at ?? 0;
    return visibleClocks(viewer, ticket.timeline, await this.projector.derive(ticket.timeline, Math.max(last, this.clock.now().getTime())));
  }
}
