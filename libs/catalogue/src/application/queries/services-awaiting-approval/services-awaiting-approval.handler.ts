import { Injectable } from '@nestjs/common';
import type { PortfolioService } from '../../../domain';
import { ServiceStore } from '../../ports/portfolio-stores.port';
import type { ServicesAwaitingApprovalQuery } from './services-awaiting-approval.query';

/** Services waiting for the caller's go-live decision: named on a pending level and not yet decided there. */
@Injectable()
export class ServicesAwaitingApprovalHandler {
  constructor(private readonly services: ServiceStore) {}

  async execute(query: ServicesAwaitingApprovalQuery): Promise<readonly PortfolioService[]> {
    const me = query.caller.userId;
    const named = await this.services.awaitingApprover(me);
    return named.filter((s) => s.approval?.levels.some((l) => l.status === 'pending' && l.approverIds.includes(me) && !l.decisions.some((d) => d.approverId === me)) === true);
  }
}
