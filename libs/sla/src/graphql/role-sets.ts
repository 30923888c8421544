import { ROLES } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';

export const EVERYONE: readonly Role[] = ROLES;
/** Who reads the catalogue: staff who work tickets against it. */
export const CATALOGUE_READERS: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
