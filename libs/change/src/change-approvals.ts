import { contextRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { ChangeApprovalRules } from './application/change-approval-rules.service';
import { ApproverResolution } from './application/approver-resolution.service';
import { ChangeDecisionHook } from './application/change-decision-hook';
import { DecideApprovalHandler } from './application/commands/decide-approval/decide-approval.handler';
import { DefineApprovalPolicyHandler } from './application/commands/define-approval-policy/define-approval-policy.handler';
import { DelegateApprovalsHandler } from './application/commands/delegate-approvals/delegate-approvals.handler';
import { DeleteApprovalPolicyHandler } from './application/commands/delete-approval-policy/delete-approval-policy.handler';
import { ReviseApprovalPolicyHandler } from './application/commands/revise-approval-policy/revise-approval-policy.handler';
import { RevokeApprovalDelegationHandler } from './application/commands/revoke-approval-delegation/revoke-approval-delegation.handler';
import { ApprovalDelegationStore, ApprovalPolicyStore } from './application/ports/approval-stores.port';
import { PendingApprovalReads } from './application/ports/pending-approvals.port';
import { MyPendingApprovalsHandler } from './application/queries/my-pending-approvals/my-pending-approvals.handler';
import { ApprovalAdminResolver } from './graphql/approval-admin.resolver';
import { ChangeApprovalResolver } from './graphql/change-approval.resolver';
import { ApprovalDelegationRepository } from './persistence/approval-delegation.repository';
import { ApprovalPolicyRepository } from './persistence/approval-policy.repository';
import { PendingApprovalRepository } from './persistence/pending-approval.repository';

/**
 * What ChangeModule registers for change approvals (the shared @itsm/approval engine): policies and
 * delegations (admin records), the pending-approvals read, the approval rules every change decision
 * passes through (ChangeDecisionHook), the handlers and the resolvers.
 */
export const CHANGE_APPROVAL_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(ApprovalPolicyRepository, (c) => new ApprovalPolicyRepository(c), ApprovalPolicyRepository.indexes),
  contextRepository(ApprovalDelegationRepository, (c) => new ApprovalDelegationRepository(c), ApprovalDelegationRepository.indexes),
  contextRepository(PendingApprovalRepository, (c) => new PendingApprovalRepository(c), PendingApprovalRepository.indexes),
];

export const CHANGE_APPROVAL_HANDLERS = [
  DecideApprovalHandler,
  DefineApprovalPolicyHandler,
  ReviseApprovalPolicyHandler,
  DeleteApprovalPolicyHandler,
  DelegateApprovalsHandler,
  RevokeApprovalDelegationHandler,
  MyPendingApprovalsHandler,
];

export const CHANGE_APPROVAL_PROVIDERS: readonly Provider[] = [
  { provide: ApprovalPolicyStore, useExisting: ApprovalPolicyRepository },
  { provide: ApprovalDelegationStore, useExisting: ApprovalDelegationRepository },
  { provide: PendingApprovalReads, useExisting: PendingApprovalRepository },
  ApproverResolution,
  ChangeApprovalRules,
  { provide: ChangeDecisionHook, useExisting: ChangeApprovalRules },
  ...CHANGE_APPROVAL_HANDLERS,
  ChangeApprovalResolver,
  ApprovalAdminResolver,
];
