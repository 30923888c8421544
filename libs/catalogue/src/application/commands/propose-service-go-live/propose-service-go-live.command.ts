import type { PortfolioCaller } from '../../portfolio-access';

/** The owner or a catalogue admin asks portfolio steering to take a pipeline service live. */
export class ProposeServiceGoLiveCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly serviceId: string,
  ) {}
}
