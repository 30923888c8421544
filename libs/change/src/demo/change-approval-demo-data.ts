import type { INestApplication } from '@nestjs/common';
import { DefineApprovalPolicyCommand } from '../application/commands/define-approval-policy/define-approval-policy.command';
import { DefineApprovalPolicyHandler } from '../application/commands/define-approval-policy/define-approval-policy.handler';
import { ApprovalPolicyStore } from '../application/ports/approval-stores.port';
import type { ApprovalPolicyDraft } from '../domain';
import type { ApproverSpec } from '@itsm/approval';

/** Who decides the demo policies' levels. */
export interface DemoApprovers {
  readonly managers: ApproverSpec;
  readonly cab: ApproverSpec;
}

/** By role: the change managers, and the CAB members (the CAB group also holds the manager who chairs it). */
export const DEMO_APPROVERS_BY_ROLE: DemoApprovers = {
  managers: { groupIds: [], userIds: [], roles: ['change-manager'] },
  cab: { groupIds: [], userIds: [], roles: ['cab-member'] },
};

/**
 * The demo's approval policies (by name; skipped when a policy of that name exists):
 * - low-risk standard changes approve themselves (a system decision, no level asked);
 * - normal and emergency changes: the change managers (first response), then the CAB at 2 of 3
 *   (66 %: 2 × 100 ≥ 66 × 3), both mandatory.
 */
export function demoApprovalPolicies(approvers: DemoApprovers = DEMO_APPROVERS_BY_ROLE): ApprovalPolicyDraft[] {
  return [
    {
      name: 'Low-risk standard changes',
      description: 'Pre-approved: a standard change from a published template at low risk approves itself.',
      order: 10,
      active: true,
      appliesWhen: { fact: 'model', op: 'eq', value: 'standard' },
      // Low risk, or not assessed yet (a template's change is created pre-approved, before any assessment).
      autoApproveWhen: { all: [{ fact: 'model', op: 'eq', value: 'standard' }, { fact: 'risk', op: 'not_in', value: ['moderate', 'high', 'very_high'] }] },
      levels: [{ name: 'Change managers', approvers: approvers.managers, rule: { kind: 'first_response' }, mandatory: true }],
    },
    {
      name: 'Normal changes: managers, then the CAB',
      description: 'A change manager first (first response), then 2 of the 3 CAB members.',
      order: 20,
      active: true,
      appliesWhen: { fact: 'model', op: 'in', value: ['normal', 'emergency'] },
      autoApproveWhen: null,
      levels: [
        { name: 'Change managers', approvers: approvers.managers, rule: { kind: 'first_response' }, mandatory: true },
        { name: 'Change Advisory Board', approvers: approvers.cab, rule: { kind: 'quorum', percent: 66 }, mandatory: true },
      ],
    },
  ];
}

/** Seeds the demo approval policies through the admin use case; answers their ids by name. */
export async function seedDemoApprovalPolicies(app: INestApplication, approvers: DemoApprovers = DEMO_APPROVERS_BY_ROLE): Promise<ReadonlyMap<string, string>> {
  const store = app.get(ApprovalPolicyStore);
  const define = app.get(DefineApprovalPolicyHandler);
  const existing = new Map((await store.all()).map((p) => [p.name, p.id]));
  const ids = new Map<string, string>();
  for (const draft of demoApprovalPolicies(approvers)) {
    ids.set(draft.name, existing.get(draft.name) ?? (await define.execute(new DefineApprovalPolicyCommand('system', draft))).id);
  }
  return ids;
}
