import { ApprovalErrorCode, approvalError } from './approval.errors';
import type { ApprovalPlan } from './approval-policy';
import { delegatorsOf } from './delegation';
import type { Delegation } from './delegation';
import { tallyLevel } from './level-rule';
import type { LevelRule } from './level-rule';
import { POLICY_LIMITS } from './approval-policy';

/** `waiting`: not asked yet; `pending`: asked; `skipped`: closed without its decision mattering; `canceled`: the process was. */
export type LevelStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped' | 'canceled';
export type ApprovalOutcome = 'pending' | 'approved' | 'rejected' | 'canceled';
export type ApprovalVerdict = 'approved' | 'rejected';

export interface ApprovalDecision {
  /** Who decided. */
  readonly approverId: string;
  /** The approver the decider stood in for (a delegate deciding), else null. */
  readonly onBehalfOf: string | null;
  readonly decision: ApprovalVerdict;
  readonly comment: string | null;
  readonly at: Date;
}

export interface ApprovalLevel {
  readonly index: number;
  readonly policyId: string;
  readonly name: string;
  readonly mandatory: boolean;
  readonly rule: LevelRule;
  /** Resolved when the process started, sorted, distinct. */
  readonly approverIds: readonly string[];
  readonly status: LevelStatus;
  readonly decisions: readonly ApprovalDecision[];
  readonly openedAt: Date | null;
  readonly closedAt: Date | null;
}

/** A policy that approved by itself: the system's decision. */
export interface SystemApproval {
  readonly policyId: string;
  readonly at: Date;
}

export interface ApprovalProcess {
  readonly policyIds: readonly string[];
  readonly outcome: ApprovalOutcome;
  readonly levels: readonly ApprovalLevel[];
  readonly autoApprovals: readonly SystemApproval[];
  readonly startedAt: Date;
  readonly closedAt: Date | null;
}

/** A process after a step, with the levels the step opened (to announce) in order. */
export interface ApprovalStep {
  readonly process: ApprovalProcess;
  readonly opened: readonly number[];
}

/** The planned levels' approver sets, resolved by the caller, index for index. */
export type ResolvedApprovers = readonly (readonly string[])[];

/**
 * Starts a process from a plan and its resolved approver sets: opens level 0 (and every optional
 * level up to the first mandatory one). A plan with no level is approved at once (auto-approval).
 * A mandatory level that resolved to nobody could never pass: APPROVAL.NO_APPROVERS; an optional
 * one is skipped when its turn comes.
 */
export function startApproval(plan: ApprovalPlan, approvers: ResolvedApprovers, now: Date): ApprovalStep {
  if (approvers.length !== plan.levels.length) throw new RangeError('one resolved approver set per planned level');
  if (plan.levels.length > POLICY_LIMITS.levels) {
    throw approvalError(ApprovalErrorCode.InvalidPolicy, `The policies ask more than ${POLICY_LIMITS.levels} levels together.`, { levels: plan.levels.length });
  }
  const levels: ApprovalLevel[] = plan.levels.map((planned, index) => ({
    index,
    policyId: planned.policyId,
    name: planned.definition.name,
    mandatory: planned.definition.mandatory,
    rule: planned.definition.rule,
    approverIds: [...new Set(approvers[index])].sort(),
    status: 'waiting',
    decisions: [],
    openedAt: null,
    closedAt: null,
  }));
  const empty = levels.find((l) => l.mandatory && l.approverIds.length === 0);
  if (empty !== undefined) {
    throw approvalError(ApprovalErrorCode.NoApprovers, `Level ${empty.index} (${empty.name}) has no approver.`, { level: empty.index, name: empty.name });
  }
  const started: ApprovalProcess = {
    policyIds: plan.policyIds,
    outcome: 'pending',
    levels,
    autoApprovals: plan.autoApprovedBy.map((policyId) => ({ policyId, at: now })),
    startedAt: now,
    closedAt: null,
  };
  return advance(started, now);
}

export interface DecideApproval {
  readonly actorId: string;
  /** Decide as this approver (the actor themselves, or someone who delegated to the actor); null: the engine picks. */
  readonly onBehalfOf: string | null;
  readonly decision: ApprovalVerdict;
  readonly comment: string | null;
  /** Decide on this level only; null: the lowest pending level where the actor holds an undecided seat. */
  readonly level: number | null;
}

export interface DecisionStep extends ApprovalStep {
  readonly level: ApprovalLevel;
  readonly decision: ApprovalDecision;
}

/**
 * Records one decision. The seat is the actor's own when the pending level names them, else that
 * of a person who delegated to them (active at `now`; the first by id when several). One decision
 * per seat per level; a mandatory level's rejection rejects the process.
 */
