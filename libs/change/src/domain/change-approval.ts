import { cancelApproval, decideApproval, startApproval } from '@itsm/approval';
import type { ApprovalLevel, ApprovalPlan, ApprovalProcess, ApprovalVerdict, Delegation, Facts, ResolvedApprovers } from '@itsm/approval';
import { withChangeCodes } from './approval-errors';
import { authorise, reject } from './change-lifecycle';
import type { ChangeDecision } from './change-lifecycle';
import { changeFacts } from './change.events';
import type { ChangeEvent } from './change.events';
import { ChangeError, ChangeErrorCode } from './change.errors';
import { RISK_LEVELS } from './change.model';
import type { Change } from './change.model';

/** Who records a decision nobody took by hand (an auto-approving policy). */
export const SYSTEM_APPROVER = 'system';
const MAX_COMMENT = 2_000;

/**
 * The facts an approval policy's conditions may name: `model`, `state`, `risk` (low..very_high or
 * null), `riskRank` (0..3 or null), `emergency`, `templateId`, `requesterId`, `assignmentGroupId`,
 * `assignedOrgId`, `configurationItemIds`, `serviceIds`, `ciCount`, `serviceCount`,
 * `leadTimeHours` (whole hours from now to the planned start, null without a plan).
 */
export function approvalFacts(change: Change, now: Date): Facts {
  const risk = change.risk?.level ?? null;
  return {
    model: change.model,
    state: change.state,
    risk,
    riskRank: risk === null ? null : RISK_LEVELS.indexOf(risk),
    emergency: change.model === 'emergency',
    templateId: change.templateId,
    requesterId: change.requesterId,
    assignmentGroupId: change.assignmentGroupId,
    assignedOrgId: change.assignedOrgId,
    configurationItemIds: [...change.configurationItemIds],
    serviceIds: [...change.serviceIds],
    ciCount: change.configurationItemIds.length,
    serviceCount: change.serviceIds.length,
    leadTimeHours: change.planned === null ? null : Math.floor((change.planned.start.getTime() - now.getTime()) / 3_600_000),
  };
}

/** The person ids still expected to decide: undecided seats of pending levels (the pending-approvals index). */
export function awaitingApprovers(process: ApprovalProcess | null): string[] {
  if (process === null || process.outcome !== 'pending') return [];
  const ids = process.levels
    .filter((l) => l.status === 'pending')
    .flatMap((l) => l.approverIds.filter((id) => !l.decisions.some((d) => (d.onBehalfOf ?? d.approverId) === id)));
  return [...new Set(ids)].sort();
}

function approvalRequested(change: Change, level: ApprovalLevel, by: string, now: Date): ChangeEvent {
  return {
    type: 'itsm.change.approval-requested.v1',
    data: { ...changeFacts(change, by, now), level: level.index, levelName: level.name, approverIds: [...level.approverIds] },
  };
}

function requestedEvents(change: Change, opened: readonly number[], by: string, now: Date): ChangeEvent[] {
  const levels = change.approval?.levels ?? [];
  return opened.flatMap((i) => (levels[i] === undefined ? [] : [approvalRequested(change, levels[i], by, now)]));
}

/** The level outcome as the contract's approval-decided event names it. */
function levelOutcome(level: ApprovalLevel): 'pending' | 'approved' | 'rejected' {
  return level.status === 'approved' || level.status === 'rejected' ? level.status : 'pending';
}

/**
 * A change has just entered Authorize (`entered`): opens its approval from the plan (level 0 asked:
 * approval-requested). No applying policy: no approval (the CAB decides). A policy that approves by
 * itself records the system's decision and authorises the change in the same write.
 */
export function openChangeApproval(entered: ChangeDecision, plan: ApprovalPlan, approvers: ResolvedApprovers, by: string, now: Date): ChangeDecision {
  if (plan.policyIds.length === 0) return { change: { ...entered.change, approval: null }, events: entered.events };
  const step = withChangeCodes(() => startApproval(plan, approvers, now));
  const change: Change = { ...entered.change, approval: step.process };
  const events = [...entered.events, ...requestedEvents(change, step.opened, by, now)];
  if (step.process.outcome !== 'approved') return { change, events };
  const authorised = authorise(change, autoReason(plan), SYSTEM_APPROVER, now);
  // One write, one version step (the move into Authorize took it).
  return { change: { ...authorised.change, version: change.version }, events: [...events, systemDecision(change, plan, now), ...authorised.events] };
}

function autoReason(plan: ApprovalPlan): string {
  if (plan.autoApprovedBy.length === 0) return `approved under policy ${plan.policyIds.join(', ')}: no mandatory level to ask`;
  return `auto-approved by policy ${plan.autoApprovedBy.join(', ')}`;
}

