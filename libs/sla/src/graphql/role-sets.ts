import { ROLES } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';

export const EVERYONE: readonly Role[] = ROLES;
/** Who reads the policy set: staff who work tickets against it. */
export const POLICY_READERS: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