export function decideApproval(process: ApprovalProcess, input: DecideApproval, delegations: readonly Delegation[], now: Date): DecisionStep {
  requirePending(process);
  const delegators = delegatorsOf(input.actorId, delegations, now);
  let seats = [input.actorId, ...delegators];
  if (input.onBehalfOf !== null) {
    if (!seats.includes(input.onBehalfOf)) throw notEntitled(input.actorId, `may not decide on behalf of ${input.onBehalfOf}`);
    seats = [input.onBehalfOf];
  }
  const pending = process.levels.filter((l) => l.status === 'pending' && (input.level === null || l.index === input.level));
  let alreadyDecided = false;
  for (const level of pending) {
    for (const seat of seats) {
      if (!level.approverIds.includes(seat)) continue;
      if (level.decisions.some((d) => (d.onBehalfOf ?? d.approverId) === seat)) {
        alreadyDecided = true;
        continue;
      }
      return record(process, level, seat, input, now);
    }
  }
  if (alreadyDecided) {
    throw approvalError(ApprovalErrorCode.AlreadyDecided, `${input.actorId} already decided on the pending level.`, { actorId: input.actorId });
  }
  throw notEntitled(input.actorId, 'is not an approver of a pending level, nor a delegate of one');
}

function record(process: ApprovalProcess, level: ApprovalLevel, seat: string, input: DecideApproval, now: Date): DecisionStep {
  const decision: ApprovalDecision = {
    approverId: input.actorId,
    onBehalfOf: seat === input.actorId ? null : seat,
    decision: input.decision,
    comment: input.comment,
    at: now,
  };
  const decisions = [...level.decisions, decision];
  const approvals = decisions.filter((d) => d.decision === 'approved').length;
  const tally = tallyLevel(level.rule, level.approverIds.length, approvals, decisions.length - approvals);
  const decided: ApprovalLevel = { ...level, decisions, status: tally, closedAt: tally === 'pending' ? null : now };
  const step = advance({ ...process, levels: process.levels.map((l) => (l.index === level.index ? decided : l)) }, now);
  const after = step.process.levels[level.index] ?? decided;
  return { ...step, level: after, decision };
}

/** Cancels a pending process: every waiting or pending level is canceled, its decisions kept. */
export function cancelApproval(process: ApprovalProcess, now: Date): ApprovalProcess {
  requirePending(process);
  return {
    ...process,
    outcome: 'canceled',
    closedAt: now,
    levels: process.levels.map((l) => (l.status === 'pending' || l.status === 'waiting' ? { ...l, status: 'canceled', closedAt: now } : l)),
  };
}

/** The levels a person may decide now (their own seat or one they stand in for), undecided. */
export function levelsAwaiting(process: ApprovalProcess, personId: string, delegations: readonly Delegation[], now: Date): ApprovalLevel[] {
  if (process.outcome !== 'pending') return [];
  const seats = [personId, ...delegatorsOf(personId, delegations, now)];
  return process.levels.filter(
    (l) =>
      l.status === 'pending' &&
      seats.some((s) => l.approverIds.includes(s) && !l.decisions.some((d) => (d.onBehalfOf ?? d.approverId) === s)),
  );
}

/**
 * Moves the process on: a rejected mandatory level rejects it; otherwise waiting levels open in
 * order up to and including the first mandatory one still pending; when no mandatory level is
 * left pending or waiting, it is approved. Levels that can no longer matter are skipped.
 */
function advance(process: ApprovalProcess, now: Date): ApprovalStep {
  if (process.levels.some((l) => l.mandatory && l.status === 'rejected')) return { process: close(process, 'rejected', now), opened: [] };
  const opened: number[] = [];
  let blocked = false;
  const levels = process.levels.map((level): ApprovalLevel => {
    if (blocked) return level;
    let current = level;
    if (current.status === 'waiting') {
      opened.push(current.index);
      current = current.approverIds.length === 0 ? { ...current, status: 'skipped', openedAt: now, closedAt: now } : { ...current, status: 'pending', openedAt: now };
    }
    if (current.mandatory && current.status === 'pending') blocked = true;
    return current;
  });
  const moved = { ...process, levels };
  const open = opened.filter((i) => levels[i]?.status === 'pending');
  if (blocked) return { process: moved, opened: open };
  return { process: close(moved, 'approved', now), opened: [] };
}

function close(process: ApprovalProcess, outcome: 'approved' | 'rejected', now: Date): ApprovalProcess {
  return {
    ...process,
    outcome,
    closedAt: now,
    levels: process.levels.map((l) => (l.status === 'pending' || l.status === 'waiting' ? { ...l, status: 'skipped', closedAt: now } : l)),
  };
}

function requirePending(process: ApprovalProcess): void {
  if (process.outcome !== 'pending') {
    throw approvalError(ApprovalErrorCode.NotPending, `The approval is ${process.outcome}: nothing is pending.`, { outcome: process.outcome });
  }
}

function notEntitled(actorId: string, problem: string) {
  return approvalError(ApprovalErrorCode.NotEntitled, `${actorId} ${problem}.`, { actorId });
}
