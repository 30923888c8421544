import { isRole } from '@itsm/platform/auth';
import type { Principal, Role } from '@itsm/platform/auth';
import type { DirectoryPerson } from '../../request-directory.service';

/**
 * Who a reply's author is to the catalogue's access rules, from its directory projection (a reply
 * carries no token): the roles the person holds directly or through their groups, their
 * organisation; anyone of a supplier organisation acts as a supplier agent of it (who sees only the
 * tasks of its groups, never the request), whatever roles the directory gives them.
 */
export function replyPrincipal({ person, profile }: DirectoryPerson): Principal {
  const roles = new Set<Role>(profile.roles.filter(isRole));
  if (profile.organisationKind === 'supplier') roles.add('supplier-agent');
  return { userId: person.id, name: person.displayName, roles: [...roles].sort(), orgId: person.orgId ?? undefined };
}
