import type { ApprovalVerdict } from '@itsm/approval';
import type { PortfolioCaller } from '../../portfolio-access';

/** An approver of the pending go-live level approves or rejects. */
export class DecideServiceApprovalCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly serviceId: string,
    readonly decision: ApprovalVerdict,
    readonly comment: string | null,
  ) {}
}
