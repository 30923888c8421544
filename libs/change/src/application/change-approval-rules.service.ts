import { planApproval } from '@itsm/approval';
import type { ApprovalPlan, PolicySelection } from '@itsm/approval';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { approvalFacts, openChangeApproval, recordPreApproval, settleApproval } from '../domain';
import type { Change, ChangeApprovalPolicy, ChangeDecision } from '../domain';
import { ApproverResolution } from './approver-resolution.service';
import { ChangeDecisionHook } from './change-decision-hook';
import { ApprovalPolicyStore } from './ports/approval-stores.port';

/** "first_match" (default) or "run_all": how the change context picks among applying policies. */
export const APPROVAL_POLICY_SELECTION = Symbol('APPROVAL_POLICY_SELECTION');

/**
 * The approval engine wired into the change's lifecycle: entering Authorize picks the policy (by
 * the change's facts), resolves its approvers and opens level 0; leaving the approval's reach
 * (revert to New, cancel, authorised by the CAB) cancels a pending approval.
 */
@Injectable()
export class ChangeApprovalRules extends ChangeDecisionHook {
  private readonly selection: PolicySelection;

  constructor(
    private readonly policies: ApprovalPolicyStore,
    private readonly resolution: ApproverResolution,
    @Optional() @Inject(APPROVAL_POLICY_SELECTION) selection?: PolicySelection,
  ) {
    super();
    this.selection = selection ?? 'first_match';
  }

  async after(before: Change, decision: ChangeDecision, now: Date): Promise<ChangeDecision> {
    const entered = before.state !== 'authorize' && decision.change.state === 'authorize';
    if (!entered) return settleApproval(decision, now);
    const plan = this.plan(await this.policies.all(), decision.change, now);
    const approvers = await this.resolution.resolve(plan.levels, decision.change);
    const by = decision.events.at(-1)?.data.by ?? 'system';
    return openChangeApproval(decision, plan, approvers, by, now);
  }

  /** A standard change: an applying auto-approve policy records the system's decision on it. */
  async created(decision: ChangeDecision, now: Date): Promise<ChangeDecision> {
    if (decision.change.model !== 'standard') return decision;
    return recordPreApproval(decision, this.plan(await this.policies.all(), decision.change, now), now);
  }

  private plan(policies: readonly ChangeApprovalPolicy[], change: Change, now: Date): ApprovalPlan {
    return planApproval(policies, approvalFacts(change, now), this.selection);
  }
}
