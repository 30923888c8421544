import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import type { SlaClock } from '../../../domain';
import { SlaError, SlaErrorCode } from '../../../domain';
import { SlaTicketStore } from '../../../persistence';
import { ClockProjector } from '../../clock-projector';
import type { RepairSlaClocksCommand } from './repair-sla-clocks.command';

/** Stores the clocks derived again from the history (re-arming the timers) and answers them live, as of now. */
@Injectable()
export class RepairSlaClocksHandler {
  constructor(
    @Inject(SlaTicketStore) private readonly tickets: SlaTicketStore,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ ticketType, ticketId }: RepairSlaClocksCommand): Promise<SlaClock[]> {
    const asOf = this.clock.now().getTime();
    const ticket = await this.tickets.find(ticketType, ticketId);
    if (ticket === undefined) throw new SlaError(SlaErrorCode.NotFound, `No SLA clocks for ${ticketType} ${ticketId}`);
    const saved = await this.projector.reproject(ticket);
    return this.projector.derive(saved.timeline, Math.max(asOf, saved.timeline.facts.at(-1)?.at ?? asOf));
  }
}
