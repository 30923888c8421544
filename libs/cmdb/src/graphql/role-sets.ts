import { ROLES } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';

export const EVERYONE: readonly Role[] = ROLES;
/** Staff who work tickets against the CMDB read it whole. */
export const CMDB_READERS: readonly Role[] = ['agent', 'incident-manager', 'problem-manager', 'admin'];
/** Who edits CIs and relationships by hand (source `manual`). */
export const CMDB_EDITORS: readonly Role[] = ['incident-manager', 'problem-manager', 'admin'];
/** Who reports discovery through the API (discovery tools' service accounts) and changes the data model. */
export const CMDB_ADMINS: readonly Role[] = ['admin'];
