import { ChangeApprovalRules } from '../change-approval-rules.service';
import { ApproverResolution } from '../approver-resolution.service';
import { ChangeCommandRunner } from '../change-command-runner';
import { DecideApprovalHandler } from '../commands/decide-approval/decide-approval.handler';
import { RequestChangeAuthorisationHandler } from '../commands/request-change-authorisation/request-change-authorisation.handler';
import { RevertChangeToNewHandler } from '../commands/revert-change-to-new/revert-change-to-new.handler';
import { SubmitChangeForAssessmentHandler } from '../commands/submit-change-for-assessment/submit-change-for-assessment.handler';
import { defineApprovalPolicy } from '../../domain';
import type { ApprovalPolicyDraft } from '../../domain';
import { DEMO_APPROVERS_BY_ROLE, demoApprovalPolicies } from '../../demo/change-approval-demo-data';
import { changeWorld } from './change-fixtures';
import { InMemoryApprovalDelegations, InMemoryApprovalPolicies } from './in-memory-approval-stores';

/**
 * The change world of change-fixtures with the approval engine wired in: the demo policies (CAB
 * group g-cab: p-cab-1..3 at 2 of 3; change managers: p-manager), in-memory delegations, the
 * runner applying the approval rules to every decision.
 */
export async function approvalWorld(drafts: readonly ApprovalPolicyDraft[] = demoApprovalPolicies({ managers: DEMO_APPROVERS_BY_ROLE.managers, cab: { groupIds: ['g-cab'], userIds: [], roles: [] } })) {
  const world = await changeWorld();
  const policies = new InMemoryApprovalPolicies();
  drafts.forEach((draft, i) => policies.records.set(`pol-${i + 1}`, defineApprovalPolicy(`pol-${i + 1}`, draft, 'admin', world.clock.now())));
  const delegations = new InMemoryApprovalDelegations();
  const rules = new ChangeApprovalRules(policies, new ApproverResolution(world.people, world.items));
  const runner = new ChangeCommandRunner(world.changes, world.access, world.clock, rules);
  return {
    ...world,
    runner,
    rules,
    policies,
    delegations,
    submit: new SubmitChangeForAssessmentHandler(runner),
    requestAuthorisation: new RequestChangeAuthorisationHandler(runner),
    revert: new RevertChangeToNewHandler(runner),
    decide: new DecideApprovalHandler(runner, delegations, world.clock),
  };
}

export type ApprovalWorld = Awaited<ReturnType<typeof approvalWorld>>;
