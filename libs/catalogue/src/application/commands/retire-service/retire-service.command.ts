import type { PortfolioCaller } from '../../portfolio-access';

/** The owner or a catalogue admin retires a live service: its items are withdrawn; open requests finish. */
export class RetireServiceCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly serviceId: string,
    readonly reason: string | null,
  ) {}
}
