import { retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { SlaClock, TicketType } from '../../domain';
import { SlaError, SlaErrorCode } from '../../domain';
import type { SlaTicket } from '../../persistence';
import { SlaTicketRepository } from '../../persistence';
import { ClockProjector } from '../clock-projector';

/**
 * Derives stored clocks again from the unchanged history: after a catalogue change (each replica
 * for the partitions it owns) and on an admin's repair. The history is never rewritten.
 */
@Injectable()
export class RecomputeClocksHandler {
  constructor(
    @Inject(SlaTicketRepository) private readonly tickets: SlaTicketRepository,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
  ) {}

  async recomputeOpen(partitions: readonly number[]): Promise<number> {
    let count = 0;
    for await (const ticket of this.tickets.openTicketsOf(partitions)) {
      await this.recompute(ticket);
      count += 1;
    }
    return count;
  }

  async repair(ticketType: TicketType, ticketId: string, asOf: number): Promise<SlaClock[]> {
    const ticket = await this.tickets.find(ticketType, ticketId);
    if (ticket === undefined) throw new SlaError(SlaErrorCode.NotFound, `No SLA clocks for ${ticketType} ${ticketId}`);
    const saved = await this.recompute(ticket);
    return this.projector.derive(saved.timeline, Math.max(asOf, saved.timeline.facts.at(-1)?.at ?? asOf));
  }

  private recompute(ticket: SlaTicket): Promise<SlaTicket> {
    let current: SlaTicket | undefined = ticket;
    return retryOnConflict(
      async () => {
        current ??= await this.tickets.find(ticket.timeline.ticketType, ticket.timeline.ticketId);
        const fresh = current;
        current = undefined;
        if (fresh === undefined) throw new SlaError(SlaErrorCode.NotFound, `No SLA clocks for ${ticket.timeline.ticketId}`);
        return this.projector.project(fresh.timeline, fresh.partition, fresh.lastSequence, fresh.version);
      },
      () => new SlaError(SlaErrorCode.Conflict, `SLA clocks of ${ticket.timeline.ticketId} are being changed concurrently`),
    );
  }
}
