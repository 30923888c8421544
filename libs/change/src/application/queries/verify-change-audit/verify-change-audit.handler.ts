import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, verifyChain } from '../../../domain';
import type { ChainVerdict } from '../../../domain';
import { ChangeReads } from '../../ports/change-store.port';
import type { VerifyChangeAuditQuery } from './verify-change-audit.query';

/** The chain's verdict as stored now: ok, or the first broken entry and why. */
@Injectable()
export class VerifyChangeAuditHandler {
  constructor(private readonly reads: ChangeReads) {}

  async execute(query: VerifyChangeAuditQuery): Promise<ChainVerdict> {
    const entries = await this.reads.audit(query.changeId);
    if (entries === undefined) throw new ChangeError(ChangeErrorCode.NotFound, `change ${query.changeId} not found`, { changeId: query.changeId });
    return verifyChain(entries);
  }
}
