import type { ApprovalPolicy } from '@itsm/approval';
import type { PortfolioCaller } from '../../portfolio-access';

/** A catalogue admin creates or replaces a portfolio-steering policy (by its id). */
export class SaveGoLivePolicyCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly policy: ApprovalPolicy,
  ) {}
}
