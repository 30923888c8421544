import { ROLES } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';

/** The coarse role sets the resolvers declare; fine-grained rules (ownership, organisation) are the domain's access policy. */
export const EVERYONE: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'admin'];
/** Staff plus supplier agents, who work the tickets assigned to their organisation. */
export const WORKERS: readonly Role[] = [...STAFF, 'supplier-agent'];
