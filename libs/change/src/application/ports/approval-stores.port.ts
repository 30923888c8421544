import type { ApprovalDelegation, ChangeApprovalPolicy } from '../../domain';

/** Approval policies (admin records, no events): optimistic version per policy. */
export abstract class ApprovalPolicyStore {
  abstract byId(id: string): Promise<ChangeApprovalPolicy | undefined>;
  /** Every policy, by order then id (a handful per installation: the selection reads them all). */
  abstract all(): Promise<readonly ChangeApprovalPolicy[]>;
  /** CHANGE.CONFLICT when the id is taken. */
  abstract create(policy: ChangeApprovalPolicy): Promise<void>;
  /** Writes `policy` if the stored one is still at `expectedVersion` (else CHANGE.CONFLICT). */
  abstract save(policy: ChangeApprovalPolicy, expectedVersion: number): Promise<void>;
  /** False when there was no such policy. */
  abstract remove(id: string): Promise<boolean>;
}

/** Approval delegations: created, revoked, never edited. */
export abstract class ApprovalDelegationStore {
  abstract byId(id: string): Promise<ApprovalDelegation | undefined>;
  abstract create(delegation: ApprovalDelegation): Promise<void>;
  /** Sets `revokedAt` unless already revoked; the stored delegation after it, undefined when unknown. */
  abstract revoke(id: string, at: Date): Promise<ApprovalDelegation | undefined>;
  /** The unrevoked delegations to `delegateId` in force at `at`. */
  abstract inForceFor(delegateId: string, at: Date): Promise<readonly ApprovalDelegation[]>;
  /** The unrevoked delegations a person gave or received that have not ended by `at`, by start. */
  abstract currentOf(personId: string, at: Date): Promise<readonly ApprovalDelegation[]>;
}
