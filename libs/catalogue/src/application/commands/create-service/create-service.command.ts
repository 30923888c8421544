import type { ServiceDetailsInput } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** A catalogue admin enters a service in the portfolio (pipeline). */
export class CreateServiceCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly input: ServiceDetailsInput,
    /** A chosen id (demo data), else a new one. */
    readonly serviceId?: string,
  ) {}
}