/** The system's approval as an approval-decided event (level 0: the policy asked no level). */
function systemDecision(change: Change, plan: ApprovalPlan, now: Date): ChangeEvent {
  return {
    type: 'itsm.change.approval-decided.v1',
    data: { ...changeFacts(change, SYSTEM_APPROVER, now), level: 0, approverId: SYSTEM_APPROVER, onBehalfOf: null, decision: 'approved', comment: autoReason(plan), levelOutcome: 'approved' },
  };
}

/**
 * A standard change was just created (pre-approved, straight to Scheduled): when an applying policy
 * approves it by itself, the system's decision is recorded on it (approval and event); otherwise
 * the template's pre-approval stands alone and nothing is added.
 */
export function recordPreApproval(created: ChangeDecision, plan: ApprovalPlan, now: Date): ChangeDecision {
  if (plan.autoApprovedBy.length === 0) return created;
  const process = startApproval({ policyIds: plan.policyIds, autoApprovedBy: plan.autoApprovedBy, levels: [] }, [], now).process;
  const change: Change = { ...created.change, approval: process };
  return { change, events: [...created.events, systemDecision(change, plan, now)] };
}

export interface ChangeApprovalDecision {
  readonly actorId: string;
  readonly onBehalfOf: string | null;
  readonly decision: ApprovalVerdict;
  readonly comment: string | null;
  readonly level: number | null;
}

function commentOf(input: ChangeApprovalDecision): string | null {
  const comment = input.comment?.trim() ?? '';
  if (comment.length > MAX_COMMENT) throw new ChangeError(ChangeErrorCode.InvalidInput, `comment: at most ${MAX_COMMENT} characters`, { field: 'comment' });
  if (comment === '' && input.decision === 'rejected') throw new ChangeError(ChangeErrorCode.InvalidInput, 'comment: a rejection needs a reason', { field: 'comment' });
  return comment === '' ? null : comment;
}

/**
 * Records one approver's decision on the change's pending approval (CHANGE.NOT_ENTITLED when the
 * person is neither an approver of a pending level nor a delegate of one). The next level opens on
 * approval; the policy approving authorises the change, a mandatory rejection rejects it (back to
 * New), all in the one write.
 */
export function decideChangeApproval(change: Change, input: ChangeApprovalDecision, delegations: readonly Delegation[], now: Date): ChangeDecision {
  if (change.approval === null || change.approval.outcome !== 'pending') {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `change ${change.number} has no pending approval`, { changeId: change.id, move: 'decide-approval', state: change.state });
  }
  const comment = commentOf(input);
  const step = withChangeCodes(() =>
    decideApproval(change.approval as ApprovalProcess, { actorId: input.actorId, onBehalfOf: input.onBehalfOf, decision: input.decision, comment, level: input.level }, delegations, now),
  );
  const decided: Change = { ...change, approval: step.process, updatedAt: now, version: change.version + 1 };
  const events: ChangeEvent[] = [
    {
      type: 'itsm.change.approval-decided.v1',
      data: {
        ...changeFacts(decided, input.actorId, now),
        level: step.level.index,
        approverId: step.decision.approverId,
        onBehalfOf: step.decision.onBehalfOf,
        decision: step.decision.decision,
        comment: step.decision.comment,
        levelOutcome: levelOutcome(step.level),
      },
    },
    ...requestedEvents(decided, step.opened, input.actorId, now),
  ];
  const policyNames = step.process.policyIds.join(', ');
  if (step.process.outcome === 'approved') {
    const authorised = authorise(decided, `approved under policy ${policyNames}`, input.actorId, now);
    return { change: { ...authorised.change, version: decided.version }, events: [...events, ...authorised.events] };
  }
  if (step.process.outcome === 'rejected') {
    const rejected = reject(decided, comment ?? `rejected under policy ${policyNames}`, input.actorId, now);
    return { change: { ...rejected.change, version: decided.version }, events: [...events, ...rejected.events] };
  }
  return { change: decided, events };
}

/**
 * After any other decision on the change: a pending approval is canceled when the change leaves
 * the approval's reach (back to New, canceled, or authorised by someone else, e.g. the CAB).
 * An emergency change implementing before its authorisation keeps its approval pending.
 */
export function settleApproval(decision: ChangeDecision, now: Date): ChangeDecision {
  const { change } = decision;
  if (change.approval === null || change.approval.outcome !== 'pending') return decision;
  const leftReach = change.state === 'new' || change.state === 'canceled' || change.authorisedAt !== null;
  if (!leftReach) return decision;
  return { change: { ...change, approval: cancelApproval(change.approval, now) }, events: decision.events };
}
