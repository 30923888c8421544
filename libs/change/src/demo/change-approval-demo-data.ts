import type { INestApplication } from '@nestjs/common';
import { DefineApprovalPolicyCommand } from '../application/commands/define-approval-policy/define-approval-policy.command';
import { DefineApprovalPolicyHandler } from '../application/commands/define-approval-policy/define-approval-policy.handler';
import { ApprovalPolicyStore } from '../application/ports/approval-stores.port';
import type { ApprovalPolicyDraft } from '../domain';

/**
 * The demo's approval policies (by name; skipped when a policy of that name exists):
 * - low-risk standard changes approve themselves (a system decision, no level asked);
 * - normal changes: the change managers (first response), then the CAB at 2 of 3 (66 %:
 *   2 × 100 ≥ 66 × 3), both mandatory.
 * `cabGroupId`: the demo's CAB group; without one, the CAB level names the `cab-member` role.
 */
export function demoApprovalPolicies(cabGroupId: string | undefined): ApprovalPolicyDraft[] {
  return [
    {
      name: 'Low-risk standard changes',
      description: 'Pre-approved: a standard change from a published template at low risk approves itself.',
      order: 10,
      active: true,
      appliesWhen: { fact: 'model', op: 'eq', value: 'standard' },
      // Low risk, or not assessed yet (a template's change is created pre-approved, before any assessment).
      autoApproveWhen: { all: [{ fact: 'model', op: 'eq', value: 'standard' }, { fact: 'risk', op: 'not_in', value: ['moderate', 'high', 'very_high'] }] },
      levels: [{ name: 'Change managers', approvers: { groupIds: [], userIds: [], roles: ['change-manager'] }, rule: { kind: 'first_response' }, mandatory: true }],
    },
    {
      name: 'Normal changes: managers, then the CAB',
      description: 'A change manager first (first response), then 2 of the 3 CAB members.',
      order: 20,
      active: true,
      appliesWhen: { fact: 'model', op: 'in', value: ['normal', 'emergency'] },
      autoApproveWhen: null,
      levels: [
        { name: 'Change managers', approvers: { groupIds: [], userIds: [], roles: ['change-manager'] }, rule: { kind: 'first_response' }, mandatory: true },
        {
          name: 'Change Advisory Board',
          approvers: cabGroupId === undefined ? { groupIds: [], userIds: [], roles: ['cab-member'] } : { groupIds: [cabGroupId], userIds: [], roles: [] },
          rule: { kind: 'quorum', percent: 66 },
          mandatory: true,
        },
      ],
    },
  ];
}

/** Seeds the demo approval policies through the admin use case; answers their ids by name. */
export async function seedDemoApprovalPolicies(app: INestApplication, cabGroupId: string | undefined): Promise<ReadonlyMap<string, string>> {
  const store = app.get(ApprovalPolicyStore);
  const define = app.get(DefineApprovalPolicyHandler);
  const existing = new Map((await store.all()).map((p) => [p.name, p.id]));
  const ids = new Map<string, string>();
  for (const draft of demoApprovalPolicies(cabGroupId)) {
    ids.set(draft.name, existing.get(draft.name) ?? (await define.execute(new DefineApprovalPolicyCommand('system', draft))).id);
  }
  return ids;
}
