import type { Role } from '@itsm/platform/auth';

/** Who may order (a supplier agent works tasks, it does not order). Entitlement and on-behalf rules are the handler's. */
export const REQUEST_ORDERERS: readonly Role[] = ['requester', 'agent', 'incident-manager', 'problem-manager', 'change-manager', 'cab-member', 'implementer', 'catalogue-admin', 'admin'];
/** Who may read requests and decide approvals: everyone who orders (which requests they see is RequestAccess's rule). */
export const REQUEST_READERS: readonly Role[] = REQUEST_ORDERERS;
/** Who works fulfilment tasks: group members, supplier agents for their organisation's groups. */
export const TASK_WORKERS: readonly Role[] = [...REQUEST_ORDERERS, 'supplier-agent'];
