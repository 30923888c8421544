import type { Role } from '@itsm/platform/auth';

/** The coarse role sets the resolvers declare; ownership, group and organisation rules are the domain's access policy. */
export const CHANGE_READERS: readonly Role[] = ['requester', 'change-manager', 'cab-member', 'implementer', 'supplier-agent', 'admin'];
/** Who may raise a change. */
export const CHANGE_REQUESTERS: readonly Role[] = ['requester', 'change-manager', 'implementer', 'supplier-agent', 'admin'];
/** Who may edit and move a change towards authorisation (requesters only their own, while New). */
export const CHANGE_EDITORS: readonly Role[] = ['requester', 'change-manager', 'implementer', 'admin'];
/** Who implements: their group's or organisation's changes. */
export const CHANGE_WORKERS: readonly Role[] = ['change-manager', 'implementer', 'supplier-agent', 'admin'];
/** Cancel: managers, and requesters their own while New. */
export const CHANGE_CANCELERS: readonly Role[] = ['requester', 'change-manager', 'admin'];
export const CHANGE_MANAGERS: readonly Role[] = ['change-manager', 'admin'];
