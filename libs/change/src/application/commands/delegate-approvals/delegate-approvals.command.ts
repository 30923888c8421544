import type { DelegationRequest } from '../../../domain';

/** Who asks: a person delegates their own approvals; an administrator or change manager may record one for anybody. */
export interface DelegatingActor {
  readonly userId: string;
  readonly roles: readonly string[];
}

/** `delegatorId` lets `delegateId` decide approvals as them for a period. */
export class DelegateApprovalsCommand {
  constructor(
    readonly actor: DelegatingActor,
    readonly request: DelegationRequest,
  ) {}
}
