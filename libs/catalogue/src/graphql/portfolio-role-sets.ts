import type { Role } from '@itsm/platform/auth';

/**
 * The coarse role sets the portfolio resolvers declare; who owns which service and who is entitled
 * to which item are the application's checks.
 */
export const CATALOGUE_BROWSERS: readonly Role[] = ['requester', 'agent', 'supplier-agent', 'incident-manager', 'problem-manager', 'change-manager', 'cab-member', 'implementer', 'catalogue-admin', 'admin'];
/** Who manages services and items: catalogue admins, and service owners (any internal role) theirs. */
export const PORTFOLIO_MANAGERS: readonly Role[] = ['requester', 'agent', 'incident-manager', 'problem-manager', 'change-manager', 'cab-member', 'implementer', 'catalogue-admin', 'admin'];
export const CATALOGUE_ADMINS: readonly Role[] = ['catalogue-admin', 'admin'];
