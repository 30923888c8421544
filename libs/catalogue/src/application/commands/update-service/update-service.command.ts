import type { ServiceDetailsInput } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** The owner or a catalogue admin replaces a service's details (name, kind, owner, CIs, offerings). */
export class UpdateServiceCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly serviceId: string,
    readonly input: ServiceDetailsInput,
  ) {}
}
