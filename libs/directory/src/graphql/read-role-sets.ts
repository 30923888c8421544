import { ROLES } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';

/** Who may call the directory's read queries; what each one then sees is the domain's read-access policy (organisation, self). */
export const DIRECTORY_EVERYONE: readonly Role[] = ROLES;
/** Staff plus supplier agents (requesters read only themselves: `me`, `people`, `person`). */
export const DIRECTORY_WORKERS: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'admin', 'supplier-agent'];
