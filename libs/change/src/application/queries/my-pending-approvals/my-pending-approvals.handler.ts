import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import type { ChangeViewer } from '../../../domain';
import { ApprovalDelegationStore } from '../../ports/approval-stores.port';
import type { ChangePage } from '../../ports/change-store.port';
import { PendingApprovalReads } from '../../ports/pending-approvals.port';
import type { MyPendingApprovalsQuery } from './my-pending-approvals.query';

@Injectable()
export class MyPendingApprovalsHandler {
  constructor(
    private readonly reads: PendingApprovalReads,
    private readonly delegations: ApprovalDelegationStore,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: ChangeViewer, query: MyPendingApprovalsQuery): Promise<ChangePage> {
    const delegators = (await this.delegations.inForceFor(viewer.userId, this.clock.now())).map((d) => d.delegatorId);
    return this.reads.awaiting([viewer.userId, ...new Set(delegators)], query.first, query.afterSeq);
  }
}
