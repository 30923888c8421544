import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../domain';
import type { RequesterProfile } from '../domain';

/** At most this many groups count for one person's entitlements (more is a directory problem, not a browse). */
const MAX_GROUPS = 500;

/**
 * Who a requester is for entitlement, from the catalogue's directory projection: organisation and
 * its kind (none: internal), roles held directly and through groups, group ids. An unknown or
 * deactivated person is CATALOGUE.FORBIDDEN.
 */
@Injectable()
export class RequesterProfiles {
  constructor(private readonly directory: DirectoryProjection) {}

  async of(personId: string): Promise<RequesterProfile> {
    const person = (await this.directory.people([personId])).get(personId);
    if (person === undefined || !person.active) throw catalogueError(CatalogueErrorCode.Forbidden, `Person ${personId} is not an active person of the directory.`, { personId });
    const [organisation, groups] = await Promise.all([
      person.orgId === null ? Promise.resolve(undefined) : this.directory.organisations([person.orgId]).then((found) => found.get(person.orgId ?? '')),
      this.directory.groupsOfMembers([personId], MAX_GROUPS),
    ]);
    return {
      personId,
      organisationId: person.orgId,
      organisationKind: organisation?.kind ?? 'internal',
      roles: [...new Set([...person.roles, ...groups.flatMap((g) => g.roles)])],
      groupIds: groups.map((g) => g.id),
    };
  }
}
