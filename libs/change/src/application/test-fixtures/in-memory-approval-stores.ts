import { Clock } from '@itsm/platform/config';
import { isDelegationActive } from '@itsm/approval';
import { ChangeError, ChangeErrorCode } from '../../domain';
import type { ApprovalDelegation, ChangeApprovalPolicy } from '../../domain';
import { ApprovalDelegationStore, ApprovalPolicyStore } from '../ports/approval-stores.port';

export class InMemoryApprovalPolicies extends ApprovalPolicyStore {
  readonly records = new Map<string, ChangeApprovalPolicy>();

  async byId(id: string): Promise<ChangeApprovalPolicy | undefined> {
    return this.records.get(id);
  }

  async all(): Promise<readonly ChangeApprovalPolicy[]> {
    return [...this.records.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }

  async create(policy: ChangeApprovalPolicy): Promise<void> {
    if (this.records.has(policy.id)) throw new ChangeError(ChangeErrorCode.Conflict, `policy ${policy.id} exists`);
    this.records.set(policy.id, policy);
  }

  async save(policy: ChangeApprovalPolicy, expectedVersion: number): Promise<void> {
    if (this.records.get(policy.id)?.version !== expectedVersion) throw new ChangeError(ChangeErrorCode.Conflict, `policy ${policy.id} changed`);
    this.records.set(policy.id, policy);
  }

  async remove(id: string): Promise<boolean> {
    return this.records.delete(id);
  }
}

export class InMemoryApprovalDelegations extends ApprovalDelegationStore {
  readonly records = new Map<string, ApprovalDelegation>();

  async byId(id: string): Promise<ApprovalDelegation | undefined> {
    return this.records.get(id);
  }

  async create(delegation: ApprovalDelegation): Promise<void> {
    this.records.set(delegation.id, delegation);
  }

  async revoke(id: string, at: Date): Promise<ApprovalDelegation | undefined> {
    const current = this.records.get(id);
    if (current === undefined) return undefined;
    const revoked = current.revokedAt === null ? { ...current, revokedAt: at } : current;
    this.records.set(id, revoked);
    return revoked;
  }

  async inForceFor(delegateId: string, at: Date): Promise<readonly ApprovalDelegation[]> {
    return [...this.records.values()].filter((d) => d.delegateId === delegateId && d.revokedAt === null && isDelegationActive(d, at));
  }

  async currentOf(personId: string, at: Date): Promise<readonly ApprovalDelegation[]> {
    return [...this.records.values()]
      .filter((d) => (d.delegateId === personId || d.delegatorId === personId) && d.revokedAt === null && d.end.getTime() > at.getTime())
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}

/** A clock the test moves. */
export class SettableClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return this.current;
  }

  set(to: Date): void {
    this.current = to;
  }
}
