import { Inject, Injectable } from '@nestjs/common';
import { SlaTicketStore } from '../../../persistence';
import { ClockProjector } from '../../clock-projector';
import type { RecomputeOpenClocksCommand } from './recompute-open-clocks.command';

/** Each replica re-derives (and re-arms) the open tickets it owns with the policies now in force; answers how many. */
@Injectable()
export class RecomputeOpenClocksHandler {
  constructor(
    @Inject(SlaTicketStore) private readonly tickets: SlaTicketStore,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
  ) {}

  async execute({ partitions }: RecomputeOpenClocksCommand): Promise<number> {
    let count = 0;
    for await (const ticket of this.tickets.openTicketsOf(partitions)) {
      await this.projector.reproject(ticket);
      count += 1;
    }
    return count;
  }
}
