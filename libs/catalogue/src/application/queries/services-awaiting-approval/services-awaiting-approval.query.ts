import type { PortfolioCaller } from '../../portfolio-access';

/** The pipeline services whose pending go-live level the caller may decide. */
export class ServicesAwaitingApprovalQuery {
  constructor(readonly caller: PortfolioCaller) {}
}
