import type { ApprovalDecision, ApprovalLevel, ApprovalProcess } from '@itsm/approval';

const at = (value: Date | string): Date => new Date(value);
const maybe = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));

/** The stored approval with its instants as Dates again (a document read as JSON holds them as text). */
export function approvalOfDocument(stored: ApprovalProcess | null | undefined): ApprovalProcess | null {
  if (stored === null || stored === undefined) return null;
  return {
    policyIds: [...stored.policyIds],
    outcome: stored.outcome,
    autoApprovals: stored.autoApprovals.map((a) => ({ policyId: a.policyId, at: at(a.at) })),
    startedAt: at(stored.startedAt),
    closedAt: maybe(stored.closedAt),
    levels: stored.levels.map(
      (l): ApprovalLevel => ({
        index: l.index,
        policyId: l.policyId,
        name: l.name,
        mandatory: l.mandatory,
        rule: l.rule.kind === 'quorum' ? { kind: 'quorum', percent: l.rule.percent } : { kind: l.rule.kind },
        approverIds: [...l.approverIds],
        status: l.status,
        decisions: l.decisions.map((d): ApprovalDecision => ({ approverId: d.approverId, onBehalfOf: d.onBehalfOf ?? null, decision: d.decision, comment: d.comment ?? null, at: at(d.at) })),
        openedAt: maybe(l.openedAt),
        closedAt: maybe(l.closedAt),
      }),
    ),
  };
}
