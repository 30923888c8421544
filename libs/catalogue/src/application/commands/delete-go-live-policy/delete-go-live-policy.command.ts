import type { PortfolioCaller } from '../../portfolio-access';

/** A catalogue admin deletes a portfolio-steering policy (pending approvals keep their levels). */
export class DeleteGoLivePolicyCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly policyId: string,
  ) {}
}
